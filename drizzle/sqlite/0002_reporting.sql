CREATE TABLE `contact_counts` (
	`month` text NOT NULL,
	`service_slug` text NOT NULL,
	`channel` text NOT NULL,
	`assistance` text NOT NULL,
	`kind` text NOT NULL,
	`event` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`month`, `service_slug`, `channel`, `assistance`, `kind`, `event`)
);
--> statement-breakpoint
CREATE TABLE `exemptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`citizen_key` text NOT NULL,
	`service_slug` text,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by_staff_id` text,
	`ended_at` integer,
	FOREIGN KEY (`created_by_staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `exemptions_citizen_idx` ON `exemptions` (`citizen_key`);--> statement-breakpoint
CREATE TABLE `service_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_slug` text NOT NULL,
	`year` integer NOT NULL,
	`share` real NOT NULL,
	`set_at` integer NOT NULL,
	`set_by_staff_id` text,
	FOREIGN KEY (`set_by_staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `service_targets_idx` ON `service_targets` (`service_slug`,`year`,`set_at`);--> statement-breakpoint
CREATE TABLE `unit_costs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`from_date` text NOT NULL,
	`kr` real NOT NULL,
	`set_at` integer NOT NULL,
	`set_by_staff_id` text,
	FOREIGN KEY (`set_by_staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `contact_events_time_idx`;--> statement-breakpoint
ALTER TABLE `contact_events` ADD `could_be_digital` integer;--> statement-breakpoint
ALTER TABLE `contact_events` ADD `referred_to_digital` integer;--> statement-breakpoint
CREATE INDEX `contact_events_citizen_idx` ON `contact_events` (`citizen_key`,`occurred_at`,`service_slug`,`channel`,`assistance`,`kind`,`event`);--> statement-breakpoint
CREATE INDEX `contact_events_helped_idx` ON `contact_events` (`occurred_at`,`service_slug`,`citizen_key`) WHERE assistance <> 'none' AND event <> 'form_started' AND citizen_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX `contact_events_started_idx` ON `contact_events` (`occurred_at`,`service_slug`,`citizen_key`) WHERE event = 'form_started' AND channel = 'digital' AND citizen_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX `contact_events_started_key_idx` ON `contact_events` (`citizen_key`,`service_slug`,`occurred_at`) WHERE event = 'form_started' AND channel = 'digital';--> statement-breakpoint
CREATE INDEX `contact_events_submitted_key_idx` ON `contact_events` (`citizen_key`,`service_slug`,`occurred_at`) WHERE event = 'form_submitted';--> statement-breakpoint
CREATE INDEX `contact_events_manual_keyed_idx` ON `contact_events` (`occurred_at`,`service_slug`,`citizen_key`,`channel`) WHERE channel IN ('phone', 'counter') AND citizen_key IS NOT NULL;