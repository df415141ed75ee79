import { createHash } from 'node:crypto';
import { FailureLimiter } from '$lib/server/auth/rate-limit';
import { log } from '$lib/server/log';
import { and, eq, gt, lte } from 'drizzle-orm';
import type { TFunction } from 'i18next';
import { calendarFile } from '$lib/booking/ics';
import { formatDateTime } from '$lib/format';
import { routes } from '$lib/routes';
import { mailFrom, publicOrigin } from '$lib/server/config';
import { db, first, tables, transaction } from '$lib/server/db';
import type { Appointment, AppointmentType, OutboxKind } from '$lib/server/db/schema';
import { serverT } from '$lib/server/i18n';
import { enqueue, sendSoon } from '$lib/server/outbox';
import { queueLetter } from '$lib/server/post';
import { manageToken } from './tokens';

type AppointmentKind = Extract<OutboxKind, `appointment_${string}`>;

/** The private link in every message: it moves or cancels without signing in. */
export function manageUrl(appointmentId: string, storedHash?: string): string {
	return publicOrigin() + routes.appointment(manageToken(appointmentId, storedHash));
}

/** An RFC 5545 file for the appointment as it is now; a cancellation carries METHOD:CANCEL. */
/**
 * The calendar file. The copy attached to the visitor's own e-mail names them as attendee (as
 * an invitation must); the one behind the private link shows no more than that page: no name,
 * no address.
 */
export async function appointmentCalendar(a: Appointment, type: AppointmentType, opts: { attendee: boolean }, now = new Date()): Promise<string> {
	const t = serverT(a.lang);
	const title = type.texts[a.lang].title;
	const organizer = mailFrom().match(/^(.*?)\s*<([^>]+)>$/);
	return calendarFile({
		uid: `${a.id}@indgang`,
		sequence: a.sequence,
		method: a.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
		start: a.start,
		end: a.end,
		stamp: now,
		summary: t('booking.calendar.summary', { type: title }),
		location: await locationOf(a),
		description: [
			t('booking.calendar.reference', { reference: a.reference }),
			...bringLines(t, type.texts[a.lang].bring),
			t('booking.calendar.manage', { url: manageUrl(a.id, a.manageTokenHash) })
		].join('\n'),
		organizer: organizer ? { name: organizer[1], email: organizer[2] } : undefined,
		attendee: opts.attendee && a.email ? { name: a.name, email: a.email } : undefined,
		url: manageUrl(a.id, a.manageTokenHash)
	});
}

function bringLines(t: TFunction, bring: string[]): string[] {
	return bring.length ? [t('booking.bringTitle') + ':', ...bring.map((b) => `- ${b}`), ''] : [];
}

export async function locationOf(a: Pick<Appointment, 'counterId' | 'lang'>): Promise<string> {
	const counter = await first(db().select().from(tables.counters).where(eq(tables.counters.id, a.counterId)).limit(1));
	return counter ? `${counter.location}, ${counter.names[a.lang]}` : '';
}

/**
 * Queues the e-mail and/or SMS for a change to an appointment. The dedupe key makes each
 * message exactly once per appointment and kind (a move counts per sequence).
 */
/**
 * However the messages are caused, one phone number or e-mail address gets at most eight an
 * hour from the portal: nobody can make it send SMS to a number they typed. The key is a hash,
 * so the limits table holds no phone numbers.
 */
export const recipientLimiter = new FailureLimiter('notify-recipient', 8, 60 * 60_000);

export const recipientKey = (recipient: string) => createHash('sha256').update(recipient.toLowerCase()).digest('hex').slice(0, 32);

async function mayNotify(recipient: string, kind: AppointmentKind): Promise<boolean> {
	const { blocked } = await recipientLimiter.hit(recipientKey(recipient));
	if (blocked) log.warn('message held back: too many to one recipient this hour', { kind });
	return !blocked;
}

export async function notifyAppointment(a: Appointment, type: AppointmentType, kind: AppointmentKind, now: Date): Promise<void> {
	const t = serverT(a.lang);
	const title = type.texts[a.lang].title;
	const when = formatDateTime(a.start, a.lang);
	const location = await locationOf(a);
	const url = manageUrl(a.id, a.manageTokenHash);
	// A time can move more than once; each move is its own message, and a moved time is
	// reminded of again (the reminder for the old time must not block the one for the new).
	const perSequence = kind === 'appointment_moved' || kind === 'appointment_reminder';
	const key = (medium: string) => `appointment:${a.id}:${kind}${perSequence ? `:${a.sequence}` : ''}:${medium}`;
	const bring = type.texts[a.lang].bring;
	if (a.email && (await mayNotify(a.email, kind))) {
		const lines = [
			t('mail.appointment.greeting', { name: a.name }),
			'',
			t(`mail.appointment.${kind}.lead`, { type: title, when, location }),
			t('mail.appointment.reference', { reference: a.reference }),
			''
		];
		if (kind !== 'appointment_cancelled') lines.push(...bringLines(t, bring));
		if (kind !== 'appointment_cancelled') lines.push(t('mail.appointment.manage', { url }), '');
		lines.push(t('mail.receipt.signature'));
		await enqueue({
				channel: 'email',
				kind,
				dedupeKey: key('email'),
				recipient: a.email,
				subject: t(`mail.appointment.${kind}.subject`, { type: title, when }),
				body: lines.join('\n'),
				appointmentId: a.id,
				appointmentSequence: a.sequence,
				attachments: [
					{
						filename: 'aftale.ics',
						contentType: `text/calendar; charset=utf-8; method=${a.status === 'cancelled' ? 'CANCEL' : 'REQUEST'}`,
						content: await appointmentCalendar(a, type, { attendee: true }, now)
					}
				]
			});
	}
	// A citizen who booked signed in gets the confirmation, change or cancellation in Digital Post
	// (or on paper); e-mail and SMS then only tell of it. A reminder is only a nudge: no letter.
	if (a.citizenId && kind !== 'appointment_reminder') {
		const lines = [t('mail.appointment.greeting', { name: a.name }), t(`mail.appointment.${kind}.lead`, { type: title, when, location }), t('mail.appointment.reference', { reference: a.reference })];
		if (kind !== 'appointment_cancelled' && bring.length) lines.push([t('booking.bringTitle') + ':', ...bring.map((b) => `- ${b}`)].join('\n'));
		await queueLetter({
			citizenId: a.citizenId,
			kind,
			dedupeKey: key('letter'),
			title: t(`mail.appointment.${kind}.subject`, { type: title, when }),
			body: [...lines, t('mail.receipt.signature')].join('\n\n'),
			lang: a.lang,
			appointmentId: a.id,
			appointmentSequence: a.sequence
		});
	}
	if (a.phone && (await mayNotify(a.phone, kind))) {
		await enqueue({
				channel: 'sms',
				kind,
				dedupeKey: key('sms'),
				recipient: a.phone,
				subject: '',
				body: t(`sms.${kind}`, { type: title, when, reference: a.reference, url }),
				appointmentId: a.id,
				appointmentSequence: a.sequence
			});
	}
}

/**
 * Queues reminders for booked appointments that come within the reminder window. An
 * appointment booked or moved inside the window already got its message and gets none.
 */
export async function enqueueDueReminders(now = new Date()): Promise<number> {
	const hours = (await first(db().select().from(tables.bookingSettings).limit(1)))?.reminderHours ?? 24;
	const windowEnd = new Date(now.getTime() + hours * 3_600_000);
	const a = tables.appointments;
	const rows = await db()
		.select({ appointment: a, type: tables.appointmentTypes })
		.from(a)
		.innerJoin(tables.appointmentTypes, eq(tables.appointmentTypes.slug, a.typeSlug))
		.where(and(eq(a.status, 'booked'), gt(a.start, now), lte(a.start, windowEnd)));
	const due = rows.filter((r) => r.appointment.updatedAt.getTime() <= r.appointment.start.getTime() - hours * 3_600_000);
	if (due.length === 0) return 0;
	// Queued by dedupe key: a reminder already queued (by another instance too) is not queued twice.
	await transaction(async () => {
		for (const r of due) await notifyAppointment(r.appointment, r.type, 'appointment_reminder', now);
	});
	sendSoon();
	return due.length;
}
