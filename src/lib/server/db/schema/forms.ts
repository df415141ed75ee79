import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { citizens, staffUsers } from './auth';
import type { Answers } from '$lib/forms/types';

export const channels = ['digital', 'phone', 'counter', 'written'] as const;
export type Channel = (typeof channels)[number];
export const assistances = ['none', 'guided', 'on_behalf'] as const;
export type Assistance = (typeof assistances)[number];

export const drafts = sqliteTable(
	'drafts',
	{
		id: text('id').primaryKey(),
		citizenId: text('citizen_id')
			.notNull()
			.references(() => citizens.id, { onDelete: 'cascade' }),
		formId: text('form_id').notNull(),
		formVersion: integer('form_version').notNull(),
		serviceSlug: text('service_slug').notNull(),
		answers: text('answers', { mode: 'json' }).$type<Answers>().notNull(),
		/** The staff member operating the portal for the citizen (medbetjening), if any. */
		operatorStaffId: text('operator_staff_id').references(() => staffUsers.id),
		channel: text('channel', { enum: channels }).notNull(),
		assistance: text('assistance', { enum: assistances }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('drafts_citizen_idx').on(t.citizenId), index('drafts_expires_idx').on(t.expiresAt)]
);
export type Draft = typeof drafts.$inferSelect;

export const submissionStatuses = ['received', 'in_progress', 'done'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

export const submissions = sqliteTable(
	'submissions',
	{
		id: text('id').primaryKey(),
		reference: text('reference').notNull().unique(),
		/** A resent submit carries the same key and so finds the first submission. */
		idempotencyKey: text('idempotency_key').notNull().unique(),
		formId: text('form_id').notNull(),
		formVersion: integer('form_version').notNull(),
		serviceSlug: text('service_slug').notNull(),
		citizenId: text('citizen_id')
			.notNull()
			.references(() => citizens.id),
		operatorStaffId: text('operator_staff_id').references(() => staffUsers.id),
		channel: text('channel', { enum: channels }).notNull(),
		assistance: text('assistance', { enum: assistances }).notNull(),
		answers: text('answers', { mode: 'json' }).$type<Answers>().notNull(),
		lang: text('lang', { enum: ['da', 'en'] }).notNull(),
		status: text('status', { enum: submissionStatuses }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		statusChangedAt: integer('status_changed_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('submissions_citizen_idx').on(t.citizenId),
		index('submissions_service_idx').on(t.serviceSlug, t.createdAt)
	]
);
export type Submission = typeof submissions.$inferSelect;

export const uploads = sqliteTable(
	'uploads',
	{
		id: text('id').primaryKey(),
		citizenId: text('citizen_id')
			.notNull()
			.references(() => citizens.id, { onDelete: 'cascade' }),
		draftId: text('draft_id'),
		submissionId: text('submission_id'),
		questionId: text('question_id').notNull(),
		fileName: text('file_name').notNull(),
		mimeType: text('mime_type').notNull(),
		size: integer('size').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('uploads_draft_idx').on(t.draftId), index('uploads_submission_idx').on(t.submissionId)]
);
export type Upload = typeof uploads.$inferSelect;
