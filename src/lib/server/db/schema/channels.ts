import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { channels, assistances } from './forms';
import { staffRoles } from './auth';

export const contactKinds = ['transaction', 'information'] as const;
export type ContactKind = (typeof contactKinds)[number];

/**
 * What happened. `form_started` is not a contact of its own: it is kept so that reports can
 * compute the completion rate (started vs submitted) and digital drop-out.
 */
export const contactEventTypes = [
	'form_started',
	'form_submitted',
	'appointment_booked',
	'appointment_moved',
	'appointment_cancelled',
	'registered',
	/** A helper showed someone how to help themselves, and no transaction came of it. */
	'helped'
] as const;
export type ContactEventType = (typeof contactEventTypes)[number];

/** Holds no personal data, so it outlives the purging of drafts and submissions. */
export const contactEvents = sqliteTable(
	'contact_events',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		occurredAt: integer('occurred_at', { mode: 'timestamp_ms' }).notNull(),
		event: text('event', { enum: contactEventTypes }).notNull(),
		channel: text('channel', { enum: channels }).notNull(),
		assistance: text('assistance', { enum: assistances }).notNull(),
		kind: text('kind', { enum: contactKinds }).notNull(),
		serviceSlug: text('service_slug').notNull(),
		staffRole: text('staff_role', { enum: staffRoles }),
		/** Keyed hash of the CPR number: follows a journey without saying whose. */
		citizenKey: text('citizen_key'),
		/** Registered by staff: the contact could have been handled by the digital solution. */
		couldBeDigital: integer('could_be_digital', { mode: 'boolean' }),
		/** Registered by staff: the citizen was referred to the digital solution. */
		referredToDigital: integer('referred_to_digital', { mode: 'boolean' })
	},
	(t) => [
		index('contact_events_service_time_idx').on(t.serviceSlug, t.occurredAt),
		// The journey figures follow one citizen key through time without reading table rows.
		index('contact_events_citizen_idx').on(t.citizenKey, t.occurredAt, t.serviceSlug, t.channel, t.assistance, t.kind, t.event),
		index('contact_events_helped_idx')
			.on(t.occurredAt, t.serviceSlug, t.citizenKey)
			.where(sql`assistance <> 'none' AND event <> 'form_started' AND citizen_key IS NOT NULL`),
		index('contact_events_started_idx')
			.on(t.occurredAt, t.serviceSlug, t.citizenKey)
			.where(sql`event = 'form_started' AND channel = 'digital' AND citizen_key IS NOT NULL`),
		index('contact_events_started_key_idx')
			.on(t.citizenKey, t.serviceSlug, t.occurredAt)
			.where(sql`event = 'form_started' AND channel = 'digital'`),
		index('contact_events_submitted_key_idx').on(t.citizenKey, t.serviceSlug, t.occurredAt).where(sql`event = 'form_submitted'`),
		index('contact_events_manual_keyed_idx')
			.on(t.occurredAt, t.serviceSlug, t.citizenKey, t.channel)
			.where(sql`channel IN ('phone', 'counter') AND citizen_key IS NOT NULL`)
	]
);
export type ContactEvent = typeof contactEvents.$inferSelect;
