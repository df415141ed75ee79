/** Who a counter calls next: booked visitors at their time first, then walk-ins in order. */

export interface WaitingAppointment {
	id: string;
	typeSlug: string;
	counterId: string;
	start: Date;
}

export interface WaitingTicket {
	id: string;
	typeSlug: string;
	number: number;
}

export type NextVisitor = { kind: 'appointment'; id: string } | { kind: 'ticket'; id: string } | null;

/** A booked visitor may be called this many minutes before the time, as the counter runs early. */
export const EARLY_CALL_MINUTES = 5;

export function nextToCall(input: {
	now: Date;
	counterId: string;
	serves: ReadonlySet<string>;
	/** Checked in and not yet called. */
	appointments: readonly WaitingAppointment[];
	/** Waiting walk-ins. */
	tickets: readonly WaitingTicket[];
}): NextVisitor {
	const { now, counterId, serves } = input;
	const dueBy = now.getTime() + EARLY_CALL_MINUTES * 60_000;
	const mine = input.appointments
		.filter((a) => serves.has(a.typeSlug))
		// Their own counter's visitors before those booked at another counter of the same service.
		.sort((a, b) => a.start.getTime() - b.start.getTime() || Number(b.counterId === counterId) - Number(a.counterId === counterId));
	const due = mine.find((a) => a.start.getTime() <= dueBy);
	if (due) return { kind: 'appointment', id: due.id };
	const ticket = input.tickets.filter((t) => serves.has(t.typeSlug)).sort((a, b) => a.number - b.number)[0];
	if (ticket) return { kind: 'ticket', id: ticket.id };
	// Nobody else waits: a visitor who came early need not wait for their time.
	const early = mine[0];
	return early ? { kind: 'appointment', id: early.id } : null;
}

export function ticketLabel(prefix: string, number: number): string {
	return `${prefix}${String(number).padStart(3, '0')}`;
}
