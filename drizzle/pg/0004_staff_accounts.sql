CREATE TABLE "staff_recovery_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"staff_id" text NOT NULL,
	"used_at" bigint
);
--> statement-breakpoint
CREATE TABLE "staff_setup_links" (
	"id" text PRIMARY KEY NOT NULL,
	"staff_id" text NOT NULL,
	"totp_key" "bytea" NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"used_at" bigint
);
--> statement-breakpoint
CREATE TABLE "staff_totp_steps" (
	"staff_id" text NOT NULL,
	"step" integer NOT NULL,
	"used_at" bigint NOT NULL,
	CONSTRAINT "staff_totp_steps_staff_id_step_pk" PRIMARY KEY("staff_id","step")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "awaiting_second_factor" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "last_login_at" bigint;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "totp_key" "bytea";--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "sso_subject" text;--> statement-breakpoint
ALTER TABLE "staff_recovery_codes" ADD CONSTRAINT "staff_recovery_codes_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_setup_links" ADD CONSTRAINT "staff_setup_links_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_totp_steps" ADD CONSTRAINT "staff_totp_steps_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_recovery_codes_staff_idx" ON "staff_recovery_codes" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "staff_setup_links_staff_idx" ON "staff_setup_links" USING btree ("staff_id");--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_sso_subject_unique" UNIQUE("sso_subject");