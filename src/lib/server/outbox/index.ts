import { and, asc, desc, eq, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import nodemailer, { type Transporter } from 'nodemailer';
import { dataDir, mailFrom, outboxLeaseSeconds, outboxRetrySeconds, smsGateway, smtpUrl } from '$lib/server/config';
import { db, first, tables } from '$lib/server/db';
import type { OutboxAttachment, OutboxChannel, OutboxKind, OutboxMessage } from '$lib/server/db/schema';
import { log, reason } from '$lib/server/log';
import { maskEmail, maskPhone } from '$lib/format';
import { deliveryAttachments, sendWebhook } from '$lib/server/delivery';
import { sendDigitalPost, sendPrint } from '$lib/server/post';

/** A failure that trying again will not mend (a receiver's 400): the message fails at once. */
export class PermanentError extends Error {}

export interface NewMessage {
	channel: OutboxChannel;
	kind: OutboxKind;
	dedupeKey: string;
	recipient: string;
	/** E-mail only; an SMS has none. */
	subject: string;
	body: string;
	submissionId?: string;
	appointmentId?: string;
	appointmentSequence?: number;
	attachments?: OutboxAttachment[];
	maxAttempts?: number;
	lang?: 'da' | 'en';
}

/**
 * Queues a message once, in the caller's transaction: a second call with the same dedupe key
 * does nothing, and a message is never queued for something that did not happen.
 */
export async function enqueue(message: NewMessage): Promise<void> {
	const now = new Date();
	await db()
		.insert(tables.outbox)
		.values({ ...message, status: 'pending', createdAt: now, nextAttemptAt: now })
		.onConflictDoNothing({ target: tables.outbox.dedupeKey });
}

export interface Sent {
	filePath: string | null;
	/** What the receiver answered, kept and shown (a case system's journal number). */
	receipt?: string | null;
}

let transporter: Transporter | undefined;

export function writeOutboxFile(message: OutboxMessage, extension: string, content: string | Buffer): Sent {
	const dir = path.join(dataDir(), 'outbox');
	mkdirSync(dir, { recursive: true });
	const file = `${String(message.id).padStart(6, '0')}-${message.dedupeKey.replace(/[^a-z0-9-]/gi, '_')}.${extension}`;
	writeFileSync(path.join(dir, file), content);
	return { filePath: path.join('outbox', file) };
}

/**
 * The same for every attempt at one message: a message sent again after a crash carries the
 * Message-ID of the first try, so mail systems and clients can tell it is the same message.
 */
export function messageIdOf(message: Pick<OutboxMessage, 'dedupeKey'>, from = mailFrom()): string {
	const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'indgang.invalid';
	return `<${createHash('sha256').update(message.dedupeKey).digest('hex').slice(0, 32)}@${domain}>`;
}

/** SMTP when configured; otherwise each message becomes an .eml file under DATA_DIR/outbox. */
async function sendEmail(message: OutboxMessage): Promise<Sent> {
	const smtp = smtpUrl();
	// A delivery is built when sent, so that its file links are fresh and no copy of the answers waits in the outbox.
	const built = message.kind === 'delivery' ? await deliveryAttachments(message) : null;
	const mail = {
		messageId: messageIdOf(message),
		from: mailFrom(),
		to: message.recipient,
		subject: message.subject,
		text: built?.text ?? message.body,
		attachments: built?.attachments ?? message.attachments ?? undefined
	};
	if (smtp) {
		transporter ??= nodemailer.createTransport(smtp);
		await transporter.sendMail(mail);
		return { filePath: null };
	}
	const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
	const info = await stream.sendMail(mail);
	return writeOutboxFile(message, 'eml', info.message as Buffer);
}

/** The configured HTTP gateway; otherwise a text file beside the e-mails. */
async function sendSms(message: OutboxMessage): Promise<Sent> {
	const gateway = smsGateway();
	if (!gateway) return writeOutboxFile(message, 'sms.txt', `To: ${message.recipient}\n\n${message.body}\n`);
	const response = await fetch(gateway.url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			// A gateway that saw this key before may drop the repeat: the message was sent once already.
			'idempotency-key': message.dedupeKey,
			...(gateway.token ? { authorization: `Bearer ${gateway.token}` } : {})
		},
		body: JSON.stringify({ to: message.recipient, message: message.body, reference: message.dedupeKey }),
		signal: AbortSignal.timeout(10_000)
	});
	if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
	return { filePath: null };
}

/**
 * An appointment message is checked again when it comes due: nothing is sent for a cancelled
 * appointment, a time already past, or a time since moved (except the cancellation itself).
 */
async function stillTrue(message: OutboxMessage, now: Date): Promise<boolean> {
	if (!message.appointmentId || message.kind === 'appointment_cancelled') return true;
	const a = tables.appointments;
	const appointment = await first(
		db().select({ status: a.status, start: a.start, sequence: a.sequence }).from(a).where(eq(a.id, message.appointmentId)).limit(1)
	);
	return (
		!!appointment &&
		appointment.status !== 'cancelled' &&
		appointment.start > now &&
		(message.appointmentSequence === null || message.appointmentSequence === appointment.sequence)
	);
}

/** Rows and the files the embedded transport wrote: both hold names and addresses. */
export async function deleteMessages(where: SQL): Promise<void> {
	const files = await db().delete(tables.outbox).where(where).returning({ filePath: tables.outbox.filePath });
	for (const { filePath } of files) if (filePath) rmSync(path.join(dataDir(), filePath), { force: true });
}

/** Who holds a lease: this process, among all instances on all machines. */
export const INSTANCE = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
/** Longer than any one send may take (the SMS gateway's timeout is 10 s): OUTBOX_LEASE_SECONDS, 120 unless set. */
const leaseMs = () => outboxLeaseSeconds() * 1000;
const BATCH = 20;

/**
 * Takes due messages for this instance in one statement: a message is claimed by one
 * instance at a time, and one whose instance died is taken again when its lease runs out.
 * (The outer condition is checked again on each row, so two instances claiming at once on
 * PostgreSQL cannot both take it.)
 */
async function claim(now: Date): Promise<OutboxMessage[]> {
	const o = tables.outbox;
	const due = and(eq(o.status, 'pending'), lte(o.nextAttemptAt, now), or(isNull(o.leaseUntil), lte(o.leaseUntil, now)));
	const ids = db().select({ id: o.id }).from(o).where(due).orderBy(asc(o.id)).limit(BATCH);
	const claimed = await db()
		.update(o)
		.set({ leaseUntil: new Date(now.getTime() + leaseMs()), leasedBy: INSTANCE })
		.where(and(due, inArray(o.id, ids)))
		.returning();
	return claimed.sort((x, y) => x.id - y.id);
}

/** Writes the outcome of this instance's attempt, unless its lease was lost meanwhile. */
async function settle(id: number, changes: Partial<OutboxMessage>): Promise<void> {
	const o = tables.outbox;
	await db()
		.update(o)
		.set({ ...changes, leaseUntil: null, leasedBy: null })
		.where(and(eq(o.id, id), eq(o.leasedBy, INSTANCE)));
}

let running: Promise<number> | null = null;

/**
 * Sends what is due. A failure is retried with a growing delay until max_attempts, then
 * marked failed. One run at a time in this process; across instances the leases decide.
 *
 * The guarantee: nothing queued is lost, and each message is sent once, except one in flight
 * when its instance died: it is sent again when the lease runs out, with the same idempotency
 * key (an SMS's Idempotency-Key header and reference, an e-mail's Message-ID), so the
 * receiving side can tell the repeat.
 */
export function processOutbox(now = new Date()): Promise<number> {
	running ??= run(now).finally(() => {
		running = null;
		if (!queuedMeanwhile) return;
		queuedMeanwhile = false;
		sendSoon();
	});
	return running;
}

/** A message queued while a run was under way: that run did not claim it, so another follows at once. */
let queuedMeanwhile = false;

/** After a change that queued messages: send them now rather than at the job's next tick. */
export function sendSoon(): void {
	if (running) queuedMeanwhile = true;
	processOutbox().catch((e: unknown) => log.error('outbox failed', { reason: reason(e) }));
}

/** At shutdown, after the last run: what this instance held is free for the others at once. */
export async function releaseOutboxLeases(): Promise<void> {
	await running;
	const o = tables.outbox;
	await db().update(o).set({ leaseUntil: null, leasedBy: null }).where(eq(o.leasedBy, INSTANCE));
}

const transports: Record<OutboxChannel, (m: OutboxMessage) => Promise<Sent>> = {
	email: sendEmail,
	sms: sendSms,
	webhook: async (m) => ({ filePath: null, ...(await sendWebhook(m)) }),
	digital_post: sendDigitalPost,
	print: sendPrint
};

/**
 * Staff's "send again" for a message that failed: the same message with the same key, so a
 * receiver that did get it the first time can tell. Only a failed one: nothing is sent twice by a double click.
 */
export async function sendAgain(id: number): Promise<boolean> {
	const o = tables.outbox;
	const changed = await db()
		.update(o)
		.set({ status: 'pending', attempts: 0, nextAttemptAt: new Date(), lastError: null })
		.where(and(eq(o.id, id), eq(o.status, 'failed')))
		.returning({ id: o.id });
	if (changed.length) sendSoon();
	return changed.length > 0;
}

async function run(now: Date): Promise<number> {
	let sent = 0;
	const claimed = await claim(now);
	// A full batch: more may be due behind it.
	if (claimed.length === BATCH) queuedMeanwhile = true;
	for (const message of claimed) {
		if (!(await stillTrue(message, now))) {
			await settle(message.id, { status: 'skipped' });
			continue;
		}
		const attempts = message.attempts + 1;
		try {
			const { filePath, receipt = null } = await transports[message.channel](message);
			await settle(message.id, { status: 'sent', attempts, sentAt: new Date(), filePath, receipt, lastError: null });
			sent++;
		} catch (e) {
			const failed = attempts >= message.maxAttempts || e instanceof PermanentError;
			if (failed) log.warn('message failed', { id: message.id, kind: message.kind, reason: reason(e) });
			await settle(message.id, {
				status: failed ? 'failed' : 'pending',
				attempts,
				lastError: e instanceof Error ? e.message.slice(0, 500) : String(e),
				nextAttemptAt: new Date(Date.now() + 2 ** (attempts - 1) * outboxRetrySeconds() * 1000)
			});
		}
	}
	return sent;
}

/**
 * A message's text for staff eyes: the private links in it are keys (to a citizen's appointment,
 * to a colleague's account set-up), so they are cut to their path.
 */
export function withoutKeys(body: string): string {
	return body.replace(/(\/aftale\/)[A-Za-z0-9_-]{43}/g, '$1…').replace(/(\/medarbejder\/konto\/)[a-z2-7]{32}/g, '$1…');
}

/**
 * A recipient as staff see it: a letter's citizen never by CPR number (the outbox holds only
 * their id), a case system by its host; in the list, addresses masked.
 */
export function recipientShown(channel: OutboxChannel, recipient: string, masked: boolean): string | null {
	if (channel === 'digital_post' || channel === 'print') return null;
	if (channel === 'webhook') return URL.canParse(recipient) ? new URL(recipient).host : recipient;
	if (!masked) return recipient;
	return channel === 'sms' ? maskPhone(recipient) : maskEmail(recipient);
}

export function listOutbox(limit = 100) {
	return db().select().from(tables.outbox).orderBy(desc(tables.outbox.id)).limit(limit);
}

export function getOutboxMessage(id: number) {
	return first(db().select().from(tables.outbox).where(eq(tables.outbox.id, id)).limit(1));
}
