CREATE TABLE `help_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`staff_id` text NOT NULL,
	`staff_role` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `help_codes_code_idx` ON `help_codes` (`code`,`expires_at`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `kiosk` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `assisted_citizen_id` text REFERENCES citizens(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `sessions` ADD `assisted_channel` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `assisted_service` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `assisted_active_at` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `guide_role` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `guide_until` integer;