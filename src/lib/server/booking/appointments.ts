import { FailureLimiter } from '$lib/server/auth/rate-limit';
import { and, asc, eq, gt, gte, inArray, lt, ne } from 'drizzle-orm';
import { freeSlots, nearestSlots, slotAt, type Slot, type SlotDay } from '$lib/booking/slots';
import { addDays, localDateOf, type LocalDate } from '$lib/booking/time';
import type { Lang } from '$lib/i18n';
import { db, first, forUpdate, isUniqueViolation, tables, transaction } from '$lib/server/db';
import type { Appointment, AppointmentType, Citizen } from '$lib/server/db/schema';
import { recordContactEvent, staffOf, type Actor } from '$lib/server/channels/events';
import { generateId, generateReference } from '$lib/server/forms/reference';
import { deleteMessages, sendSoon } from '$lib/server/outbox';
import { appointmentType, bookingSettings, closures, schedulesFor } from './setup';
import { notifyAppointment } from './notifications';
import { hashToken, isTokenShaped, manageToken } from './tokens';

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
export async function availability(query: AvailabilityQuery): Promise<SlotDay[]> {
	const now = query.now ?? new Date();
	const settings = await bookingSettings();
	const counters = await schedulesFor(query.type.slug);
	if (counters.length === 0) return [];
	const today = localDateOf(now);
	const from = query.from ?? today;
	const to = query.to ?? addDays(today, settings.horizonDays);
	const staff = isStaffBooking(query.actor);
	return freeSlots({
		counters,
		closures: await closures(),
		busy: await busyTimes(
			counters.map((c) => c.id),
			new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000),
			new Date(Date.parse(`${to}T00:00:00Z`) + 2 * 86_400_000),
			query.ignoreAppointmentId
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

function busyTimes(counterIds: string[], from: Date, to: Date, ignoreId: string | undefined) {
	const a = tables.appointments;
	return db()
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
		);
}

/**
 * The counters a type is booked on, locked until the transaction ends: two bookings or moves
 * on the same counters take turns, so a time checked free stays free until it is taken. (On
 * SQLite the transaction's write lock does the same.) In id order, so two never wait on each other.
 */
async function lockCounters(typeSlug: string): Promise<void> {
	const ids = db().select({ id: tables.counterTypes.counterId }).from(tables.counterTypes).where(eq(tables.counterTypes.typeSlug, typeSlug));
	await forUpdate(db().select({ id: tables.counters.id }).from(tables.counters).where(inArray(tables.counters.id, ids)).orderBy(asc(tables.counters.id)));
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

/**
 * Each booking, move or cancellation sends the citizen a message, so a citizen (or one private
 * link) may make ten of them an hour; staff, who book for many callers, are not counted.
 */
export const changeLimiter = new FailureLimiter('appointment-change', 10, 60 * 60_000);

type TooMany = { ok: false; reason: 'too_many'; retryAfterMinutes: number };

async function tooMany(actor: Actor, key: string | null): Promise<TooMany | null> {
	if (actor.staff?.id || !key) return null;
	const hit = await changeLimiter.hit(key);
	return hit.blocked ? { ok: false, reason: 'too_many', retryAfterMinutes: Math.max(1, Math.ceil(hit.waitMs / 60_000)) } : null;
}

export type BookingResult =
	| TooMany
	| { ok: true; appointment: Appointment; created: boolean }
	| { ok: false; reason: 'taken'; nearest: Slot[] }
	| { ok: false; reason: 'already_booked'; appointment: Appointment }
	| { ok: false; reason: 'foreign_key' };

/**
 * Checks the time and inserts the appointment in one transaction that holds the counters'
 * locks, so two requests for the same time cannot both pass the check; the unique index on
 * (counter, start) for active appointments backs it whatever happens.
 */
export async function book(input: BookingInput): Promise<BookingResult> {
	const now = input.now ?? new Date();
	const limited = await tooMany(input.actor, input.citizen?.id ?? null);
	if (limited) return limited;
	let result: BookingResult;
	try {
		result = await transaction(() => insertAppointment(input, now));
	} catch (e) {
		if (!isUniqueViolation(e)) throw e;
		const existing = await findByIdempotencyKey(input.idempotencyKey, input);
		result =
			existing === 'foreign' ? { ok: false, reason: 'foreign_key' } : existing ? { ok: true, appointment: existing, created: false } : await takenResult(input, now);
	}
	if (result.ok && result.created) sendSoon();
	return result;
}

async function insertAppointment(input: BookingInput, now: Date): Promise<BookingResult> {
	await lockCounters(input.type.slug);
	const repeated = await findByIdempotencyKey(input.idempotencyKey, input);
	if (repeated === 'foreign') return { ok: false, reason: 'foreign_key' };
	if (repeated) return { ok: true, appointment: repeated, created: false };
	if (input.citizen) {
		const upcoming = await upcomingOfType(input.citizen.id, input.type.slug, now);
		if (upcoming) return { ok: false, reason: 'already_booked', appointment: upcoming };
	}
	const days = await availability(dayQuery(input, now));
	const slot = slotAt(days, input.start);
	if (!slot) return { ok: false, reason: 'taken', nearest: nearestSlots(days, input.start, 3) };

	const appointment: Appointment = {
		id: generateId(),
		reference: await uniqueReference(),
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
	await db().insert(tables.appointments).values(appointment);
	await recordAppointmentEvent('appointment_booked', appointment, input.actor, input.citizen?.cpr ?? null, now);
	await db()
		.insert(tables.visitStats)
		.values({
			visitId: appointment.id,
			kind: 'appointment',
			typeSlug: appointment.typeSlug,
			channel: appointment.channel,
			bookedAt: now,
			start: appointment.start,
			outcome: 'open',
			staffRole: input.actor.staff?.role ?? null,
			counterId: appointment.counterId
		});
	await notifyAppointment(appointment, input.type, 'appointment_confirmation', now);
	return { ok: true, appointment, created: true };
}

/** The day asked for and the following week: enough for "nearest free times" without the whole horizon. */
function dayQuery(input: Pick<BookingInput, 'type' | 'extraTime' | 'actor' | 'start'>, now: Date, ignoreAppointmentId?: string): AvailabilityQuery {
	const day = localDateOf(input.start);
	return { type: input.type, extraTime: input.extraTime, actor: input.actor, now, from: addDays(day, -7), to: addDays(day, 7), ignoreAppointmentId };
}

async function takenResult(input: Pick<BookingInput, 'type' | 'extraTime' | 'actor' | 'start'>, now: Date, ignoreId?: string): Promise<BookingResult> {
	return { ok: false, reason: 'taken', nearest: nearestSlots(await availability(dayQuery(input, now, ignoreId)), input.start, 3) };
}

export type ChangeResult =
	| TooMany
	| { ok: true; appointment: Appointment }
	| { ok: false; reason: 'taken'; nearest: Slot[] }
	| { ok: false; reason: 'not_changeable' };

async function currentAppointment(id: string) {
	const current = await first(forUpdate(db().select().from(tables.appointments).where(eq(tables.appointments.id, id)).limit(1)));
	const type = current && (await appointmentType(current.typeSlug));
	return current && type ? { current, type } : null;
}

/** Moves an appointment to another free time of the same type, in one transaction. */
export async function move(appointmentId: string, start: Date, actor: Actor, now = new Date()): Promise<ChangeResult> {
	const limited = await tooMany(actor, await changeKeyOf(appointmentId));
	if (limited) return limited;
	let result: ChangeResult;
	try {
		result = await transaction(async (): Promise<ChangeResult> => {
			const found = await currentAppointment(appointmentId);
			if (!found || !isChangeable(found.current, now)) return { ok: false, reason: 'not_changeable' };
			const { current, type } = found;
			await lockCounters(type.slug);
			const input = { type, extraTime: current.extraTime, actor, start };
			const days = await availability(dayQuery(input, now, current.id));
			const slot = slotAt(days, start);
			if (!slot) return { ok: false, reason: 'taken', nearest: nearestSlots(days, start, 3) };
			const counterId = slot.counterIds.includes(current.counterId) ? current.counterId : slot.counterIds[0];
			// A resent move to the time it already has changes nothing and sends nothing.
			if (slot.start.getTime() === current.start.getTime() && slot.end.getTime() === current.end.getTime() && counterId === current.counterId)
				return { ok: true, appointment: current };
			const moved = { ...current, start: slot.start, end: slot.end, counterId, sequence: current.sequence + 1, updatedAt: now };
			await db()
				.update(tables.appointments)
				.set({ start: moved.start, end: moved.end, counterId, sequence: moved.sequence, updatedAt: now })
				.where(eq(tables.appointments.id, current.id));
			await db().update(tables.visitStats).set({ start: moved.start }).where(eq(tables.visitStats.visitId, current.id));
			await recordAppointmentEvent('appointment_moved', moved, actor, await cprOf(moved.citizenId), now);
			await notifyAppointment(moved, type, 'appointment_moved', now);
			return { ok: true, appointment: moved };
		});
	} catch (e) {
		if (!isUniqueViolation(e)) throw e;
		const current = (await findAppointment(appointmentId))!;
		const type = (await appointmentType(current.typeSlug))!;
		result = (await takenResult({ type, extraTime: current.extraTime, actor, start }, now, current.id)) as ChangeResult;
	}
	if (result.ok) sendSoon();
	return result;
}

/** Cancelling frees the time at once: the unique index only covers active appointments. */
export async function cancel(appointmentId: string, actor: Actor, now = new Date()): Promise<ChangeResult> {
	const limited = await tooMany(actor, await changeKeyOf(appointmentId));
	if (limited) return limited;
	const result = await transaction(async (): Promise<ChangeResult> => {
		const found = await currentAppointment(appointmentId);
		if (!found || !isChangeable(found.current, now)) return { ok: false, reason: 'not_changeable' };
		const { current, type } = found;
		const cancelled = { ...current, status: 'cancelled' as const, sequence: current.sequence + 1, updatedAt: now };
		await db()
			.update(tables.appointments)
			.set({ status: 'cancelled', sequence: cancelled.sequence, updatedAt: now })
			.where(eq(tables.appointments.id, current.id));
		await db().update(tables.visitStats).set({ outcome: 'cancelled' }).where(eq(tables.visitStats.visitId, current.id));
		await recordAppointmentEvent('appointment_cancelled', cancelled, actor, await cprOf(current.citizenId), now);
		await notifyAppointment(cancelled, type, 'appointment_cancelled', now);
		return { ok: true, appointment: cancelled };
	});
	if (result.ok) sendSoon();
	return result;
}

/** Changes count against the citizen who owns the time, or, for a time booked without one, against the time itself. */
async function changeKeyOf(appointmentId: string): Promise<string | null> {
	const a = await findAppointment(appointmentId);
	return a ? (a.citizenId ?? `appointment:${a.id}`) : null;
}

/** Only a booked time still ahead can be moved or cancelled; after check-in it is the counter's. */
export function isChangeable(a: Pick<Appointment, 'status' | 'start'>, now = new Date()): boolean {
	return a.status === 'booked' && a.start > now;
}

async function recordAppointmentEvent(
	event: 'appointment_booked' | 'appointment_moved' | 'appointment_cancelled',
	appointment: Appointment,
	actor: Actor,
	citizenCpr: string | null,
	at: Date
) {
	const type = await first(
		db()
			.select({ serviceSlug: tables.appointmentTypes.serviceSlug })
			.from(tables.appointmentTypes)
			.where(eq(tables.appointmentTypes.slug, appointment.typeSlug))
			.limit(1)
	);
	await recordContactEvent({
		event,
		channel: actor.channel,
		assistance: actor.assistance,
		kind: 'transaction',
		serviceSlug: type?.serviceSlug ?? appointment.typeSlug,
		...staffOf(actor),
		citizenCpr,
		at
	});
}

async function cprOf(citizenId: string | null): Promise<string | null> {
	if (!citizenId) return null;
	return (await first(db().select({ cpr: tables.citizens.cpr }).from(tables.citizens).where(eq(tables.citizens.id, citizenId)).limit(1)))?.cpr ?? null;
}

async function uniqueReference(): Promise<string> {
	const a = tables.appointments;
	let reference = generateReference();
	while (await first(db().select({ id: a.id }).from(a).where(eq(a.reference, reference)).limit(1))) reference = generateReference();
	return reference;
}

export function findByToken(token: string): Promise<Appointment | undefined> {
	if (!isTokenShaped(token)) return Promise.resolve(undefined);
	return first(db().select().from(tables.appointments).where(eq(tables.appointments.manageTokenHash, hashToken(token))).limit(1));
}

export function findAppointment(id: string): Promise<Appointment | undefined> {
	return first(db().select().from(tables.appointments).where(eq(tables.appointments.id, id)).limit(1));
}

export function findOwnAppointment(reference: string, citizenId: string): Promise<Appointment | undefined> {
	const a = tables.appointments;
	return first(db().select().from(a).where(and(eq(a.reference, reference), eq(a.citizenId, citizenId))).limit(1));
}

/**
 * A repeated request finds its first booking; a key that belongs to someone else's booking is
 * refused, so a key can never be used to read another person's appointment.
 */
async function findByIdempotencyKey(key: string, requester: Pick<BookingInput, 'citizen' | 'actor'>): Promise<Appointment | 'foreign' | undefined> {
	const found = await first(db().select().from(tables.appointments).where(eq(tables.appointments.idempotencyKey, key)).limit(1));
	if (!found) return undefined;
	const same = requester.citizen ? found.citizenId === requester.citizen.id : !found.citizenId && found.bookedByStaffId === (requester.actor.staff?.id ?? null);
	return same ? found : 'foreign';
}

/** A citizen holds one coming time per type: a second would keep a time from someone else. */
export function upcomingOfType(citizenId: string, typeSlug: string, now = new Date()): Promise<Appointment | undefined> {
	const a = tables.appointments;
	return first(
		db()
			.select()
			.from(a)
			.where(and(eq(a.citizenId, citizenId), eq(a.typeSlug, typeSlug), inArray(a.status, ['booked', 'checked_in', 'called']), gt(a.end, now)))
			.limit(1)
	);
}

/** Upcoming first, then the past, newest first; cancelled ones are listed too, marked as such. */
export function appointmentsOf(citizenId: string): Promise<Appointment[]> {
	return db().select().from(tables.appointments).where(eq(tables.appointments.citizenId, citizenId)).orderBy(asc(tables.appointments.start));
}

/** The newest submission of the required form that no active appointment uses yet. */
export async function submissionForBooking(citizenId: string, formId: string): Promise<{ id: string; reference: string } | undefined> {
	const s = tables.submissions;
	const a = tables.appointments;
	const rows = (await db().select({ id: s.id, reference: s.reference }).from(s).where(and(eq(s.citizenId, citizenId), eq(s.formId, formId))).orderBy(asc(s.createdAt))).reverse();
	const used = await db().select({ submissionId: a.submissionId }).from(a).where(and(eq(a.citizenId, citizenId), ne(a.status, 'cancelled')));
	const taken = new Set(used.map((r) => r.submissionId));
	return rows.find((r) => !taken.has(r.id));
}


/**
 * Appointments hold names and phone numbers, so they go a while after the visit; the visit
 * figures and contact events, which hold none, stay.
 */
export function purgeOldAppointments(retentionDays: number, now = new Date()): Promise<number> {
	const before = new Date(now.getTime() - retentionDays * 86_400_000);
	return transaction(async () => {
		const old = (await db().select({ id: tables.appointments.id }).from(tables.appointments).where(lt(tables.appointments.end, before))).map((r) => r.id);
		if (old.length === 0) return 0;
		await deleteMessages(inArray(tables.outbox.appointmentId, old));
		return (await db().delete(tables.appointments).where(inArray(tables.appointments.id, old)).returning({ id: tables.appointments.id })).length;
	});
}
