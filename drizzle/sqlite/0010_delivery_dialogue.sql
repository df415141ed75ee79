CREATE TABLE `case_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`at` integer NOT NULL,
	`author` text NOT NULL,
	`staff_id` text,
	`unit` text,
	`text` text NOT NULL,
	`due_at` integer,
	`documents` text,
	`answers_id` text,
	`answered_at` integer,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `case_messages_submission_idx` ON `case_messages` (`submission_id`,`at`);--> statement-breakpoint
CREATE INDEX `case_messages_due_idx` ON `case_messages` (`due_at`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`parent_cpr` text NOT NULL,
	`parent_name` text NOT NULL,
	`child_name` text NOT NULL,
	`state` text NOT NULL,
	`created_at` integer NOT NULL,
	`answered_at` integer,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consents_submission_id_unique` ON `consents` (`submission_id`);--> statement-breakpoint
CREATE INDEX `consents_parent_idx` ON `consents` (`parent_cpr`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `receipt` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `lang` text;--> statement-breakpoint
ALTER TABLE `services` ADD `deliveries` text DEFAULT '["inbox"]' NOT NULL;--> statement-breakpoint
ALTER TABLE `services` ADD `webhook_url` text;--> statement-breakpoint
ALTER TABLE `services` ADD `delivery_email` text;--> statement-breakpoint
ALTER TABLE `submissions` ADD `decision` text;--> statement-breakpoint
ALTER TABLE `submissions` ADD `decision_reason` text;--> statement-breakpoint
ALTER TABLE `submissions` ADD `answered_at` integer;--> statement-breakpoint
ALTER TABLE `uploads` ADD `message_id` text;