CREATE TABLE `proxy_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`giver_citizen_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`reference` text NOT NULL,
	`action` text NOT NULL,
	`object_type` text NOT NULL,
	`object_id` text NOT NULL,
	FOREIGN KEY (`giver_citizen_id`) REFERENCES `citizens`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `proxy_log_giver_idx` ON `proxy_log` (`giver_citizen_id`,`at`);--> statement-breakpoint
CREATE TABLE `staff_recovery_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_recovery_codes_staff_idx` ON `staff_recovery_codes` (`staff_id`);--> statement-breakpoint
CREATE TABLE `staff_setup_links` (
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`totp_key` blob NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staff_setup_links_staff_idx` ON `staff_setup_links` (`staff_id`);--> statement-breakpoint
CREATE TABLE `staff_totp_steps` (
	`staff_id` text NOT NULL,
	`step` integer NOT NULL,
	`used_at` integer NOT NULL,
	PRIMARY KEY(`staff_id`, `step`),
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `drafts` ADD `proxy_citizen_id` text REFERENCES citizens(id) ON UPDATE no action ON DELETE set null;--> statement-breakpoint
ALTER TABLE `drafts` ADD `proxy_reference` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `awaiting_second_factor` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `acting_for_citizen_id` text REFERENCES citizens(id) ON UPDATE no action ON DELETE set null;--> statement-breakpoint
ALTER TABLE `sessions` ADD `acting_reference` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `acting_services` text;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `email` text;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `last_login_at` integer;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `totp_key` blob;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `sso_subject` text;--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_sso_subject_unique` ON `staff_users` (`sso_subject`);--> statement-breakpoint
ALTER TABLE `submissions` ADD `proxy_citizen_id` text REFERENCES citizens(id) ON UPDATE no action ON DELETE set null;--> statement-breakpoint
ALTER TABLE `submissions` ADD `proxy_reference` text;