import { sqliteTable, text, integer, real, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { staffUsers } from './auth';
import { channels } from './forms';

/**
 * Targets per service and year, with history: a change is a new row, the newest row counts.
 * Without a row, the service's default (80 % where self-service is mandatory, else 50 %).
 */
export const serviceTargets = sqliteTable(
	'service_targets',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		serviceSlug: text('service_slug').notNull(),
		year: integer('year').notNull(),
		/** 0..1 */
		share: real('share').notNull(),
		setAt: integer('set_at', { mode: 'timestamp_ms' }).notNull(),
		setByStaffId: text('set_by_staff_id').references(() => staffUsers.id)
	},
	(t) => [index('service_targets_idx').on(t.serviceSlug, t.year, t.setAt)]
);

/** Unit costs per channel from a date, with history: the newest row for a channel and date counts. */
export const unitCosts = sqliteTable('unit_costs', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	channel: text('channel', { enum: channels }).notNull(),
	/** `yyyy-mm-dd`: in force from this day until a later date for the same channel. */
	fromDate: text('from_date').notNull(),
	kr: real('kr').notNull(),
	setAt: integer('set_at', { mode: 'timestamp_ms' }).notNull(),
	setByStaffId: text('set_by_staff_id').references(() => staffUsers.id)
});

export const exemptionReasons = ['disability', 'digital_skills', 'language', 'no_mitid', 'social'] as const;
export type ExemptionReason = (typeof exemptionReasons)[number];

/**
 * A citizen exempt from mandatory digital self-service, for one service or (service null) all.
 * Kept by the pseudonymous key, so reports can show the exempt group apart without knowing who.
 */
export const exemptions = sqliteTable(
	'exemptions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		citizenKey: text('citizen_key').notNull(),
		serviceSlug: text('service_slug'),
		reason: text('reason', { enum: exemptionReasons }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		createdByStaffId: text('created_by_staff_id').references(() => staffUsers.id),
		endedAt: integer('ended_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('exemptions_citizen_idx').on(t.citizenKey)]
);

/**
 * Contact events counted per Copenhagen month and everything a report groups by, kept in
 * step with every event recorded: a year's report reads a few thousand rows, not a million.
 */
export const contactCounts = sqliteTable(
	'contact_counts',
	{
		month: text('month').notNull(),
		serviceSlug: text('service_slug').notNull(),
		channel: text('channel', { enum: channels }).notNull(),
		assistance: text('assistance', { enum: ['none', 'guided', 'on_behalf'] }).notNull(),
		kind: text('kind', { enum: ['transaction', 'information'] }).notNull(),
		event: text('event').notNull(),
		count: integer('count').notNull()
	},
	(t) => [primaryKey({ columns: [t.month, t.serviceSlug, t.channel, t.assistance, t.kind, t.event] })]
);
