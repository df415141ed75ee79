import { and, asc, desc, eq, lte, type SQL } from 'drizzle-orm';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { dataDir, mailFrom, smsGateway, smtpUrl } from '$lib/server/config';
import { db, tables, type Db } from '$lib/server/db';
import type { OutboxAttachment, OutboxKind, OutboxMessage } from '$lib/server/db/schema';

export interface NewMessage {
	channel: 'email' | 'sms';
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
}

/** Queues a message once: a second call with the same dedupe key does nothing. */
export function enqueue(message: NewMessage, tx: Pick<Db, 'insert'> = db()): void {
	const now = new Date();
	tx.insert(tables.outbox)
		.values({ ...message, status: 'pending', createdAt: now, nextAttemptAt: now })
		.onConflictDoNothing({ target: tables.outbox.dedupeKey })
		.run();
}

interface Sent {
	filePath: string | null;
}

let transporter: Transporter | undefined;

function writeOutboxFile(message: OutboxMessage, extension: string, content: string | Buffer): Sent {
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
	const mail = {
		messageId: messageIdOf(message),
		from: mailFrom(),
		to: message.recipient,
		subject: message.subject,
		text: message.body,
		attachments: message.attachments ?? undefined
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
function stillTrue(message: OutboxMessage, now: Date): boolean {
	if (!message.appointmentId || message.kind === 'appointment_cancelled') return true;
	const appointment = db()
		.select({ status: tables.appointments.status, start: tables.appointments.start, sequence: tables.appointments.sequence })
		.from(tables.appointments)
		.where(eq(tables.appointments.id, message.appointmentId))
		.get();
	return (
		!!appointment &&
		appointment.status !== 'cancelled' &&
		appointment.start > now &&
		(message.appointmentSequence === null || message.appointmentSequence === appointment.sequence)
	);
}

/** Rows and the files the embedded transport wrote: both hold names and addresses. */
export function deleteMessages(where: SQL, tx: Pick<Db, 'select' | 'delete'> = db()): void {
	const files = tx.select({ filePath: tables.outbox.filePath }).from(tables.outbox).where(where).all();
	tx.delete(tables.outbox).where(where).run();
	for (const { filePath } of files) if (filePath) rmSync(path.join(dataDir(), filePath), { force: true });
}

let running: Promise<number> | null = null;

/**
 * Sends what is due. Runs are never concurrent, so a row is not sent twice by this process;
 * a failure is retried with a growing delay until max_attempts, then marked failed.
 *
 * The guarantee: nothing queued is lost, and each message is sent once, except one in flight
 * when the server died: it is sent again after the restart, with the same idempotency key (an
 * SMS's Idempotency-Key header and reference, an e-mail's Message-ID), so the receiving side
 * can tell the repeat.
 */
export function processOutbox(now = new Date()): Promise<number> {
	running ??= run(now).finally(() => (running = null));
	return running;
}

async function run(now: Date): Promise<number> {
	const due = db()
		.select()
		.from(tables.outbox)
		.where(and(eq(tables.outbox.status, 'pending'), lte(tables.outbox.nextAttemptAt, now)))
		.orderBy(asc(tables.outbox.id))
		.limit(50)
		.all();
	let sent = 0;
	for (const message of due) {
		if (!stillTrue(message, now)) {
			db().update(tables.outbox).set({ status: 'skipped' }).where(eq(tables.outbox.id, message.id)).run();
			continue;
		}
		const attempts = message.attempts + 1;
		try {
			const { filePath } = await (message.channel === 'sms' ? sendSms(message) : sendEmail(message));
			db().update(tables.outbox)
				.set({ status: 'sent', attempts, sentAt: new Date(), filePath, lastError: null })
				.where(eq(tables.outbox.id, message.id))
				.run();
			sent++;
		} catch (e) {
			const failed = attempts >= message.maxAttempts;
			db().update(tables.outbox)
				.set({
					status: failed ? 'failed' : 'pending',
					attempts,
					lastError: e instanceof Error ? e.message.slice(0, 500) : String(e),
					nextAttemptAt: new Date(Date.now() + 2 ** attempts * 30_000)
				})
				.where(eq(tables.outbox.id, message.id))
				.run();
		}
	}
	return sent;
}

export function listOutbox(limit = 100) {
	return db().select().from(tables.outbox).orderBy(desc(tables.outbox.id)).limit(limit).all();
}

export function getOutboxMessage(id: number) {
	return db().select().from(tables.outbox).where(eq(tables.outbox.id, id)).get();
}
