import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { citizens, staffUsers, staffRoles } from './auth';
import { channels, assistances, submissions } from './forms';

export interface AppointmentTypeTexts {
	title: string;
	/** What to bring to the counter, one item a line. */
	bring: string[];
}

export const counters = sqliteTable('counters', {
	id: text('id').primaryKey(),
	/** Per language: a counter is named on the waiting screen and in the calendar file. */
	names: text('names', { mode: 'json' }).$type<Record<'da' | 'en', string>>().notNull(),
	location: text('location').notNull(),
	sortOrder: integer('sort_order').notNull().default(0),
	active: integer('active', { mode: 'boolean' }).notNull().default(true)
});
export type Counter = typeof counters.$inferSelect;

export const appointmentTypes = sqliteTable('appointment_types', {
	slug: text('slug').primaryKey(),
	/** The service a booking counts for in the channel figures. */
	serviceSlug: text('service_slug').notNull(),
	durationMinutes: integer('duration_minutes').notNull(),
	/** A form that must be submitted before a citizen may book (passport: the passport form). */
	requiredFormId: text('required_form_id'),
	/** Letter on queue tickets, so the waiting room can tell the queues apart. */
	ticketPrefix: text('ticket_prefix').notNull(),
	texts: text('texts', { mode: 'json' }).$type<Record<'da' | 'en', AppointmentTypeTexts>>().notNull(),
	sortOrder: integer('sort_order').notNull().default(0),
	active: integer('active', { mode: 'boolean' }).notNull().default(true)
});
export type AppointmentType = typeof appointmentTypes.$inferSelect;

export const counterTypes = sqliteTable(
	'counter_types',
	{
		counterId: text('counter_id')
			.notNull()
			.references(() => counters.id, { onDelete: 'cascade' }),
		typeSlug: text('type_slug')
			.notNull()
			.references(() => appointmentTypes.slug, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.counterId, t.typeSlug] })]
);

/** Minutes of the local day; a weekday may have several ranges (a lunch break). */
export const openingHours = sqliteTable(
	'opening_hours',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		counterId: text('counter_id')
			.notNull()
			.references(() => counters.id, { onDelete: 'cascade' }),
		weekday: integer('weekday').notNull(),
		opens: integer('opens').notNull(),
		closes: integer('closes').notNull()
	},
	(t) => [index('opening_hours_counter_idx').on(t.counterId)]
);

/** Whole local days (YYYY-MM-DD, inclusive); no counter means the whole Borgerservice. */
export const closures = sqliteTable('closures', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	counterId: text('counter_id').references(() => counters.id, { onDelete: 'cascade' }),
	fromDate: text('from_date').notNull(),
	toDate: text('to_date').notNull(),
	reason: text('reason').notNull()
});

/** One row: the booking rules an administrator sets. */
export const bookingSettings = sqliteTable('booking_settings', {
	id: integer('id').primaryKey(),
	minNoticeMinutes: integer('min_notice_minutes').notNull(),
	horizonDays: integer('horizon_days').notNull(),
	heldBackPerDay: integer('held_back_per_day').notNull(),
	reminderHours: integer('reminder_hours').notNull()
});
export type BookingSettings = typeof bookingSettings.$inferSelect;

export const appointmentStatuses = ['booked', 'checked_in', 'called', 'done', 'no_show', 'cancelled'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

export const appointments = sqliteTable(
	'appointments',
	{
		id: text('id').primaryKey(),
		reference: text('reference').notNull().unique(),
		/** From the confirm page: a double click or a resent POST finds the first booking. */
		idempotencyKey: text('idempotency_key').notNull().unique(),
		typeSlug: text('type_slug')
			.notNull()
			.references(() => appointmentTypes.slug),
		counterId: text('counter_id')
			.notNull()
			.references(() => counters.id),
		start: integer('start', { mode: 'timestamp_ms' }).notNull(),
		end: integer('end', { mode: 'timestamp_ms' }).notNull(),
		status: text('status', { enum: appointmentStatuses }).notNull(),
		/** Null when staff booked for a caller the portal does not know. */
		citizenId: text('citizen_id').references(() => citizens.id, { onDelete: 'set null' }),
		name: text('name').notNull(),
		email: text('email'),
		phone: text('phone'),
		interpreterLanguage: text('interpreter_language'),
		stepFree: integer('step_free', { mode: 'boolean' }).notNull(),
		extraTime: integer('extra_time', { mode: 'boolean' }).notNull(),
		submissionId: text('submission_id').references(() => submissions.id, { onDelete: 'set null' }),
		channel: text('channel', { enum: channels }).notNull(),
		assistance: text('assistance', { enum: assistances }).notNull(),
		bookedByStaffId: text('booked_by_staff_id').references(() => staffUsers.id),
		/** sha256 of the private link's token: the link works without signing in. */
		manageTokenHash: text('manage_token_hash').notNull().unique(),
		/** Raised on every change, so calendars replace the event instead of adding one. */
		sequence: integer('sequence').notNull().default(0),
		lang: text('lang', { enum: ['da', 'en'] }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
		checkedInAt: integer('checked_in_at', { mode: 'timestamp_ms' }),
		calledAt: integer('called_at', { mode: 'timestamp_ms' }),
		/** The counter that called the visitor: another of the service's counters may take them. */
		calledCounterId: text('called_counter_id').references(() => counters.id)
	},
	(t) => [
		// The last line of defence against double booking: one active appointment per counter and start.
		uniqueIndex('appointments_active_slot_uq')
			.on(t.counterId, t.start)
			.where(sql`status <> 'cancelled'`),
		index('appointments_counter_time_idx').on(t.counterId, t.start, t.end),
		index('appointments_citizen_idx').on(t.citizenId),
		index('appointments_start_idx').on(t.start)
	]
);
export type Appointment = typeof appointments.$inferSelect;

export const ticketStatuses = ['waiting', 'called', 'done', 'left'] as const;

/** Walk-ins: a number for a service, called after the booked visitors due. */
export const queueTickets = sqliteTable(
	'queue_tickets',
	{
		id: text('id').primaryKey(),
		localDate: text('local_date').notNull(),
		number: integer('number').notNull(),
		typeSlug: text('type_slug')
			.notNull()
			.references(() => appointmentTypes.slug),
		status: text('status', { enum: ticketStatuses }).notNull(),
		counterId: text('counter_id').references(() => counters.id),
		issuedAt: integer('issued_at', { mode: 'timestamp_ms' }).notNull(),
		calledAt: integer('called_at', { mode: 'timestamp_ms' })
	},
	(t) => [uniqueIndex('queue_tickets_day_number_uq').on(t.localDate, t.number)]
);
export type QueueTicket = typeof queueTickets.$inferSelect;

export const visitKinds = ['appointment', 'walk_in'] as const;
export const visitOutcomes = ['open', 'done', 'no_show', 'cancelled'] as const;

/**
 * Figures about visits without personal data (no name, no citizen key): waiting time, no-show
 * rate and booking lead time survive the purge of appointments.
 */
export const visitStats = sqliteTable(
	'visit_stats',
	{
		visitId: text('visit_id').primaryKey(),
		kind: text('kind', { enum: visitKinds }).notNull(),
		typeSlug: text('type_slug').notNull(),
		channel: text('channel', { enum: channels }).notNull(),
		bookedAt: integer('booked_at', { mode: 'timestamp_ms' }).notNull(),
		start: integer('start', { mode: 'timestamp_ms' }),
		checkedInAt: integer('checked_in_at', { mode: 'timestamp_ms' }),
		calledAt: integer('called_at', { mode: 'timestamp_ms' }),
		outcome: text('outcome', { enum: visitOutcomes }).notNull(),
		staffRole: text('staff_role', { enum: staffRoles })
	},
	(t) => [index('visit_stats_booked_idx').on(t.bookedAt)]
);
