CREATE TABLE "case_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"submission_id" text NOT NULL,
	"at" bigint NOT NULL,
	"author" text NOT NULL,
	"staff_id" text,
	"unit" text,
	"text" text NOT NULL,
	"due_at" bigint,
	"documents" jsonb,
	"answers_id" text,
	"answered_at" bigint
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" text PRIMARY KEY NOT NULL,
	"submission_id" text NOT NULL,
	"parent_cpr" text NOT NULL,
	"parent_name" text NOT NULL,
	"child_name" text NOT NULL,
	"state" text NOT NULL,
	"created_at" bigint NOT NULL,
	"answered_at" bigint,
	CONSTRAINT "consents_submission_id_unique" UNIQUE("submission_id")
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "receipt" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "lang" text;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "deliveries" jsonb DEFAULT '["inbox"]' NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "webhook_url" text;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "delivery_email" text;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "decision" text;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "decision_reason" text;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "answered_at" bigint;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "message_id" text;--> statement-breakpoint
ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_messages_submission_idx" ON "case_messages" USING btree ("submission_id","at");--> statement-breakpoint
CREATE INDEX "case_messages_due_idx" ON "case_messages" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "consents_parent_idx" ON "consents" USING btree ("parent_cpr");