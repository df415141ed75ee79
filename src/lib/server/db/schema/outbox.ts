import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/** `skipped`: no longer true when it came due (a reminder for a cancelled or past appointment). */
export const outboxStatuses = ['pending', 'sent', 'failed', 'skipped'] as const;

/** What a message is about: appointment messages are checked again when they come due. */
export const outboxKinds = [
	'receipt',
	'appointment_confirmation',
	'appointment_reminder',
	'appointment_moved',
	'appointment_cancelled'
] as const;
export type OutboxKind = (typeof outboxKinds)[number];

export interface OutboxAttachment {
	filename: string;
	contentType: string;
	content: string;
}

export const outbox = sqliteTable(
	'outbox',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
		/** Unique, so a message for the same thing is queued once however often we ask. */
		dedupeKey: text('dedupe_key').notNull().unique(),
		recipient: text('recipient').notNull(),
		subject: text('subject').notNull(),
		body: text('body').notNull(),
		status: text('status', { enum: outboxStatuses }).notNull(),
		attempts: integer('attempts').notNull().default(0),
		maxAttempts: integer('max_attempts').notNull().default(5),
		lastError: text('last_error'),
		/** Where the embedded transport wrote the message (.eml), relative to DATA_DIR. */
		filePath: text('file_path'),
		submissionId: text('submission_id'),
		kind: text('kind', { enum: outboxKinds }),
		appointmentId: text('appointment_id'),
		/** The appointment as it was when queued: a message about an older version is not sent. */
		appointmentSequence: integer('appointment_sequence'),
		attachments: text('attachments', { mode: 'json' }).$type<OutboxAttachment[]>(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt)]
);
export type OutboxMessage = typeof outbox.$inferSelect;
