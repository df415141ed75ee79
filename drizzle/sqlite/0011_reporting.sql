CREATE TABLE `feedback` (
	`id` text PRIMARY KEY NOT NULL,
	`month` text NOT NULL,
	`touchpoint` text NOT NULL,
	`service_slug` text,
	`channel` text NOT NULL,
	`assistance` text NOT NULL,
	`score` integer NOT NULL,
	`comment` text
);
--> statement-breakpoint
CREATE INDEX `feedback_month_idx` ON `feedback` (`month`,`service_slug`);--> statement-breakpoint
CREATE TABLE `form_page_counts` (
	`month` text NOT NULL,
	`service_slug` text NOT NULL,
	`page` text NOT NULL,
	`reached` integer DEFAULT 0 NOT NULL,
	`last_seen` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `service_slug`, `page`)
);
--> statement-breakpoint
CREATE TABLE `help_facts` (
	`citizen_key` text NOT NULL,
	`service_slug` text NOT NULL,
	`month` text NOT NULL,
	`first_at` integer NOT NULL,
	`next_self_at` integer,
	PRIMARY KEY(`citizen_key`, `service_slug`, `month`)
);
--> statement-breakpoint
CREATE INDEX `help_facts_month_idx` ON `help_facts` (`month`,`service_slug`,`citizen_key`,`first_at`,`next_self_at`);--> statement-breakpoint
CREATE TABLE `journey_counts` (
	`month` text NOT NULL,
	`service_slug` text NOT NULL,
	`started` integer DEFAULT 0 NOT NULL,
	`dropped_out` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `service_slug`)
);
--> statement-breakpoint
CREATE TABLE `start_facts` (
	`event_id` integer PRIMARY KEY NOT NULL,
	`citizen_key` text NOT NULL,
	`service_slug` text NOT NULL,
	`month` text NOT NULL,
	`started_at` integer NOT NULL,
	`manual_at` integer,
	`submitted_at` integer,
	`last_page` text
);
--> statement-breakpoint
CREATE INDEX `start_facts_key_idx` ON `start_facts` (`citizen_key`,`service_slug`,`started_at`);--> statement-breakpoint
CREATE INDEX `start_facts_dropped_idx` ON `start_facts` (`month`,`service_slug`,`last_page`) WHERE manual_at IS NOT NULL AND submitted_at IS NULL;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_contact_counts` (
	`month` text NOT NULL,
	`service_slug` text NOT NULL,
	`channel` text NOT NULL,
	`assistance` text NOT NULL,
	`kind` text NOT NULL,
	`event` text NOT NULL,
	`staff_role` text DEFAULT '' NOT NULL,
	`staff_unit` text DEFAULT '' NOT NULL,
	`could_be_digital` integer DEFAULT false NOT NULL,
	`referred_to_digital` integer DEFAULT false NOT NULL,
	`delivery` text DEFAULT '' NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`month`, `service_slug`, `channel`, `assistance`, `kind`, `event`, `staff_role`, `staff_unit`, `could_be_digital`, `referred_to_digital`, `delivery`)
);
--> statement-breakpoint
-- No copy: the counts gain dimensions the old rows lack; the seed counts them again from the events when the table is empty.
DROP TABLE `contact_counts`;--> statement-breakpoint
ALTER TABLE `__new_contact_counts` RENAME TO `contact_counts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `contact_events` ADD `staff_unit` text;--> statement-breakpoint
ALTER TABLE `contact_events` ADD `delivery` text;--> statement-breakpoint
ALTER TABLE `drafts` ADD `pages_seen` text;--> statement-breakpoint
ALTER TABLE `drafts` ADD `last_page` text;--> statement-breakpoint
ALTER TABLE `help_codes` ADD `staff_unit` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `guide_unit` text;--> statement-breakpoint
ALTER TABLE `unit_costs` ADD `delivery_mode` text;--> statement-breakpoint
ALTER TABLE `unit_costs` ADD `source` text;--> statement-breakpoint
ALTER TABLE `visit_stats` ADD `counter_id` text;--> statement-breakpoint
CREATE INDEX `visit_stats_start_idx` ON `visit_stats` (`start`);--> statement-breakpoint
ALTER TABLE `services` DROP COLUMN `target_digital_share`;