CREATE TABLE `change_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`staff_id` text,
	`object_type` text NOT NULL,
	`object_id` text NOT NULL,
	`action` text NOT NULL,
	`detail` text,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `change_log_object_idx` ON `change_log` (`object_type`,`object_id`,`at`);--> statement-breakpoint
CREATE TABLE `form_versions` (
	`form_id` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`definition` text NOT NULL,
	`revision` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	`published_at` integer,
	`published_by` text,
	PRIMARY KEY(`form_id`, `version`),
	FOREIGN KEY (`form_id`) REFERENCES `forms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `forms` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `services` ADD `kind` text DEFAULT 'information' NOT NULL;--> statement-breakpoint
ALTER TABLE `services` ADD `external_url` text;--> statement-breakpoint
ALTER TABLE `services` ADD `kle` text;--> statement-breakpoint
ALTER TABLE `services` ADD `min_loa` text DEFAULT 'substantial' NOT NULL;--> statement-breakpoint
-- Services from before kinds: a form's service runs it, a counter service is booked.
UPDATE services SET kind = 'form' WHERE form_id IS NOT NULL;--> statement-breakpoint
UPDATE services SET kind = 'booking' WHERE form_id IS NULL AND needs_counter_visit = 1;
