CREATE TABLE "feedback" (
	"id" text PRIMARY KEY NOT NULL,
	"month" text NOT NULL,
	"touchpoint" text NOT NULL,
	"service_slug" text,
	"channel" text NOT NULL,
	"assistance" text NOT NULL,
	"score" integer NOT NULL,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "form_page_counts" (
	"month" text NOT NULL,
	"service_slug" text NOT NULL,
	"page" text NOT NULL,
	"reached" integer DEFAULT 0 NOT NULL,
	"last_seen" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "form_page_counts_month_service_slug_page_pk" PRIMARY KEY("month","service_slug","page")
);
--> statement-breakpoint
CREATE TABLE "help_facts" (
	"citizen_key" text NOT NULL,
	"service_slug" text NOT NULL,
	"month" text NOT NULL,
	"first_at" bigint NOT NULL,
	"next_self_at" bigint,
	CONSTRAINT "help_facts_citizen_key_service_slug_month_pk" PRIMARY KEY("citizen_key","service_slug","month")
);
--> statement-breakpoint
CREATE TABLE "journey_counts" (
	"month" text NOT NULL,
	"service_slug" text NOT NULL,
	"started" integer DEFAULT 0 NOT NULL,
	"dropped_out" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "journey_counts_month_service_slug_pk" PRIMARY KEY("month","service_slug")
);
--> statement-breakpoint
CREATE TABLE "start_facts" (
	"event_id" integer PRIMARY KEY NOT NULL,
	"citizen_key" text NOT NULL,
	"service_slug" text NOT NULL,
	"month" text NOT NULL,
	"started_at" bigint NOT NULL,
	"manual_at" bigint,
	"submitted_at" bigint,
	"last_page" text
);
--> statement-breakpoint
-- The counts gain dimensions the old rows lack: the seed counts them again from the events when the table is empty.
DELETE FROM "contact_counts";--> statement-breakpoint
ALTER TABLE "contact_counts" DROP CONSTRAINT "contact_counts_month_service_slug_channel_assistance_kind_event_pk";--> statement-breakpoint
ALTER TABLE "contact_counts" ADD COLUMN "staff_role" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_counts" ADD COLUMN "staff_unit" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_counts" ADD COLUMN "could_be_digital" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_counts" ADD COLUMN "referred_to_digital" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_counts" ADD COLUMN "delivery" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_counts" ADD CONSTRAINT "contact_counts_pk" PRIMARY KEY("month","service_slug","channel","assistance","kind","event","staff_role","staff_unit","could_be_digital","referred_to_digital","delivery");--> statement-breakpoint
ALTER TABLE "contact_events" ADD COLUMN "staff_unit" text;--> statement-breakpoint
ALTER TABLE "contact_events" ADD COLUMN "delivery" text;--> statement-breakpoint
ALTER TABLE "drafts" ADD COLUMN "pages_seen" jsonb;--> statement-breakpoint
ALTER TABLE "drafts" ADD COLUMN "last_page" text;--> statement-breakpoint
ALTER TABLE "help_codes" ADD COLUMN "staff_unit" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "guide_unit" text;--> statement-breakpoint
ALTER TABLE "unit_costs" ADD COLUMN "delivery_mode" text;--> statement-breakpoint
ALTER TABLE "unit_costs" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "visit_stats" ADD COLUMN "counter_id" text;--> statement-breakpoint
CREATE INDEX "feedback_month_idx" ON "feedback" USING btree ("month","service_slug");--> statement-breakpoint
CREATE INDEX "help_facts_month_idx" ON "help_facts" USING btree ("month","service_slug","citizen_key","first_at","next_self_at");--> statement-breakpoint
CREATE INDEX "start_facts_key_idx" ON "start_facts" USING btree ("citizen_key","service_slug","started_at");--> statement-breakpoint
CREATE INDEX "start_facts_dropped_idx" ON "start_facts" USING btree ("month","service_slug","last_page") WHERE manual_at IS NOT NULL AND submitted_at IS NULL;--> statement-breakpoint
CREATE INDEX "visit_stats_start_idx" ON "visit_stats" USING btree ("start");--> statement-breakpoint
ALTER TABLE "services" DROP COLUMN "target_digital_share";