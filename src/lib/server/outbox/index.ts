import { and, asc, desc, eq, lte } from 'drizzle-orm';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { dataDir, mailFrom, smtpUrl } from '$lib/server/config';
import { db, tables, type Db } from '$lib/server/db';

export interface NewMessage {
	channel: 'email';
	dedupeKey: string;
	recipient: string;
	subject: string;
	body: string;
	submissionId?: string;
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

/** SMTP when configured; otherwise each message becomes an .eml file under DATA_DIR/outbox. */
async function send(message: typeof tables.outbox.$inferSelect): Promise<Sent> {
	const smtp = smtpUrl();
	const mail = { from: mailFrom(), to: message.recipient, subject: message.subject, text: message.body };
	if (smtp) {
		transporter ??= nodemailer.createTransport(smtp);
		await transporter.sendMail(mail);
		return { filePath: null };
	}
	const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
	const info = await stream.sendMail(mail);
	const dir = path.join(dataDir(), 'outbox');
	mkdirSync(dir, { recursive: true });
	const file = `${String(message.id).padStart(6, '0')}-${message.dedupeKey.replace(/[^a-z0-9-]/gi, '_')}.eml`;
	writeFileSync(path.join(dir, file), info.message as Buffer);
	return { filePath: path.join('outbox', file) };
}

let running: Promise<number> | null = null;

/**
 * Sends what is due. Runs are never concurrent, so a row is not sent twice by this process;
 * a failure is retried with a growing delay until max_attempts, then marked failed.
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
		const attempts = message.attempts + 1;
		try {
			const { filePath } = await send(message);
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
