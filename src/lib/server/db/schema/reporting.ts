import { sqliteTable, text, integer, real, index } from 'drizzle-orm/sqlite-core';
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
