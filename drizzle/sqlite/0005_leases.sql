CREATE TABLE `job_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`lease_until` integer,
	`leased_by` text,
	`last_run_at` integer
);
--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`reset_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limits_reset_idx` ON `rate_limits` (`reset_at`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `lease_until` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `leased_by` text;