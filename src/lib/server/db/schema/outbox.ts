import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

export const outboxStatuses = ['pending', 'sent', 'failed'] as const;

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
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt)]
);
export type OutboxMessage = typeof outbox.$inferSelect;
