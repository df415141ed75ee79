import { and, asc, eq, gt, gte, inArray, lt, ne } from 'drizzle-orm';
import { freeSlots, nearestSlots, slotAt, type Slot, type SlotDay } from '$lib/booking/slots';
import { addDays, localDateOf, type LocalDate } from '$lib/booking/time';
import type { Lang } from '$lib/i18n';
import { db, tables, type Db } from '$lib/server/db';
import type { Appointment, AppointmentType, Citizen } from '$lib/server/db/schema';
import { recordContactEvent, type Actor } from '$lib/server/channels/events';
import { generateId, generateReference } from '$lib/server/forms/reference';
import { deleteMessages, processOutbox } from '$lib/server/outbox';
import { appointmentType, bookingSettings, closures, schedulesFor, type Reader } from './setup';
import { notifyAppointment } from './notifications';
import { hashToken, isTokenShaped, manageToken } from './tokens';

type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

export type { Actor };

/** Staff operating for a caller or a visitor; a guided citizen books as any citizen online. */
const isStaffBooking = (actor: Actor) => actor.channel !== 'digital' || actor.assistance === 'on_behalf';

export interface AvailabilityQuery {
	type: AppointmentType;
	extraTime: boolean;
	actor: Actor;
	now?: Date;
	from?: LocalDate;
	to?: LocalDate;
	/** When moving: the appointment's own time does not block its new time. */
	ignoreAppointmentId?: string;
}

/**
 * Free times for a type. Citizens online get the minimum notice and leave the held-back times;
 * staff booking for a caller or a visitor at the desk may use them, and book at short notice.
 */
export function availability(query: AvailabilityQuery, q: Reader = db()): SlotDay[] {
	const now = query.now ?? new Date();
	const settings = bookingSettings(q);
	const counters = schedulesFor(query.type.slug, q);
	if (counters.length === 0) return [];
	const today = localDateOf(now);
	const from = query.from ?? today;
	const to = query.to ?? addDays(today, settings.horizonDays);
	const staff = isStaffBooking(query.actor);
	return freeSlots({
		counters,
		closures: closures(q),
		busy: busyTimes(
			counters.map((c) => c.id),
			new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000),
			new Date(Date.parse(`${to}T00:00:00Z`) + 2 * 86_400_000),
			query.ignoreAppointmentId,
			q
		),
		stepMinutes: query.type.durationMinutes,
		lengthMinutes: query.type.durationMinutes * (query.extraTime ? 2 : 1),
		now,
		minNoticeMinutes: staff ? 0 : settings.minNoticeMinutes,
		horizonDays: settings.horizonDays,
		heldBackPerDay: staff ? 0 : settings.heldBackPerDay,
		from,
		to
	});
}

function busyTimes(counterIds: string[], from: Date, to: Date, ignoreId: string | undefined, q: Reader) {
	const a = tables.appointments;
	return q
		.select({ counterId: a.counterId, start: a.start, end: a.end })
		.from(a)
		.where(
			and(
				inArray(a.counterId, counterIds),
				ne(a.status, 'cancelled'),
				// No appointment lasts a day, so the lower bound on start keeps history out of the scan.
				gte(a.start, new Date(from.getTime() - 86_400_000)),
				lt(a.start, to),
				gt(a.end, from),
				ignoreId ? ne(a.id, ignoreId) : undefined
			)
		)
		.all();
}

export interface BookingInput {
	idempotencyKey: string;
	type: AppointmentType;
	start: Date;
	extraTime: boolean;
	citizen: Citizen | null;
	name: string;
	email: string | null;
	phone: string | null;
	interpreterLanguage: string | null;
	stepFree: boolean;
	submissionId: string | null;
	lang: Lang;
	actor: Actor;
	now?: Date;
}

export type BookingResult =
	| { ok: true; appointment: Appointment; created: boolean }
	| { ok: false; reason: 'taken'; nearest: Slot[] }
	| { ok: false; reason: 'already_booked'; appointment: Appointment }
	| { ok: false; reason: 'foreign_key' };

/**
 * Checks the time and inserts the appointment in one write-locked transaction, so two
 * requests for the same time cannot both pass the check; the unique index on
 * (counter, start) for active appointments backs it across processes.
 */
export function book(input: BookingInput): BookingResult {
	const now = input.now ?? new Date();
	let result: BookingResult;
	try {
		result = db().transaction((tx) => insertAppointment(tx, input, now), { behavior: 'immediate' });
	} catch (e) {
		if (!isUniqueViolation(e)) throw e;
		const existing = findByIdempotencyKey(input.idempotencyKey, input);
		result =
			existing === 'foreign' ? { ok: false, reason: 'foreign_key' } : existing ? { ok: true, appointment: existing, created: false } : takenResult(input, now);
	}
	if (result.ok && result.created) processOutbox().catch((e) => console.error('outbox', e));
	return result;
}

function insertAppointment(tx: Tx, input: BookingInput, now: Date): BookingResult {
	const repeated = findByIdempotencyKey(input.idempotencyKey, input, tx);
	if (repeated === 'foreign') return { ok: false, reason: 'foreign_key' };
	if (repeated) return { ok: true, appointment: repeated, created: false };
	if (input.citizen) {
		const upcoming = upcomingOfType(input.citizen.id, input.type.slug, now, tx);
		if (upcoming) return { ok: false, reason: 'already_booked', appointment: upcoming };
	}
	const days = availability(dayQuery(input, now), tx);
	const slot = slotAt(days, input.start);
	if (!slot) return { ok: false, reason: 'taken', nearest: nearestSlots(days, input.start, 3) };

	const appointment: Appointment = {
		id: generateId(),
		reference: uniqueReference(tx),
		idempotencyKey: input.idempotencyKey,
		typeSlug: input.type.slug,
		counterId: slot.counterIds[0],
		start: slot.start,
		end: slot.end,
		status: 'booked',
		citizenId: input.citizen?.id ?? null,
		name: input.name,
		email: input.email,
		phone: input.phone,
		interpreterLanguage: input.interpreterLanguage,
		stepFree: input.stepFree,
		extraTime: input.extraTime,
		submissionId: input.submissionId,
		channel: input.actor.channel,
		assistance: input.actor.assistance,
		bookedByStaffId: input.actor.staff?.id ?? null,
		manageTokenHash: '',
		sequence: 0,
		lang: input.lang,
		createdAt: now,
		updatedAt: now,
		checkedInAt: null,
		calledAt: null,
		calledCounterId: null
	};
	appointment.manageTokenHash = hashToken(manageToken(appointment.id));
	tx.insert(tables.appointments).values(appointment).run();
	recordAppointmentEvent('appointment_booked', appointment, input.actor, input.citizen?.cpr ?? null, now, tx);
	tx.insert(tables.visitStats)
		.values({
			visitId: appointment.id,
			kind: 'appointment',
			typeSlug: appointment.typeSlug,
			channel: appointment.channel,
			bookedAt: now,
			start: appointment.start,
			outcome: 'open',
			staffRole: input.actor.staff?.role ?? null
		})
		.run();
	notifyAppointment(tx, appointment, input.type, 'appointment_confirmation', now);
	return { ok: true, appointment, created: true };
}

/** The day asked for and the following week: enough for "nearest free times" without the whole horizon. */
function dayQuery(input: Pick<BookingInput, 'type' | 'extraTime' | 'actor' | 'start'>, now: Date, ignoreAppointmentId?: string): AvailabilityQuery {
	const day = localDateOf(input.start);
	return { type: input.type, extraTime: input.extraTime, actor: input.actor, now, from: addDays(day, -7), to: addDays(day, 7), ignoreAppointmentId };
}

function takenResult(input: Pick<BookingInput, 'type' | 'extraTime' | 'actor' | 'start'>, now: Date, q: Reader = db(), ignoreId?: string): BookingResult {
	return { ok: false, reason: 'taken', nearest: nearestSlots(availability(dayQuery(input, now, ignoreId), q), input.start, 3) };
}

export type ChangeResult =
	| { ok: true; appointment: Appointment }
	| { ok: false; reason: 'taken'; nearest: Slot[] }
	| { ok: false; reason: 'not_changeable' };

/** Moves an appointment to another free time of the same type, in one write transaction. */
export function move(appointmentId: string, start: Date, actor: Actor, now = new Date()): ChangeResult {
	let result: ChangeResult;
	try {
		result = db().transaction(
			(tx): ChangeResult => {
				const current = tx.select().from(tables.appointments).where(eq(tables.appointments.id, appointmentId)).get();
				const type = current && appointmentType(current.typeSlug, tx);
				if (!current || !type || !isChangeable(current, now)) return { ok: false, reason: 'not_changeable' };
				const input = { type, extraTime: current.extraTime, actor, start };
				const days = availability(dayQuery(input, now, current.id), tx);
				const slot = slotAt(days, start);
				if (!slot) return { ok: false, reason: 'taken', nearest: nearestSlots(days, start, 3) };
				const counterId = slot.counterIds.includes(current.counterId) ? current.counterId : slot.counterIds[0];
				// A resent move to the time it already has changes nothing and sends nothing.
				if (slot.start.getTime() === current.start.getTime() && slot.end.getTime() === current.end.getTime() && counterId === current.counterId)
					return { ok: true, appointment: current };
				const moved = { ...current, start: slot.start, end: slot.end, counterId, sequence: current.sequence + 1, updatedAt: now };
				tx.update(tables.appointments)
					.set({ start: moved.start, end: moved.end, counterId, sequence: moved.sequence, updatedAt: now })
					.where(eq(tables.appointments.id, current.id))
					.run();
				tx.update(tables.visitStats).set({ start: moved.start }).where(eq(tables.visitStats.visitId, current.id)).run();
				recordAppointmentEvent('appointment_moved', moved, actor, cprOf(moved.citizenId, tx), now, tx);
				notifyAppointment(tx, moved, type, 'appointment_moved', now);
				return { ok: true, appointment: moved };
			},
			{ behavior: 'immediate' }
		);
	} catch (e) {
		if (!isUniqueViolation(e)) throw e;
		const current = findAppointment(appointmentId)!;
		const type = appointmentType(current.typeSlug)!;
		result = takenResult({ type, extraTime: current.extraTime, actor, start }, now, db(), current.id) as ChangeResult;
	}
	if (result.ok) processOutbox().catch((e) => console.error('outbox', e));
	return result;
}

/** Cancelling frees the time at once: the unique index only covers active appointments. */
export function cancel(appointmentId: string, actor: Actor, now = new Date()): ChangeResult {
	const result = db().transaction(
		(tx): ChangeResult => {
			const current = tx.select().from(tables.appointments).where(eq(tables.appointments.id, appointmentId)).get();
			const type = current && appointmentType(current.typeSlug, tx);
			if (!current || !type || !isChangeable(current, now)) return { ok: false, reason: 'not_changeable' };
			const cancelled = { ...current, status: 'cancelled' as const, sequence: current.sequence + 1, updatedAt: now };
			tx.update(tables.appointments)
				.set({ status: 'cancelled', sequence: cancelled.sequence, updatedAt: now })
				.where(eq(tables.appointments.id, current.id))
				.run();
			tx.update(tables.visitStats).set({ outcome: 'cancelled' }).where(eq(tables.visitStats.visitId, current.id)).run();
			recordAppointmentEvent('appointment_cancelled', cancelled, actor, cprOf(current.citizenId, tx), now, tx);
			notifyAppointment(tx, cancelled, type, 'appointment_cancelled', now);
			return { ok: true, appointment: cancelled };
		},
		{ behavior: 'immediate' }
	);
	if (result.ok) processOutbox().catch((e) => console.error('outbox', e));
	return result;
}

/** Only a booked time still ahead can be moved or cancelled; after check-in it is the counter's. */
export function isChangeable(a: Pick<Appointment, 'status' | 'start'>, now = new Date()): boolean {
	return a.status === 'booked' && a.start > now;
}

function recordAppointmentEvent(
	event: 'appointment_booked' | 'appointment_moved' | 'appointment_cancelled',
	appointment: Appointment,
	actor: Actor,
	citizenCpr: string | null,
	at: Date,
	tx: Tx
) {
	const type = tx
		.select({ serviceSlug: tables.appointmentTypes.serviceSlug })
		.from(tables.appointmentTypes)
		.where(eq(tables.appointmentTypes.slug, appointment.typeSlug))
		.get();
	recordContactEvent(
		{
			event,
			channel: actor.channel,
			assistance: actor.assistance,
			kind: 'transaction',
			serviceSlug: type?.serviceSlug ?? appointment.typeSlug,
			staffRole: actor.staff?.role ?? null,
			citizenCpr,
			at
		},
		tx
	);
}

function cprOf(citizenId: string | null, q: Reader): string | null {
	if (!citizenId) return null;
	return q.select({ cpr: tables.citizens.cpr }).from(tables.citizens).where(eq(tables.citizens.id, citizenId)).get()?.cpr ?? null;
}

function uniqueReference(q: Reader): string {
	let reference = generateReference();
	while (q.select({ id: tables.appointments.id }).from(tables.appointments).where(eq(tables.appointments.reference, reference)).get())
		reference = generateReference();
	return reference;
}

function isUniqueViolation(e: unknown): boolean {
	return typeof e === 'object' && e !== null && 'code' in e && String(e.code).startsWith('SQLITE_CONSTRAINT');
}

export function findByToken(token: string): Appointment | undefined {
	if (!isTokenShaped(token)) return undefined;
	return db().select().from(tables.appointments).where(eq(tables.appointments.manageTokenHash, hashToken(token))).get();
}

export function findAppointment(id: string): Appointment | undefined {
	return db().select().from(tables.appointments).where(eq(tables.appointments.id, id)).get();
}

export function findOwnAppointment(reference: string, citizenId: string): Appointment | undefined {
	return db()
		.select()
		.from(tables.appointments)
		.where(and(eq(tables.appointments.reference, reference), eq(tables.appointments.citizenId, citizenId)))
		.get();
}

/**
 * A repeated request finds its first booking; a key that belongs to someone else's booking is
 * refused, so a key can never be used to read another person's appointment.
 */
function findByIdempotencyKey(key: string, requester: Pick<BookingInput, 'citizen' | 'actor'>, q: Reader = db()): Appointment | 'foreign' | undefined {
	const found = q.select().from(tables.appointments).where(eq(tables.appointments.idempotencyKey, key)).get();
	if (!found) return undefined;
	const same = requester.citizen ? found.citizenId === requester.citizen.id : !found.citizenId && found.bookedByStaffId === (requester.actor.staff?.id ?? null);
	return same ? found : 'foreign';
}

/** A citizen holds one coming time per type: a second would keep a time from someone else. */
export function upcomingOfType(citizenId: string, typeSlug: string, now = new Date(), q: Reader = db()): Appointment | undefined {
	const a = tables.appointments;
	return q
		.select()
		.from(a)
		.where(and(eq(a.citizenId, citizenId), eq(a.typeSlug, typeSlug), inArray(a.status, ['booked', 'checked_in', 'called']), gt(a.end, now)))
		.get();
}

/** Upcoming first, then the past, newest first; cancelled ones are listed too, marked as such. */
export function appointmentsOf(citizenId: string): Appointment[] {
	return db()
		.select()
		.from(tables.appointments)
		.where(eq(tables.appointments.citizenId, citizenId))
		.orderBy(asc(tables.appointments.start))
		.all();
}

/** The newest submission of the required form that no active appointment uses yet. */
export function submissionForBooking(citizenId: string, formId: string): { id: string; reference: string } | undefined {
	const s = tables.submissions;
	const rows = db()
		.select({ id: s.id, reference: s.reference })
		.from(s)
		.where(and(eq(s.citizenId, citizenId), eq(s.formId, formId)))
		.orderBy(asc(s.createdAt))
		.all()
		.reverse();
	const used = new Set(
		db()
			.select({ submissionId: tables.appointments.submissionId })
			.from(tables.appointments)
			.where(and(eq(tables.appointments.citizenId, citizenId), ne(tables.appointments.status, 'cancelled')))
			.all()
			.map((r) => r.submissionId)
	);
	return rows.find((r) => !used.has(r.id));
}


/**
 * Appointments hold names and phone numbers, so they go a while after the visit; the visit
 * figures and contact events, which hold none, stay.
 */
export function purgeOldAppointments(retentionDays: number, now = new Date()): number {
	const before = new Date(now.getTime() - retentionDays * 86_400_000);
	return db().transaction((tx) => {
		const old = tx.select({ id: tables.appointments.id }).from(tables.appointments).where(lt(tables.appointments.end, before)).all().map((r) => r.id);
		if (old.length === 0) return 0;
		deleteMessages(inArray(tables.outbox.appointmentId, old), tx);
		return tx.delete(tables.appointments).where(inArray(tables.appointments.id, old)).run().changes;
	});
}
