CREATE TABLE `citizens` (
	`id` text PRIMARY KEY NOT NULL,
	`cpr` text NOT NULL,
	`name` text,
	`email` text,
	`created_at` integer NOT NULL,
	`last_login_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `citizens_cpr_unique` ON `citizens` (`cpr`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`citizen_id` text,
	`staff_id` text,
	`loa` text NOT NULL,
	`provider` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`citizen_id`) REFERENCES `citizens`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `staff_users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`unit` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_username_unique` ON `staff_users` (`username`);--> statement-breakpoint
CREATE TABLE `services` (
	`slug` text PRIMARY KEY NOT NULL,
	`life_situation` text NOT NULL,
	`texts` text NOT NULL,
	`form_id` text,
	`self_service_mandatory` integer NOT NULL,
	`needs_counter_visit` integer NOT NULL,
	`target_digital_share` real NOT NULL,
	`estimated_minutes` integer NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`citizen_id` text NOT NULL,
	`form_id` text NOT NULL,
	`form_version` integer NOT NULL,
	`service_slug` text NOT NULL,
	`answers` text NOT NULL,
	`operator_staff_id` text,
	`channel` text NOT NULL,
	`assistance` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`citizen_id`) REFERENCES `citizens`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`operator_staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `drafts_citizen_idx` ON `drafts` (`citizen_id`);--> statement-breakpoint
CREATE INDEX `drafts_expires_idx` ON `drafts` (`expires_at`);--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`form_id` text NOT NULL,
	`form_version` integer NOT NULL,
	`service_slug` text NOT NULL,
	`citizen_id` text NOT NULL,
	`operator_staff_id` text,
	`channel` text NOT NULL,
	`assistance` text NOT NULL,
	`answers` text NOT NULL,
	`lang` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`status_changed_at` integer NOT NULL,
	FOREIGN KEY (`citizen_id`) REFERENCES `citizens`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`operator_staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_reference_unique` ON `submissions` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_idempotency_key_unique` ON `submissions` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `submissions_citizen_idx` ON `submissions` (`citizen_id`);--> statement-breakpoint
CREATE INDEX `submissions_service_idx` ON `submissions` (`service_slug`,`created_at`);--> statement-breakpoint
CREATE TABLE `uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`citizen_id` text NOT NULL,
	`draft_id` text,
	`submission_id` text,
	`question_id` text NOT NULL,
	`file_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`citizen_id`) REFERENCES `citizens`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `uploads_draft_idx` ON `uploads` (`draft_id`);--> statement-breakpoint
CREATE INDEX `uploads_submission_idx` ON `uploads` (`submission_id`);--> statement-breakpoint
CREATE TABLE `contact_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`occurred_at` integer NOT NULL,
	`event` text NOT NULL,
	`channel` text NOT NULL,
	`assistance` text NOT NULL,
	`kind` text NOT NULL,
	`service_slug` text NOT NULL,
	`staff_role` text,
	`citizen_key` text
);
--> statement-breakpoint
CREATE INDEX `contact_events_time_idx` ON `contact_events` (`occurred_at`);--> statement-breakpoint
CREATE INDEX `contact_events_service_time_idx` ON `contact_events` (`service_slug`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`staff_id` text NOT NULL,
	`staff_role` text NOT NULL,
	`staff_unit` text NOT NULL,
	`citizen_id` text NOT NULL,
	`action` text NOT NULL,
	`object_type` text NOT NULL,
	`object_id` text NOT NULL,
	`purpose` text NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`citizen_id`) REFERENCES `citizens`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `audit_citizen_idx` ON `audit_log` (`citizen_id`,`at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer DEFAULT 5 NOT NULL,
	`last_error` text,
	`file_path` text,
	`submission_id` text,
	`created_at` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);