CREATE TABLE `appointment_types` (
	`slug` text PRIMARY KEY NOT NULL,
	`service_slug` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`required_form_id` text,
	`ticket_prefix` text NOT NULL,
	`texts` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `appointments` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`type_slug` text NOT NULL,
	`counter_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`status` text NOT NULL,
	`citizen_id` text,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`interpreter_language` text,
	`step_free` integer NOT NULL,
	`extra_time` integer NOT NULL,
	`submission_id` text,
	`channel` text NOT NULL,
	`assistance` text NOT NULL,
	`booked_by_staff_id` text,
	`manage_token_hash` text NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`lang` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`checked_in_at` integer,
	`called_at` integer,
	FOREIGN KEY (`type_slug`) REFERENCES `appointment_types`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counter_id`) REFERENCES `counters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`citizen_id`) REFERENCES `citizens`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`booked_by_staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_reference_unique` ON `appointments` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_idempotency_key_unique` ON `appointments` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_manage_token_hash_unique` ON `appointments` (`manage_token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_active_slot_uq` ON `appointments` (`counter_id`,`start`) WHERE status <> 'cancelled';--> statement-breakpoint
CREATE INDEX `appointments_counter_time_idx` ON `appointments` (`counter_id`,`start`,`end`);--> statement-breakpoint
CREATE INDEX `appointments_citizen_idx` ON `appointments` (`citizen_id`);--> statement-breakpoint
CREATE INDEX `appointments_start_idx` ON `appointments` (`start`);--> statement-breakpoint
CREATE TABLE `booking_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`min_notice_minutes` integer NOT NULL,
	`horizon_days` integer NOT NULL,
	`held_back_per_day` integer NOT NULL,
	`reminder_hours` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `closures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`counter_id` text,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`counter_id`) REFERENCES `counters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `counter_types` (
	`counter_id` text NOT NULL,
	`type_slug` text NOT NULL,
	PRIMARY KEY(`counter_id`, `type_slug`),
	FOREIGN KEY (`counter_id`) REFERENCES `counters`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`type_slug`) REFERENCES `appointment_types`(`slug`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `counters` (
	`id` text PRIMARY KEY NOT NULL,
	`names` text NOT NULL,
	`location` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `opening_hours` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`counter_id` text NOT NULL,
	`weekday` integer NOT NULL,
	`opens` integer NOT NULL,
	`closes` integer NOT NULL,
	FOREIGN KEY (`counter_id`) REFERENCES `counters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `opening_hours_counter_idx` ON `opening_hours` (`counter_id`);--> statement-breakpoint
CREATE TABLE `queue_tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`local_date` text NOT NULL,
	`number` integer NOT NULL,
	`type_slug` text NOT NULL,
	`status` text NOT NULL,
	`counter_id` text,
	`issued_at` integer NOT NULL,
	`called_at` integer,
	FOREIGN KEY (`type_slug`) REFERENCES `appointment_types`(`slug`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counter_id`) REFERENCES `counters`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `queue_tickets_day_number_uq` ON `queue_tickets` (`local_date`,`number`);--> statement-breakpoint
CREATE TABLE `visit_stats` (
	`visit_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`type_slug` text NOT NULL,
	`channel` text NOT NULL,
	`booked_at` integer NOT NULL,
	`start` integer,
	`checked_in_at` integer,
	`called_at` integer,
	`outcome` text NOT NULL,
	`staff_role` text
);
--> statement-breakpoint
CREATE INDEX `visit_stats_booked_idx` ON `visit_stats` (`booked_at`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `kind` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `appointment_id` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `appointment_sequence` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `attachments` text;