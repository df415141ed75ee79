import { and, asc, desc, eq, gte, inArray, lt, max, ne } from 'drizzle-orm';
import { nextToCall, ticketLabel } from '$lib/booking/queue';
import { addDays, instantAt, localDateOf, type LocalDate } from '$lib/booking/time';
import { logAudit } from '$lib/server/audit/log';
import { db, tables } from '$lib/server/db';
import type { Appointment, AppointmentStatus, StaffUser } from '$lib/server/db/schema';
import { generateId } from '$lib/server/forms/reference';
import { counterTypeSlugs } from './setup';

function dayBounds(day: LocalDate): [Date, Date] {
	return [instantAt(day, 0)!, instantAt(addDays(day, 1), 0)!];
}

/** The counter's day: who comes, when, why, with what needs, and the linked form. */
export function dayProgramme(counterId: string, day: LocalDate) {
	const [from, to] = dayBounds(day);
	const a = tables.appointments;
	return db()
		.select({ appointment: a, submissionReference: tables.submissions.reference })
		.from(a)
		.leftJoin(tables.submissions, eq(tables.submissions.id, a.submissionId))
		.where(and(eq(a.counterId, counterId), ne(a.status, 'cancelled'), gte(a.start, from), lt(a.start, to)))
		.orderBy(asc(a.start))
		.all();
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
 * changes nothing. The figures keep check-in and call times without personal data.
 */
export function markAppointment(id: string, action: CounterAction, staff: StaffUser, now = new Date()): Appointment | null {
	const { from, to } = transitions[action];
	return db().transaction(
		(tx) => {
			const a = tx.select().from(tables.appointments).where(eq(tables.appointments.id, id)).get();
			if (!a || !from.includes(a.status)) return null;
			const patch = { status: to, updatedAt: now, ...(action === 'check_in' ? { checkedInAt: now } : {}) };
			tx.update(tables.appointments).set(patch).where(eq(tables.appointments.id, id)).run();
			tx.update(tables.visitStats)
				.set({
					...(action === 'check_in' ? { checkedInAt: now } : {}),
					...(action === 'no_show' ? { outcome: 'no_show' as const } : {}),
					...(action === 'done' ? { outcome: 'done' as const } : {})
				})
				.where(eq(tables.visitStats.visitId, id))
				.run();
			if (a.citizenId)
				logAudit(
					{ staff, citizenId: a.citizenId, action: 'update', objectType: 'appointment', objectId: a.id, purpose: 'casework' },
					tx
				);
			return { ...a, ...patch };
		},
		{ behavior: 'immediate' }
	);
}

/** A walk-in's number: one sequence a day across services, the service's letter in front. */
export function issueTicket(typeSlug: string, staffRole: StaffUser['role'], now = new Date()) {
	const day = localDateOf(now);
	return db().transaction(
		(tx) => {
			const type = tx.select().from(tables.appointmentTypes).where(eq(tables.appointmentTypes.slug, typeSlug)).get();
			if (!type) return null;
			const last = tx
				.select({ n: max(tables.queueTickets.number) })
				.from(tables.queueTickets)
				.where(eq(tables.queueTickets.localDate, day))
				.get();
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
			tx.insert(tables.queueTickets).values(ticket).run();
			tx.insert(tables.visitStats)
				.values({ visitId: ticket.id, kind: 'walk_in', typeSlug, channel: 'counter', bookedAt: now, checkedInAt: now, outcome: 'open', staffRole })
				.run();
			return { ...ticket, label: ticketLabel(type.ticketPrefix, ticket.number) };
		},
		{ behavior: 'immediate' }
	);
}

/** Today's appointments in one status, and today's tickets in one status, labelled. */
function today(day: LocalDate, appointmentStatus: AppointmentStatus, ticketStatus: 'waiting' | 'called') {
	const [from, to] = dayBounds(day);
	const a = tables.appointments;
	const appointments = db()
		.select()
		.from(a)
		.where(and(eq(a.status, appointmentStatus), gte(a.start, from), lt(a.start, to)))
		.orderBy(asc(a.start))
		.all();
	const tickets = db()
		.select({ ticket: tables.queueTickets, prefix: tables.appointmentTypes.ticketPrefix })
		.from(tables.queueTickets)
		.innerJoin(tables.appointmentTypes, eq(tables.appointmentTypes.slug, tables.queueTickets.typeSlug))
		.where(and(eq(tables.queueTickets.localDate, day), eq(tables.queueTickets.status, ticketStatus)))
		.orderBy(ticketStatus === 'waiting' ? asc(tables.queueTickets.number) : desc(tables.queueTickets.calledAt))
		.all()
		.map((r) => ({ ...r.ticket, label: ticketLabel(r.prefix, r.ticket.number) }));
	return { appointments, tickets };
}

/** What waits today: checked-in visitors not yet called, and walk-ins. */
const waiting = (day: LocalDate) => today(day, 'checked_in', 'waiting');
const calledToday = (now: Date) => today(localDateOf(now), 'called', 'called');

export function queueOverview(now = new Date()) {
	const day = localDateOf(now);
	return { ...waiting(day), called: calledToday(now) };
}

export type Called = { kind: 'appointment' | 'ticket'; id: string; label: string; counterId: string };

/**
 * Calls the next visitor to a counter in one write transaction, so two counters pressing
 * "call next" at once never get the same person.
 */
export function callNext(counterId: string, now = new Date()): Called | null {
	return db().transaction(
		(tx) => {
			const serves = new Set(counterTypeSlugs(tx).get(counterId) ?? []);
			const { appointments, tickets } = waiting(localDateOf(now));
			const next = nextToCall({ now, counterId, serves, appointments, tickets });
			if (!next) return null;
			if (next.kind === 'appointment') {
				const a = appointments.find((x) => x.id === next.id)!;
				// The booked counter stays (it holds the slot in the unique index); the caller is kept apart.
				tx.update(tables.appointments).set({ status: 'called', calledAt: now, calledCounterId: counterId, updatedAt: now }).where(eq(tables.appointments.id, a.id)).run();
				tx.update(tables.visitStats).set({ calledAt: now }).where(eq(tables.visitStats.visitId, a.id)).run();
				return { kind: 'appointment', id: a.id, label: a.name, counterId };
			}
			const ticket = tickets.find((x) => x.id === next.id)!;
			tx.update(tables.queueTickets).set({ status: 'called', calledAt: now, counterId }).where(eq(tables.queueTickets.id, ticket.id)).run();
			tx.update(tables.visitStats).set({ calledAt: now }).where(eq(tables.visitStats.visitId, ticket.id)).run();
			return { kind: 'ticket', id: ticket.id, label: ticket.label, counterId };
		},
		{ behavior: 'immediate' }
	);
}

/** A called walk-in is served: the ticket closes. */
export function finishTicket(id: string): boolean {
	const changed = db()
		.update(tables.queueTickets)
		.set({ status: 'done' })
		.where(and(eq(tables.queueTickets.id, id), eq(tables.queueTickets.status, 'called')))
		.run().changes;
	if (changed) db().update(tables.visitStats).set({ outcome: 'done' }).where(eq(tables.visitStats.visitId, id)).run();
	return changed > 0;
}

/**
 * The public waiting screen: ticket numbers being called and the booked times due, with no
 * names: a booked visitor knows their time and service.
 */
export function waitingScreen(now = new Date()) {
	const { appointments, tickets } = calledToday(now);
	const soon = new Date(now.getTime() + 30 * 60_000);
	const a = tables.appointments;
	const due = db()
		.select({ start: a.start, typeSlug: a.typeSlug, counterId: a.counterId, status: a.status })
		.from(a)
		.where(and(inArray(a.status, ['booked', 'checked_in']), gte(a.start, new Date(now.getTime() - 15 * 60_000)), lt(a.start, soon)))
		.orderBy(asc(a.start))
		.all();
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
