import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ICAL from 'ical.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { slotAt, type SlotDay } from '$lib/booking/slots';
import { instantAt, parseTime, type LocalDate } from '$lib/booking/time';
import { formatDateTime } from '$lib/format';
import { db, first, isUniqueViolation, rows, tables, transaction } from '$lib/server/db';
import { useTestDatabase } from '$lib/server/db/testing';
import { seed } from '$lib/server/db/seed';
import type { Appointment, Citizen, OutboxMessage, StaffUser } from '$lib/server/db/schema';
import { citizenFor } from '$lib/server/auth/citizens';
import { citizenKey, eventDay } from '$lib/server/channels/events';
import { generateId } from '$lib/server/forms/reference';
import { processOutbox } from '$lib/server/outbox';
import { recipientKey, recipientLimiter } from './notifications';
import { availability, book, cancel, findAppointment, findByToken, move, purgeOldAppointments, type Actor, type BookingInput } from './appointments';
import { callNext, finishTicket, issueTicket, markAppointment } from './counter';
import { enqueueDueReminders } from './notifications';
import { appointmentType } from './setup';
import { manageToken } from './tokens';

// A real database of the file's own (SQLite, or PostgreSQL with TEST_PG_URL), migrated and seeded like the server does it.
const { dataDir } = useTestDatabase('booking');
process.env.CITIZEN_KEY_SECRET = 'test-secret-for-citizen-keys';
// Messages go to files unless a test points them at a gateway itself.
delete process.env.SMTP_URL;
delete process.env.SMS_GATEWAY_URL;
delete process.env.SMS_GATEWAY_TOKEN;

// Everything personal the tests hand to the booking; none of it may reach the contact events.
const ANNA_CPR = '1503851234';
const ERIK_CPR = '1209562468';
const personal = new Set<string>([ANNA_CPR, '150385', ERIK_CPR, '120956', 'Anna', 'Testesen', 'Erik', 'Prøvesen']);
const person = (name: string, email: string | null = null, phone: string | null = null) => {
	for (const v of [name, ...name.split(' '), email, phone]) if (v) personal.add(v);
	return { name, email, phone };
};

const at = (date: LocalDate, hhmm: string): Date => instantAt(date, parseTime(hhmm)!)!;
const minutes = (n: number) => n * 60_000;

let staffUser: StaffUser;
const staffActor = (): Actor => ({ channel: 'phone', assistance: 'on_behalf', staff: { id: staffUser.id, role: 'staff' } });
const digital: Actor = { channel: 'digital', assistance: 'none' };

let keys = 0;
const freshKey = () => `test-key-${++keys}-${generateId()}`;

interface BookingOptions {
	type?: string;
	start: Date;
	now: Date;
	actor?: Actor;
	citizen?: Citizen | null;
	who?: { name: string; email: string | null; phone: string | null };
	extraTime?: boolean;
	key?: string;
}

async function bookingInput(o: BookingOptions): Promise<BookingInput> {
	const who = o.who ?? person('Gitte Opkald');
	return {
		idempotencyKey: o.key ?? freshKey(),
		type: (await appointmentType(o.type ?? 'koerekort'))!,
		start: o.start,
		extraTime: o.extraTime ?? false,
		citizen: o.citizen ?? null,
		name: who.name,
		email: who.email,
		phone: who.phone,
		interpreterLanguage: null,
		stepFree: false,
		submissionId: null,
		lang: 'da',
		actor: o.actor ?? staffActor(),
		now: o.now
	};
}

async function bookOk(o: BookingOptions): Promise<Appointment> {
	const result = await book(await bookingInput(o));
	if (!result.ok) throw new Error(`expected a booking at ${o.start.toISOString()}, got ${result.reason}`);
	expect(result.created).toBe(true);
	return result.appointment;
}

/**
 * book/move/cancel/enqueueDueReminders start an outbox run in the background (at the real
 * time). A run at the epoch finds nothing due, but processOutbox hands back the run in flight,
 * so this waits for that one without sending anything itself.
 */
const settle = () => processOutbox(new Date(0));

/** The events there are now: their ids are random (so they do not rank events by time), so "newer" is "not among these". */
const lastEventId = async () => new Set((await db().select({ id: tables.contactEvents.id }).from(tables.contactEvents)).map((r) => r.id));
const eventsAfter = async (before: Set<number>) => (await db().select().from(tables.contactEvents)).filter((e) => !before.has(e.id));
const outboxOf = (appointmentId: string) => db().select().from(tables.outbox).where(eq(tables.outbox.appointmentId, appointmentId)).orderBy(tables.outbox.id);
const outboxRow = (dedupeKey: string) => first(db().select().from(tables.outbox).where(eq(tables.outbox.dedupeKey, dedupeKey)));
const statsOf = (visitId: string) => first(db().select().from(tables.visitStats).where(eq(tables.visitStats.visitId, visitId)));
const activeRows = (idempotencyKey: string) => db().select().from(tables.appointments).where(eq(tables.appointments.idempotencyKey, idempotencyKey));

function calendarOf(message: OutboxMessage | undefined) {
	const attachment = message?.attachments?.[0];
	if (!attachment) throw new Error('no calendar attached');
	expect(attachment.filename).toBe('aftale.ics');
	const calendar = new ICAL.Component(ICAL.parse(attachment.content));
	const vevent = calendar.getFirstSubcomponent('vevent')!;
	const event = new ICAL.Event(vevent);
	return {
		contentType: attachment.contentType,
		method: calendar.getFirstPropertyValue('method'),
		uid: event.uid,
		sequence: event.sequence,
		status: vevent.getFirstPropertyValue('status'),
		start: new Date(event.startDate.toUnixTime() * 1000),
		end: new Date(event.endDate.toUnixTime() * 1000)
	};
}

async function staffDay(type: string, day: LocalDate, now: Date, extraTime = false, ignoreAppointmentId?: string): Promise<SlotDay[]> {
	return availability({ type: (await appointmentType(type))!, extraTime, actor: staffActor(), now, from: day, to: day, ignoreAppointmentId });
}
async function digitalDay(type: string, day: LocalDate, now: Date): Promise<SlotDay[]> {
	return availability({ type: (await appointmentType(type))!, extraTime: false, actor: digital, now, from: day, to: day });
}
const countersAt = (days: SlotDay[], start: Date) => slotAt(days, start)?.counterIds ?? [];
const allSlots = (days: SlotDay[]) => days.flatMap((d) => d.slots);

beforeAll(async () => {
	await seed();
	staffUser = (await first(db().select().from(tables.staffUsers).where(eq(tables.staffUsers.username, 'medarbejder'))))!;
	expect(staffUser.role).toBe('staff');
});

afterEach(async () => {
	// No run may carry over into the next test.
	await settle();
});

describe('booking a free time', () => {
	const day = '2030-03-04'; // a Monday
	const now = at('2030-03-01', '10:00');

	it('creates one appointment, a contact event without personal data, visit figures and the messages', async () => {
		const who = person('Gitte Opkald', 'gitte.opkald@example.dk', '+45 20 30 40 50');
		const start = at(day, '10:00');
		const before = await lastEventId();
		const key = freshKey();
		const result = await book(await bookingInput({ start, now, who, key }));
		expect(result).toMatchObject({ ok: true, created: true });
		if (!result.ok) return;
		const a = result.appointment;
		expect(a).toMatchObject({
			typeSlug: 'koerekort',
			counterId: 'skranke-1',
			status: 'booked',
			sequence: 0,
			channel: 'phone',
			assistance: 'on_behalf',
			bookedByStaffId: staffUser.id,
			citizenId: null,
			name: 'Gitte Opkald'
		});
		expect(a.start.toISOString()).toBe('2030-03-04T09:00:00.000Z'); // 10:00 in Copenhagen (CET)
		expect(a.end.getTime() - a.start.getTime()).toBe(minutes(15));
		expect(a.reference).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
		expect(await activeRows(key)).toHaveLength(1);
		// The private link finds it; the database holds only the token's hash.
		expect((await findByToken(manageToken(a.id)))?.id).toBe(a.id);
		expect(JSON.stringify(await findAppointment(a.id))).not.toContain(manageToken(a.id));

		const events = await eventsAfter(before);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			event: 'appointment_booked',
			channel: 'phone',
			assistance: 'on_behalf',
			kind: 'transaction',
			serviceSlug: 'fornyelse-koerekort',
			staffRole: 'staff',
			citizenKey: null
		});
		// The day only: the exact time would match the event to the appointment row.
		expect(events[0].occurredAt.getTime()).toBe(eventDay(now).getTime());
		expect(events[0].occurredAt.getTime()).not.toBe(now.getTime());
		const eventText = JSON.stringify(events[0]);
		for (const p of ['Gitte', 'Opkald', 'gitte.opkald@example.dk', '20 30 40 50', a.reference, a.id]) expect(eventText).not.toContain(p);

		expect(await statsOf(a.id)).toMatchObject({
			kind: 'appointment',
			typeSlug: 'koerekort',
			channel: 'phone',
			outcome: 'open',
			staffRole: 'staff',
			checkedInAt: null,
			calledAt: null
		});
		expect((await statsOf(a.id))!.bookedAt.getTime()).toBe(now.getTime());
		expect((await statsOf(a.id))!.start!.getTime()).toBe(start.getTime());

		const messages = await outboxOf(a.id);
		expect(messages.map((m) => [m.channel, m.kind])).toEqual([
			['email', 'appointment_confirmation'],
			['sms', 'appointment_confirmation']
		]);
		const [mail, sms] = messages;
		expect(mail.recipient).toBe('gitte.opkald@example.dk');
		expect(mail.subject).toContain(formatDateTime(start, 'da'));
		expect(formatDateTime(start, 'da')).toMatch(/10[.:]00/); // Copenhagen time, not the server's
		expect(mail.body).toContain(a.reference);
		expect(mail.body).toContain(manageToken(a.id));
		const ics = calendarOf(mail);
		expect(ics).toMatchObject({ method: 'REQUEST', sequence: 0, uid: `${a.id}@indgang`, status: 'CONFIRMED' });
		expect(ics.contentType).toContain('method=REQUEST');
		expect(ics.start.toISOString()).toBe('2030-03-04T09:00:00.000Z');
		expect(ics.end.toISOString()).toBe('2030-03-04T09:15:00.000Z');
		expect(sms.recipient).toBe('+45 20 30 40 50');
		expect(sms.body).toContain(a.reference);
		expect(sms.body).toContain(formatDateTime(start, 'da'));
		expect(sms.attachments).toBeNull();

		// Without SMTP and an SMS gateway both become files under DATA_DIR/outbox.
		await settle();
		await processOutbox(now);
		const sent = await outboxOf(a.id);
		expect(sent.map((m) => m.status)).toEqual(['sent', 'sent']);
		expect(sent[0].filePath).toMatch(/\.eml$/);
		expect(sent[1].filePath).toMatch(/\.sms\.txt$/);
		const eml = readFileSync(path.join(dataDir, sent[0].filePath!), 'utf8');
		expect(eml).toMatch(/^To: gitte\.opkald@example\.dk$/m);
		expect(eml).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
		expect(eml).toContain('aftale.ics');
		const smsFile = readFileSync(path.join(dataDir, sent[1].filePath!), 'utf8');
		expect(smsFile).toMatch(/^To: \+45 20 30 40 50\n/);
		expect(smsFile).toContain(a.reference);
	});

	it('gives the same appointment for the same idempotency key, once', async () => {
		const key = freshKey();
		const start = at(day, '13:00');
		const who = person('Ib Dobbeltklik', 'ib.dobbeltklik@example.dk');
		const first = await book(await bookingInput({ start, now, key, who }));
		const eventsBefore = await lastEventId();
		const again = await book(await bookingInput({ start, now, key, who }));
		// A resent form with another time still finds the first booking.
		const resent = await book(await bookingInput({ start: at(day, '14:00'), now, key, who }));
		expect(first).toMatchObject({ ok: true, created: true });
		expect(again).toMatchObject({ ok: true, created: false });
		expect(resent).toMatchObject({ ok: true, created: false });
		if (!first.ok || !again.ok || !resent.ok) return;
		expect(again.appointment.id).toBe(first.appointment.id);
		expect(resent.appointment.id).toBe(first.appointment.id);
		expect(resent.appointment.start.getTime()).toBe(start.getTime());
		expect(await activeRows(key)).toHaveLength(1);
		expect(await eventsAfter(eventsBefore)).toHaveLength(0);
		expect(await outboxOf(first.appointment.id)).toHaveLength(1);
		// The same time is still open on the other counter only.
		expect(countersAt(await staffDay('koerekort', day, now), start)).toEqual(['skranke-2']);
	});
});

describe('an idempotency key', () => {
	it('cannot be used by someone else to reach the first booking', async () => {
		const now = at('2030-03-04', '08:00');
		const key = freshKey();
		const first = await bookOk({ start: at('2030-03-06', '13:00'), now, key });
		const other = { id: 'other-staff', role: 'staff' as const };
		const result = await book(await bookingInput({ start: at('2030-03-06', '13:15'), now, key, actor: { channel: 'phone', assistance: 'on_behalf', staff: other } }));
		expect(result).toEqual({ ok: false, reason: 'foreign_key' });
		expect((await findAppointment(first.id))?.start).toEqual(first.start);
	});
});

describe('a time already taken', () => {
	const day = '2030-03-05'; // Tuesday
	const now = at('2030-03-01', '10:00');

	it('fills counter 1, then counter 2, and only then answers taken with the nearest free times', async () => {
		const start = at(day, '11:00');
		const first = await bookOk({ start, now });
		const second = await bookOk({ start, now });
		expect(first.counterId).toBe('skranke-1');
		expect(second.counterId).toBe('skranke-2');
		expect(slotAt(await staffDay('koerekort', day, now), start)).toBeNull();

		const third = await book(await bookingInput({ start, now }));
		expect(third.ok).toBe(false);
		if (third.ok || third.reason !== 'taken') throw new Error('expected taken');
		expect(third.nearest).toHaveLength(3);
		const free = await staffDay('koerekort', day, now);
		for (const slot of third.nearest) {
			expect(slot.start.getTime()).not.toBe(start.getTime());
			expect(Math.abs(slot.start.getTime() - start.getTime())).toBeLessThanOrEqual(minutes(30));
			expect(slotAt(free, slot.start)?.counterIds).toEqual(slot.counterIds);
		}
		// Sorted, and the two right beside the wanted time are among them.
		const starts = third.nearest.map((s) => s.start.getTime());
		expect(starts).toEqual([...starts].sort((x, y) => x - y));
		expect(starts).toContain(at(day, '10:45').getTime());
		expect(starts).toContain(at(day, '11:15').getTime());
		// Really free: the first suggestion can be booked.
		const taken = await bookOk({ start: third.nearest[0].start, now });
		expect(taken.start.getTime()).toBe(third.nearest[0].start.getTime());
		expect(await db().select().from(tables.appointments).where(eq(tables.appointments.start, start))).toHaveLength(2);
	});
});

describe('the unique index on active appointments', () => {
	const day = '2030-03-06'; // Wednesday
	const now = at('2030-03-01', '10:00');
	const copyOf = (a: Appointment, status: Appointment['status']): Appointment => ({
		...a,
		id: generateId(),
		reference: `T${generateId().slice(0, 3).toUpperCase()}-0000`,
		idempotencyKey: freshKey(),
		manageTokenHash: generateId(),
		status
	});

	it('refuses a second active appointment on the same counter and start, but not a cancelled one', async () => {
		const a = await bookOk({ start: at(day, '10:00'), now });
		let error: unknown;
		try {
			await transaction(async () => {
				await db().insert(tables.appointments).values(copyOf(a, 'booked'));
			});
		} catch (e) {
			error = e;
		}
		expect(error).toBeDefined();
		expect(isUniqueViolation(error)).toBe(true);
		expect(await db().select().from(tables.appointments).where(eq(tables.appointments.start, a.start))).toHaveLength(1);

		const cancelledCopy = copyOf(a, 'cancelled');
		await transaction(async () => {
			await db().insert(tables.appointments).values(cancelledCopy);
		});
		expect((await findAppointment(cancelledCopy.id))?.status).toBe('cancelled');

		// A cancelled appointment alone does not keep the counter from being booked.
		const elsewhere = copyOf({ ...a, start: at(day, '10:30'), end: at(day, '10:45') }, 'cancelled');
		await db().insert(tables.appointments).values(elsewhere);
		expect(countersAt(await staffDay('koerekort', day, now), elsewhere.start)).toEqual(['skranke-1', 'skranke-2']);
		expect((await bookOk({ start: elsewhere.start, now })).counterId).toBe('skranke-1');
	});
});

describe('cancelling', () => {
	const day = '2030-03-07'; // Thursday
	const now = at('2030-03-01', '10:00');

	it('frees the time at once, raises the sequence and sends a CANCEL with the same UID', async () => {
		const start = at(day, '14:00');
		expect(countersAt(await staffDay('koerekort', day, now), start)).toEqual(['skranke-1', 'skranke-2']);
		const who = person('Karen Aflyser', 'karen.aflyser@example.dk');
		const a = await bookOk({ start, now, who });
		expect(countersAt(await staffDay('koerekort', day, now), start)).toEqual(['skranke-2']);

		const later = at('2030-03-02', '09:00');
		const before = await lastEventId();
		const result = await cancel(a.id, staffActor(), later);
		expect(result).toMatchObject({ ok: true, appointment: { status: 'cancelled', sequence: 1 } });
		expect(await findAppointment(a.id)).toMatchObject({ status: 'cancelled', sequence: 1 });
		expect((await findAppointment(a.id))!.updatedAt.getTime()).toBe(later.getTime());
		expect(countersAt(await staffDay('koerekort', day, later), start)).toEqual(['skranke-1', 'skranke-2']);

		const events = await eventsAfter(before);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ event: 'appointment_cancelled', channel: 'phone', assistance: 'on_behalf', serviceSlug: 'fornyelse-koerekort' });
		expect((await statsOf(a.id))?.outcome).toBe('cancelled');

		const mails = await outboxOf(a.id);
		expect(mails.map((m) => m.kind)).toEqual(['appointment_confirmation', 'appointment_cancelled']);
		const confirmation = calendarOf(mails[0]);
		const cancellation = calendarOf(mails[1]);
		expect(cancellation).toMatchObject({ method: 'CANCEL', sequence: 1, uid: confirmation.uid, status: 'CANCELLED' });
		expect(cancellation.contentType).toContain('method=CANCEL');
		expect(cancellation.sequence).toBeGreaterThan(confirmation.sequence);
		expect(cancellation.start.getTime()).toBe(start.getTime());
		expect(mails[1].recipient).toBe('karen.aflyser@example.dk');

		expect(await cancel(a.id, staffActor(), later)).toEqual({ ok: false, reason: 'not_changeable' });
		expect((await findAppointment(a.id))?.sequence).toBe(1);
		expect(await eventsAfter(before)).toHaveLength(1);
		// The freed time can be booked again, on the first counter.
		expect((await bookOk({ start, now: later })).counterId).toBe('skranke-1');
	});

	it('cannot cancel a time that has begun', async () => {
		const a = await bookOk({ start: at(day, '15:00'), now });
		expect(await cancel(a.id, staffActor(), at(day, '15:01'))).toEqual({ ok: false, reason: 'not_changeable' });
		expect((await findAppointment(a.id))?.status).toBe('booked');
	});
});

describe('moving', () => {
	const day = '2030-03-08'; // Friday, open 09-13
	const now = at('2030-03-01', '10:00');

	it('moves to a free time with a new sequence, an event and a message', async () => {
		const who = person('Mads Flytter', 'mads.flytter@example.dk', '+45 61 62 63 64');
		const a = await bookOk({ start: at(day, '10:00'), now, who });
		const later = at('2030-03-02', '09:00');
		const before = await lastEventId();
		const result = await move(a.id, at(day, '11:00'), staffActor(), later);
		expect(result.ok).toBe(true);
		const moved = (await findAppointment(a.id))!;
		expect(moved.start.getTime()).toBe(at(day, '11:00').getTime());
		expect(moved.end.getTime()).toBe(at(day, '11:15').getTime());
		expect(moved).toMatchObject({ sequence: 1, counterId: 'skranke-1', status: 'booked' });
		expect((await statsOf(a.id))?.start?.getTime()).toBe(at(day, '11:00').getTime());
		expect((await eventsAfter(before)).map((e) => [e.event, e.channel, e.serviceSlug])).toEqual([['appointment_moved', 'phone', 'fornyelse-koerekort']]);
		// The old time is free again on that counter.
		expect(countersAt(await staffDay('koerekort', day, later), at(day, '10:00'))).toEqual(['skranke-1', 'skranke-2']);

		const movedMail = await outboxRow(`appointment:${a.id}:appointment_moved:1:email`);
		expect(movedMail?.recipient).toBe('mads.flytter@example.dk');
		expect(calendarOf(movedMail)).toMatchObject({ method: 'REQUEST', sequence: 1, uid: `${a.id}@indgang` });
		expect(calendarOf(movedMail).start.getTime()).toBe(at(day, '11:00').getTime());
		expect((await outboxRow(`appointment:${a.id}:appointment_moved:1:sms`))?.body).toContain(formatDateTime(at(day, '11:00'), 'da'));

		// A second move is a message of its own.
		expect((await move(a.id, at(day, '11:30'), staffActor(), later)).ok).toBe(true);
		expect((await findAppointment(a.id))?.sequence).toBe(2);
		expect(await outboxRow(`appointment:${a.id}:appointment_moved:2:email`)).toBeDefined();
	});

	it('changes nothing when a move is sent again to the time it already has', async () => {
		const a = await bookOk({ start: at('2030-03-07', '10:00'), now });
		const moved = await move(a.id, at('2030-03-07', '11:00'), staffActor(), now);
		expect(moved.ok).toBe(true);
		const before = { events: await lastEventId(), messages: (await outboxOf(a.id)).length };
		const again = await move(a.id, at('2030-03-07', '11:00'), staffActor(), now);
		expect(again).toMatchObject({ ok: true, appointment: { sequence: 1 } });
		expect(await lastEventId()).toEqual(before.events);
		expect(await outboxOf(a.id)).toHaveLength(before.messages);
	});

	it('answers taken with the nearest free times when the new time is full', async () => {
		const a = await bookOk({ start: at(day, '09:45'), now });
		const full = at(day, '12:00');
		await bookOk({ start: full, now });
		await bookOk({ start: full, now });
		const before = await lastEventId();
		const result = await move(a.id, full, staffActor(), now);
		expect(result.ok).toBe(false);
		if (result.ok || result.reason !== 'taken') throw new Error('expected taken');
		expect(result.nearest.length).toBeGreaterThan(0);
		for (const slot of result.nearest) {
			expect(slot.start.getTime()).not.toBe(full.getTime());
			expect(Math.abs(slot.start.getTime() - full.getTime())).toBeLessThanOrEqual(minutes(30));
		}
		expect(await findAppointment(a.id)).toMatchObject({ sequence: 0, status: 'booked' });
		expect((await findAppointment(a.id))!.start.getTime()).toBe(at(day, '09:45').getTime());
		expect(await eventsAfter(before)).toHaveLength(0);
	});

	it('moves within its own time: its own booking does not block it', async () => {
		// 09:00-09:30 with extra time on counter 1; counter 2 is busy at 09:00 and 09:15.
		const x = await bookOk({ start: at(day, '09:00'), now, extraTime: true });
		expect(x.counterId).toBe('skranke-1');
		expect(x.end.getTime()).toBe(at(day, '09:30').getTime());
		expect((await bookOk({ start: at(day, '09:00'), now })).counterId).toBe('skranke-2');
		expect((await bookOk({ start: at(day, '09:15'), now })).counterId).toBe('skranke-2');
		// Seen by anyone else, 09:15 with extra time is not free.
		expect(slotAt(await staffDay('koerekort', day, now, true), at(day, '09:15'))).toBeNull();
		expect(slotAt(await staffDay('koerekort', day, now, true, x.id), at(day, '09:15'))?.counterIds).toEqual(['skranke-1']);

		const result = await move(x.id, at(day, '09:15'), staffActor(), now);
		expect(result.ok).toBe(true);
		const moved = (await findAppointment(x.id))!;
		expect(moved).toMatchObject({ counterId: 'skranke-1', sequence: 1, extraTime: true });
		expect(moved.start.getTime()).toBe(at(day, '09:15').getTime());
		expect(moved.end.getTime()).toBe(at(day, '09:45').getTime());
	});
});

describe('citizens booking online', () => {
	it('are held back after ten bookings, moves and cancellations an hour, and one phone gets at most eight messages an hour', async () => {
		const day = '2030-04-02'; // Tuesday
		const now = at('2030-03-25', '09:00');
		const karen = await citizenFor({ cpr: '3010701234', name: null, loa: 'substantial', provider: 'test' });
		const who = person('Karen Adgangsen', null, '+45 20 30 40 50');
		const a = await bookOk({ start: at(day, '10:00'), now, actor: digital, citizen: karen, who });
		for (let i = 1; i <= 9; i++) expect((await move(a.id, at(day, i % 2 ? '11:00' : '10:00'), digital, now)).ok, `move ${i}`).toBe(true);
		expect(await move(a.id, at(day, '12:00'), digital, now)).toMatchObject({ ok: false, reason: 'too_many', retryAfterMinutes: 60 });
		expect(await cancel(a.id, digital, now)).toMatchObject({ ok: false, reason: 'too_many' });
		expect((await findAppointment(a.id))?.status).toBe('booked');
		// Staff on the phone with her are not held back.
		expect((await move(a.id, at(day, '12:00'), staffActor(), now)).ok).toBe(true);
		// Eleven changes, at most eight SMS: the number is not flooded, whoever causes the messages.
		const sms = (await outboxOf(a.id)).filter((m) => m.channel === 'sms');
		expect(sms.length).toBeLessThanOrEqual(8);
		expect(await recipientLimiter.blockedFor(recipientKey('+45 20 30 40 50'))).toBeGreaterThan(0);
		expect(await outboxRow(`appointment:${a.id}:appointment_moved:10:sms`)).toBeUndefined();
		expect((await db().select().from(tables.rateLimits)).map((r) => r.key).join(' ')).not.toMatch(/20 ?30 ?40 ?50/);
	});

	it('honour the minimum notice; staff may book at short notice', async () => {
		const day = '2030-03-11'; // Monday
		const now = at(day, '09:00');
		const online = allSlots(await digitalDay('koerekort', day, now));
		expect(online.length).toBeGreaterThan(0);
		expect(Math.min(...online.map((s) => s.start.getTime()))).toBe(at(day, '11:00').getTime());
		expect(Math.min(...allSlots(await staffDay('koerekort', day, now)).map((s) => s.start.getTime()))).toBe(at(day, '09:00').getTime());

		const anna = await citizenFor({ cpr: ANNA_CPR, name: null, loa: 'substantial', provider: 'test' });
		const who = person('Anna Testesen', 'anna.testesen@example.dk');
		const tooSoon = await book(await bookingInput({ start: at(day, '10:00'), now, actor: digital, citizen: anna, who }));
		expect(tooSoon).toMatchObject({ ok: false, reason: 'taken' });
		if (tooSoon.ok || tooSoon.reason !== 'taken') return;
		for (const s of tooSoon.nearest) expect(s.start.getTime()).toBeGreaterThanOrEqual(at(day, '11:00').getTime());
		expect((await bookOk({ start: at(day, '09:30'), now })).counterId).toBe('skranke-1');
	});

	it('may hold one coming time per type', async () => {
		const day = '2030-03-11';
		const now = at('2030-03-08', '09:00');
		const anna = await citizenFor({ cpr: ANNA_CPR, name: null, loa: 'substantial', provider: 'test' });
		const who = person('Anna Testesen', 'anna.testesen@example.dk');
		const before = await lastEventId();
		const first = await bookOk({ start: at(day, '13:00'), now, actor: digital, citizen: anna, who });
		expect(first).toMatchObject({ citizenId: anna.id, channel: 'digital', assistance: 'none', bookedByStaffId: null });
		const events = await eventsAfter(before);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ event: 'appointment_booked', channel: 'digital', assistance: 'none', staffRole: null, citizenKey: citizenKey(ANNA_CPR) });
		expect(events[0].citizenKey).not.toContain(ANNA_CPR);

		const second = await book(await bookingInput({ start: at('2030-03-12', '10:00'), now, actor: digital, citizen: anna, who }));
		expect(second).toMatchObject({ ok: false, reason: 'already_booked', appointment: { id: first.id } });
		// Staff booking for her on the phone meets the same rule.
		expect(await book(await bookingInput({ start: at('2030-03-12', '10:00'), now, citizen: anna, who }))).toMatchObject({ ok: false, reason: 'already_booked' });
		// Another type is fine.
		expect((await bookOk({ type: 'sundhedskort', start: at('2030-03-12', '10:00'), now, actor: digital, citizen: anna, who })).typeSlug).toBe('sundhedskort');
		expect(await db().select().from(tables.appointments).where(and(eq(tables.appointments.citizenId, anna.id), eq(tables.appointments.typeSlug, 'koerekort')))).toHaveLength(1);
		// Once cancelled, she may book again.
		expect((await cancel(first.id, digital, now)).ok).toBe(true);
		expect((await bookOk({ start: at('2030-03-12', '10:00'), now, actor: digital, citizen: anna, who })).citizenId).toBe(anna.id);
	});

	it('leave the held-back times of a counter-day to phone and counter booking', async () => {
		const day = '2030-03-15'; // Friday: 09-13 is 16 quarter-hours per counter
		const now = at('2030-03-11', '09:00');
		const quarter = (i: number) => new Date(at(day, '09:00').getTime() + i * minutes(15));
		for (let i = 0; i < 13; i++) expect((await bookOk({ start: quarter(i), now })).counterId).toBe('skranke-1');
		// Three left on counter 1: more than the two held back, so all of them are offered.
		expect(allSlots(await digitalDay('koerekort', day, now)).filter((s) => s.counterIds.includes('skranke-1'))).toHaveLength(3);

		expect((await bookOk({ start: quarter(13), now })).counterId).toBe('skranke-1');
		// Two left on counter 1: online booking gets none of them, counter 2 is untouched.
		const online = allSlots(await digitalDay('koerekort', day, now));
		expect(online.some((s) => s.counterIds.includes('skranke-1'))).toBe(false);
		expect(online.filter((s) => s.counterIds.includes('skranke-2'))).toHaveLength(16);
		const byStaff = allSlots(await staffDay('koerekort', day, now)).filter((s) => s.counterIds.includes('skranke-1'));
		expect(byStaff.map((s) => s.start.getTime())).toEqual([quarter(14).getTime(), quarter(15).getTime()]);

		// A citizen asking for 12:30 gets counter 2, not one of counter 1's held-back times.
		const erik = await citizenFor({ cpr: ERIK_CPR, name: null, loa: 'substantial', provider: 'test' });
		const online1230 = await bookOk({ start: quarter(14), now, actor: digital, citizen: erik, who: person('Erik Prøvesen') });
		expect(online1230.counterId).toBe('skranke-2');
		// Staff may still use counter 1's last times.
		expect((await bookOk({ start: quarter(14), now })).counterId).toBe('skranke-1');
	});
});

describe('reminders', () => {
	const booked = at('2030-03-14', '10:00');
	const runAt = at('2030-03-18', '12:00'); // the window reaches 2030-03-19 12:00
	const reminders = (ids: string[]) =>
		db()
			.select()
			.from(tables.outbox)
			.where(and(inArray(tables.outbox.appointmentId, ids), eq(tables.outbox.kind, 'appointment_reminder')))
			// In the order queued (PostgreSQL, unlike SQLite's rowid scan, promises no order without one).
			.orderBy(tables.outbox.id);

	it('queues one reminder per appointment inside the window, none for late bookings, moves or cancellations', async () => {
		const r1 = await bookOk({ start: at('2030-03-19', '10:00'), now: booked, who: person('Rie Mindes', 'rie.mindes@example.dk') });
		const lateBooked = await bookOk({ start: at('2030-03-19', '10:30'), now: at('2030-03-18', '11:30'), who: person('Lars Sent', 'lars.sent@example.dk') });
		const cancelled = await bookOk({ start: at('2030-03-19', '11:00'), now: booked, who: person('Cilla Aflyst', 'cilla.aflyst@example.dk') });
		expect((await cancel(cancelled.id, staffActor(), at('2030-03-15', '10:00'))).ok).toBe(true);
		const lateMoved = await bookOk({ start: at('2030-03-19', '09:00'), now: booked, who: person('Mona Flyttet', 'mona.flyttet@example.dk') });
		expect((await move(lateMoved.id, at('2030-03-19', '09:30'), staffActor(), at('2030-03-18', '11:00'))).ok).toBe(true);
		const nextDay = await bookOk({ start: at('2030-03-20', '10:00'), now: booked, who: person('Niels Næste', 'niels.naeste@example.dk') });
		await settle();
		const ids = [r1.id, lateBooked.id, cancelled.id, lateMoved.id, nextDay.id];

		await enqueueDueReminders(runAt);
		await settle();
		await enqueueDueReminders(runAt);
		await enqueueDueReminders(new Date(runAt.getTime() + minutes(1)));
		await settle();
		const queued = await reminders(ids);
		expect(queued.map((m) => m.appointmentId)).toEqual([r1.id]);
		expect(queued[0]).toMatchObject({ channel: 'email', recipient: 'rie.mindes@example.dk' });
		expect(queued[0].subject).toContain(formatDateTime(r1.start, 'da'));
		expect(calendarOf(queued[0])).toMatchObject({ method: 'REQUEST', sequence: 0 });

		// A day later the next appointment's turn comes; the first is not reminded again.
		await enqueueDueReminders(at('2030-03-19', '11:00'));
		await settle();
		expect((await reminders(ids)).map((m) => m.appointmentId).sort()).toEqual([r1.id, nextDay.id].sort());
	});

	it('reminds of the new time when a reminded appointment is moved to another week', async () => {
		const a = await bookOk({ start: at('2030-03-19', '11:30'), now: booked, who: person('Vera Venter', 'vera.venter@example.dk') });
		await enqueueDueReminders(runAt);
		await settle();
		expect(await reminders([a.id])).toHaveLength(1);
		expect((await move(a.id, at('2030-04-02', '10:00'), staffActor(), at('2030-03-18', '13:00'))).ok).toBe(true);
		await settle();
		await enqueueDueReminders(at('2030-04-01', '12:00'));
		await settle();
		const all = await reminders([a.id]);
		expect(all).toHaveLength(2);
		expect(all[1].subject).toContain(formatDateTime(at('2030-04-02', '10:00'), 'da'));
		expect(calendarOf(all[1])).toMatchObject({ method: 'REQUEST', sequence: 1 });
	});
});

describe('an SMS gateway', () => {
	let server: Server;
	const received: { reference: string; to: string; message: string; status: number; authorization?: string }[] = [];
	let answer: () => number = () => 200;
	const requestsFor = (dedupeKey: string) => received.filter((r) => r.reference === dedupeKey);

	beforeAll(async () => {
		server = createServer((req, res) => {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () => {
				const status = answer();
				const json = JSON.parse(body) as { to: string; message: string; reference: string };
				received.push({ ...json, status, authorization: req.headers.authorization });
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(status === 200 ? '{"ok":true}' : '{"error":"down"}');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		process.env.SMS_GATEWAY_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
		process.env.SMS_GATEWAY_TOKEN = 'gateway-test-token';
	});

	afterAll(async () => {
		await settle();
		delete process.env.SMS_GATEWAY_URL;
		delete process.env.SMS_GATEWAY_TOKEN;
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});

	const day = '2030-03-21'; // Thursday
	const now = at('2030-03-14', '10:00');

	it('retries after a failure and sends on the second attempt', async () => {
		let failures = 1;
		answer = () => (failures-- > 0 ? 500 : 200);
		const a = await bookOk({ start: at(day, '10:00'), now, who: person('Signe Sms', null, '+45 71 72 73 74') });
		await settle(); // the booking's own run tried once
		const key = `appointment:${a.id}:appointment_confirmation:sms`;
		let row = (await outboxRow(key))!;
		expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'SMS gateway answered 500' });
		// Not retried before its back-off has passed.
		await processOutbox(new Date(row.nextAttemptAt.getTime() - 1000));
		expect((await outboxRow(key))!.attempts).toBe(1);

		await processOutbox(now);
		row = (await outboxRow(key))!;
		expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null, filePath: null });
		const requests = requestsFor(key);
		expect(requests.map((r) => r.status)).toEqual([500, 200]);
		expect(requests[1]).toMatchObject({ to: '+45 71 72 73 74', authorization: 'Bearer gateway-test-token' });
		expect(requests[1].message).toContain(a.reference);
		// Nothing more to send.
		await processOutbox(new Date(now.getTime() + minutes(60)));
		expect(requestsFor(key)).toHaveLength(2);
	});

	it('gives up after the maximum attempts and marks the message failed', async () => {
		answer = () => 503;
		const a = await bookOk({ start: at(day, '11:00'), now, who: person('Frede Fejl', null, '+45 81 82 83 84') });
		await settle();
		const key = `appointment:${a.id}:appointment_confirmation:sms`;
		const maxAttempts = (await outboxRow(key))!.maxAttempts;
		expect(maxAttempts).toBe(5);
		for (let i = 2; i <= maxAttempts; i++) {
			expect(await outboxRow(key)).toMatchObject({ status: 'pending', attempts: i - 1 });
			await processOutbox(new Date(now.getTime() + i * minutes(60)));
		}
		expect(await outboxRow(key)).toMatchObject({ status: 'failed', attempts: maxAttempts, lastError: 'SMS gateway answered 503' });
		answer = () => 200;
		await processOutbox(new Date(now.getTime() + 24 * minutes(60)));
		expect(await outboxRow(key)).toMatchObject({ status: 'failed', attempts: maxAttempts });
		expect(requestsFor(key)).toHaveLength(maxAttempts);
	});

	it('skips a reminder still pending when the time has begun, and sends nothing', async () => {
		answer = () => 500;
		const a = await bookOk({ start: at('2030-03-22', '10:00'), now, who: person('Palle Påmind', null, '+45 91 92 93 94') });
		await settle();
		await enqueueDueReminders(at('2030-03-21', '12:00'));
		await settle();
		const reminderKey = `appointment:${a.id}:appointment_reminder:0:sms`;
		expect(await outboxRow(reminderKey)).toMatchObject({ status: 'pending', attempts: 1 });

		answer = () => 200;
		const sentBefore = received.length;
		await processOutbox(at('2030-03-22', '10:05'));
		expect(await outboxRow(reminderKey)).toMatchObject({ status: 'skipped', attempts: 1 });
		expect(await outboxRow(`appointment:${a.id}:appointment_confirmation:sms`)).toMatchObject({ status: 'skipped' });
		expect(received.length).toBe(sentBefore);
	});

	it('skips the pending confirmation of a cancelled appointment but sends the cancellation', async () => {
		answer = () => 500;
		const who = person('Alma Annulleret', 'alma.annulleret@example.dk', '+45 31 32 33 34');
		const a = await bookOk({ start: at('2030-03-25', '10:00'), now, who });
		await settle();
		const key = (kind: string, medium: string) => `appointment:${a.id}:${kind}:${medium}`;
		expect((await outboxRow(key('appointment_confirmation', 'email')))?.status).toBe('sent'); // a file
		expect(await outboxRow(key('appointment_confirmation', 'sms'))).toMatchObject({ status: 'pending', attempts: 1 });

		answer = () => 200;
		expect((await cancel(a.id, staffActor(), at('2030-03-15', '10:00'))).ok).toBe(true);
		await settle();
		await processOutbox(at('2030-03-16', '10:00'));
		expect(await outboxRow(key('appointment_confirmation', 'sms'))).toMatchObject({ status: 'skipped', attempts: 1 });
		expect(await outboxRow(key('appointment_cancelled', 'sms'))).toMatchObject({ status: 'sent', attempts: 1 });
		expect(await outboxRow(key('appointment_cancelled', 'email'))).toMatchObject({ status: 'sent' });
		expect(requestsFor(key('appointment_confirmation', 'sms')).map((r) => r.status)).toEqual([500]);
		expect(requestsFor(key('appointment_cancelled', 'sms')).map((r) => r.status)).toEqual([200]);
	});

	it('is not sent once the time has moved; the moved message goes instead', async () => {
		answer = () => 500;
		const who = person('Mads Flytter', null, '+45 41 42 43 44');
		const now = at('2030-03-11', '09:00');
		const a = await bookOk({ start: at('2030-03-26', '10:00'), now, who });
		await settle();
		const key = (kind: string) => `appointment:${a.id}:${kind}:sms`;
		expect(await outboxRow(key('appointment_confirmation'))).toMatchObject({ status: 'pending', attempts: 1 });

		answer = () => 200;
		expect((await move(a.id, at('2030-03-26', '11:00'), staffActor(), now)).ok).toBe(true);
		await settle();
		await processOutbox(at('2030-03-12', '09:00'));
		expect(await outboxRow(key('appointment_confirmation'))).toMatchObject({ status: 'skipped' });
		expect(await outboxRow(key('appointment_moved:1'))).toMatchObject({ status: 'sent' });
	});
});

describe('at the counter', () => {
	const day = '2030-03-26'; // Tuesday

	it('checks in, calls the due booked visitor before an earlier walk-in, then the walk-ins, and finishes', async () => {
		const erik = await citizenFor({ cpr: ERIK_CPR, name: null, loa: 'substantial', provider: 'test' });
		const a = await bookOk({ start: at(day, '10:00'), now: at('2030-03-25', '09:00'), citizen: erik, who: person('Erik Prøvesen', null, '+45 41 42 43 44') });
		const absent = await bookOk({ start: at(day, '10:30'), now: at('2030-03-25', '09:00') });
		expect(a.counterId).toBe('skranke-1');

		const k = (await issueTicket('koerekort', 'staff', at(day, '09:50')))!;
		const p = (await issueTicket('pas', 'staff', at(day, '09:52')))!;
		expect(k).toMatchObject({ number: 1, label: 'K001', localDate: day });
		expect(p).toMatchObject({ number: 2, label: 'P002', localDate: day });
		// A new day starts from one again.
		expect(await issueTicket('vejledning', 'staff', at('2030-03-27', '09:01'))).toMatchObject({ number: 1, label: 'V001' });

		const checkedIn = await markAppointment(a.id, 'check_in', staffUser, at(day, '09:55'));
		expect(checkedIn?.status).toBe('checked_in');
		expect(await markAppointment(a.id, 'check_in', staffUser, at(day, '09:56'))).toBeNull();
		expect((await findAppointment(a.id))!.checkedInAt!.getTime()).toBe(at(day, '09:55').getTime());

		expect(await callNext('skranke-1', at(day, '10:00'))).toMatchObject({ kind: 'appointment', id: a.id, counterId: 'skranke-1' });
		expect(await findAppointment(a.id)).toMatchObject({ status: 'called' });
		expect(await callNext('skranke-1', at(day, '10:01'))).toMatchObject({ kind: 'ticket', id: k.id, label: 'K001' });
		expect(await callNext('skranke-2', at(day, '10:02'))).toMatchObject({ kind: 'ticket', id: p.id, label: 'P002' });
		// Nobody waits: a visitor who has not checked in is not called.
		expect(await callNext('skranke-1', at(day, '10:03'))).toBeNull();

		expect(await finishTicket(k.id)).toBe(true);
		expect(await finishTicket(k.id)).toBe(false);
		expect((await markAppointment(a.id, 'done', staffUser, at(day, '10:12')))?.status).toBe('done');
		expect(await markAppointment(a.id, 'done', staffUser, at(day, '10:13'))).toBeNull();
		expect((await markAppointment(absent.id, 'no_show', staffUser, at(day, '10:45')))?.status).toBe('no_show');

		expect(await statsOf(a.id)).toMatchObject({ kind: 'appointment', outcome: 'done' });
		expect((await statsOf(a.id))!.checkedInAt!.getTime()).toBe(at(day, '09:55').getTime());
		expect((await statsOf(a.id))!.calledAt!.getTime()).toBe(at(day, '10:00').getTime());
		expect(await statsOf(k.id)).toMatchObject({ kind: 'walk_in', typeSlug: 'koerekort', channel: 'counter', outcome: 'done' });
		expect((await statsOf(k.id))!.calledAt!.getTime()).toBe(at(day, '10:01').getTime());
		expect(await statsOf(p.id)).toMatchObject({ outcome: 'open' });
		expect((await statsOf(absent.id))?.outcome).toBe('no_show');

		// The columns of the table itself, as the database has them (a row's keys, on either engine).
		const [statsRow] = await rows<Record<string, unknown>>(sql`SELECT * FROM visit_stats WHERE visit_id = ${a.id}`);
		const columns = Object.keys(statsRow);
		expect(columns).toContain('checked_in_at');
		for (const c of columns) expect(c).not.toMatch(/name|phone|email|citizen|cpr|address/);
		const stats = JSON.stringify(await db().select().from(tables.visitStats));
		for (const p of ['Erik', 'Prøvesen', '41 42 43 44', erik.id, ERIK_CPR]) expect(stats).not.toContain(p);
	});
});

describe('two counters with the same time', () => {
	it('lets one counter call the other counter\'s visitor without touching the slot', async () => {
		const day = '2030-04-01';
		const now = at(day, '09:58');
		const x = await bookOk({ start: at(day, '10:00'), now: at('2030-03-25', '09:00'), who: person('Xenia Først') });
		const y = await bookOk({ start: at(day, '10:00'), now: at('2030-03-25', '09:00'), who: person('Yrsa Anden') });
		expect([x.counterId, y.counterId].sort()).toEqual(['skranke-1', 'skranke-2']);
		const [atOne, atTwo] = x.counterId === 'skranke-1' ? [x, y] : [y, x];
		await markAppointment(atTwo.id, 'check_in', staffUser, now);
		await markAppointment(atOne.id, 'no_show', staffUser, now);
		const called = await callNext('skranke-1', now);
		expect(called).toMatchObject({ kind: 'appointment', id: atTwo.id, counterId: 'skranke-1' });
		expect(await findAppointment(atTwo.id)).toMatchObject({ status: 'called', counterId: 'skranke-2', calledCounterId: 'skranke-1' });
	});
});

describe('retention', () => {
	it('purges old appointments with their messages and keeps contact events and visit figures', async () => {
		const a = await bookOk({ start: at('2030-01-07', '10:00'), now: at('2030-01-02', '10:00'), who: person('Olga Gammel', 'olga.gammel@example.dk') });
		await settle();
		expect(await outboxOf(a.id)).toHaveLength(1);
		const events = (await db().select().from(tables.contactEvents)).length;
		const otherMessages = (await db().select().from(tables.outbox)).length - 1;
		const appointments = (await db().select().from(tables.appointments)).length;

		expect(await purgeOldAppointments(90, at('2030-04-06', '10:00'))).toBe(0);
		expect(await purgeOldAppointments(90, at('2030-04-08', '10:00'))).toBe(1);
		expect(await findAppointment(a.id)).toBeUndefined();
		expect(await outboxOf(a.id)).toHaveLength(0);
		// The .eml the embedded transport wrote held the name and address: it goes too.
		expect(readdirSync(path.join(dataDir, 'outbox')).some((f) => f.includes(a.id))).toBe(false);
		expect(await db().select().from(tables.appointments)).toHaveLength(appointments - 1);
		expect(await db().select().from(tables.outbox)).toHaveLength(otherMessages);
		expect(await db().select().from(tables.contactEvents)).toHaveLength(events);
		expect(await statsOf(a.id)).toMatchObject({ kind: 'appointment', typeSlug: 'koerekort' });
	});
});

describe('contact events after all of the above', () => {
	it('hold no CPR number, name, phone number or e-mail address', async () => {
		const rows = await db().select().from(tables.contactEvents);
		expect(rows.length).toBeGreaterThan(10);
		expect(new Set(rows.map((r) => r.event))).toEqual(new Set(['appointment_booked', 'appointment_moved', 'appointment_cancelled']));
		const values = [...personal].filter((p) => p.length >= 4);
		expect(values).toEqual(expect.arrayContaining([ANNA_CPR, 'gitte.opkald@example.dk', '+45 20 30 40 50', 'Opkald']));
		for (const row of rows) {
			const text = JSON.stringify(row);
			for (const p of values) expect(text).not.toContain(p);
		}
		for (const cpr of [ANNA_CPR, ERIK_CPR]) {
			const key = citizenKey(cpr);
			expect(rows.some((r) => r.citizenKey === key)).toBe(true);
		}
	});
});
