import { and, asc, desc, eq, gte, inArray, lt, max, ne } from 'drizzle-orm';
import { nextToCall, ticketLabel } from '$lib/booking/queue';
import { addDays, instantAt, localDateOf, type LocalDate } from '$lib/booking/time';
import { logAudit } from '$lib/server/audit/log';
import { db, first, forUpdate, isUniqueViolation, tables, transaction } from '$lib/server/db';
import type { Appointment, AppointmentStatus, StaffUser } from '$lib/server/db/schema';
import { generateId } from '$lib/server/forms/reference';
import { counterTypeSlugs } from './setup';

function dayBounds(day: LocalDate): [Date, Date] {
	return [instantAt(day, 0)!, instantAt(addDays(day, 1), 0)!];
}

/** The counter's day: who comes, when, why, with what needs, the linked form and any consent it waits for. */
export function dayProgramme(counterId: string, day: LocalDate) {
	const [from, to] = dayBounds(day);
	const a = tables.appointments;
	return db()
		.select({ appointment: a, submissionReference: tables.submissions.reference, consentState: tables.consents.state })
		.from(a)
		.leftJoin(tables.submissions, eq(tables.submissions.id, a.submissionId))
		.leftJoin(tables.consents, eq(tables.consents.submissionId, a.submissionId))
		.where(and(eq(a.counterId, counterId), ne(a.status, 'cancelled'), gte(a.start, from), lt(a.start, to)))
		.orderBy(asc(a.start));
}

const transitions: Record<'check_in' | 'no_show' | 'done', { from: AppointmentStatus[]; to: AppointmentStatus }> = {
	check_in: { from: ['booked'], to: 'checked_in' },
	no_show: { from: ['booked'], to: 'no_show' },
	done: { from: ['checked_in', 'called'], to: 'done' }
};
export type CounterAction = keyof typeof transitions;
export const counterActions = Object.keys(transitions) as CounterAction[];

/**
 * Moves an appointment along at the counter. A repeated click finds it already moved and
 * changes nothing (the row is locked while it is read and changed). The figures keep
 * check-in and call times without personal data.
 */
export function markAppointment(id: string, action: CounterAction, staff: StaffUser, now = new Date()): Promise<Appointment | null> {
	const { from, to } = transitions[action];
	return transaction(async () => {
		const a = await first(forUpdate(db().select().from(tables.appointments).where(eq(tables.appointments.id, id)).limit(1)));
		if (!a || !from.includes(a.status)) return null;
		const patch = { status: to, updatedAt: now, ...(action === 'check_in' ? { checkedInAt: now } : {}) };
		await db().update(tables.appointments).set(patch).where(eq(tables.appointments.id, id));
		await db()
			.update(tables.visitStats)
			.set({
				...(action === 'check_in' ? { checkedInAt: now } : {}),
				...(action === 'no_show' ? { outcome: 'no_show' as const } : {}),
				...(action === 'done' ? { outcome: 'done' as const } : {})
			})
			.where(eq(tables.visitStats.visitId, id));
		if (a.citizenId) await logAudit({ staff, citizenId: a.citizenId, action: 'update', objectType: 'appointment', objectId: a.id, purpose: 'casework' });
		return { ...a, ...patch };
	});
}

/**
 * A walk-in's number: one sequence a day across services, the service's letter in front.
 * Two desks issuing at once may pick the same next number: the unique (day, number) index
 * refuses the second, which takes the one after.
 */
export async function issueTicket(typeSlug: string, staffRole: StaffUser['role'], now = new Date()) {
	const day = localDateOf(now);
	for (let attempt = 0; ; attempt++) {
		try {
			return await transaction(async () => {
				const type = await first(db().select().from(tables.appointmentTypes).where(eq(tables.appointmentTypes.slug, typeSlug)).limit(1));
				if (!type) return null;
				const last = await first(db().select({ n: max(tables.queueTickets.number) }).from(tables.queueTickets).where(eq(tables.queueTickets.localDate, day)));
				const ticket = {
					id: generateId(),
					localDate: day,
					number: (last?.n ?? 0) + 1,
					typeSlug,
					status: 'waiting' as const,
					counterId: null,
					issuedAt: now,
					calledAt: null
				};
				await db().insert(tables.queueTickets).values(ticket);
				await db()
					.insert(tables.visitStats)
					.values({ visitId: ticket.id, kind: 'walk_in', typeSlug, channel: 'counter', bookedAt: now, checkedInAt: now, outcome: 'open', staffRole });
				return { ...ticket, label: ticketLabel(type.ticketPrefix, ticket.number) };
			});
		} catch (e) {
			if (!isUniqueViolation(e) || attempt >= 10) throw e;
		}
	}
}

/** Today's appointments in one status, and today's tickets in one status, labelled. */
async function today(day: LocalDate, appointmentStatus: AppointmentStatus, ticketStatus: 'waiting' | 'called') {
	const [from, to] = dayBounds(day);
	const a = tables.appointments;
	const q = tables.queueTickets;
	const appointments = await db()
		.select()
		.from(a)
		.where(and(eq(a.status, appointmentStatus), gte(a.start, from), lt(a.start, to)))
		.orderBy(asc(a.start));
	const rows = await db()
		.select({ ticket: q, prefix: tables.appointmentTypes.ticketPrefix })
		.from(q)
		.innerJoin(tables.appointmentTypes, eq(tables.appointmentTypes.slug, q.typeSlug))
		.where(and(eq(q.localDate, day), eq(q.status, ticketStatus)))
		.orderBy(ticketStatus === 'waiting' ? asc(q.number) : desc(q.calledAt));
	return { appointments, tickets: rows.map((r) => ({ ...r.ticket, label: ticketLabel(r.prefix, r.ticket.number) })) };
}

/** What waits today: checked-in visitors not yet called, and walk-ins. */
const waiting = (day: LocalDate) => today(day, 'checked_in', 'waiting');
const calledToday = (now: Date) => today(localDateOf(now), 'called', 'called');

export async function queueOverview(now = new Date()) {
	const day = localDateOf(now);
	return { ...(await waiting(day)), called: await calledToday(now) };
}

export type Called = { kind: 'appointment' | 'ticket'; id: string; label: string; counterId: string };

/**
 * Calls the next visitor to a counter. The call is a change made only if the visitor is
 * still waiting: of two counters pressing "call next" at once, one gets the person and the
 * other the next one.
 */
export async function callNext(counterId: string, now = new Date()): Promise<Called | null> {
	const serves = new Set((await counterTypeSlugs()).get(counterId) ?? []);
	for (let attempt = 0; attempt < 20; attempt++) {
		const { appointments, tickets } = await waiting(localDateOf(now));
		const next = nextToCall({ now, counterId, serves, appointments, tickets });
		if (!next) return null;
		const called = await transaction(async (): Promise<Called | null> => {
			if (next.kind === 'appointment') {
				const a = appointments.find((x) => x.id === next.id)!;
				// The booked counter stays (it holds the slot in the unique index); the caller is kept apart.
				const taken = await db()
					.update(tables.appointments)
					.set({ status: 'called', calledAt: now, calledCounterId: counterId, updatedAt: now })
					.where(and(eq(tables.appointments.id, a.id), eq(tables.appointments.status, 'checked_in')))
					.returning({ id: tables.appointments.id });
				if (!taken.length) return null;
				await db().update(tables.visitStats).set({ calledAt: now, counterId }).where(eq(tables.visitStats.visitId, a.id));
				return { kind: 'appointment', id: a.id, label: a.name, counterId };
			}
			const ticket = tickets.find((x) => x.id === next.id)!;
			const taken = await db()
				.update(tables.queueTickets)
				.set({ status: 'called', calledAt: now, counterId })
				.where(and(eq(tables.queueTickets.id, ticket.id), eq(tables.queueTickets.status, 'waiting')))
				.returning({ id: tables.queueTickets.id });
			if (!taken.length) return null;
			await db().update(tables.visitStats).set({ calledAt: now, counterId }).where(eq(tables.visitStats.visitId, ticket.id));
			return { kind: 'ticket', id: ticket.id, label: ticket.label, counterId };
		});
		if (called) return called;
	}
	return null;
}

/** A called walk-in is served: the ticket closes. */
export function finishTicket(id: string): Promise<boolean> {
	return transaction(async () => {
		const q = tables.queueTickets;
		const changed = await db()
			.update(q)
			.set({ status: 'done' })
			.where(and(eq(q.id, id), eq(q.status, 'called')))
			.returning({ id: q.id });
		if (changed.length) await db().update(tables.visitStats).set({ outcome: 'done' }).where(eq(tables.visitStats.visitId, id));
		return changed.length > 0;
	});
}

/**
 * The public waiting screen: ticket numbers being called and the booked times due, with no
 * names: a booked visitor knows their time and service.
 */
export async function waitingScreen(now = new Date()) {
	const { appointments, tickets } = await calledToday(now);
	const soon = new Date(now.getTime() + 30 * 60_000);
	const a = tables.appointments;
	const due = await db()
		.select({ start: a.start, typeSlug: a.typeSlug, counterId: a.counterId, status: a.status })
		.from(a)
		.where(and(inArray(a.status, ['booked', 'checked_in']), gte(a.start, new Date(now.getTime() - 15 * 60_000)), lt(a.start, soon)))
		.orderBy(asc(a.start));
	return {
		calling: [
			...tickets.map((t) => ({ label: t.label, counterId: t.counterId!, calledAt: t.calledAt!, typeSlug: t.typeSlug, start: null as Date | null })),
			...appointments.map((x) => ({ label: null as string | null, counterId: x.calledCounterId ?? x.counterId, calledAt: x.calledAt!, typeSlug: x.typeSlug, start: x.start as Date | null }))
		]
			.sort((x, y) => y.calledAt.getTime() - x.calledAt.getTime())
			.slice(0, 8),
		due
	};
}
