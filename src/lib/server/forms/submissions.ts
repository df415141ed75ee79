import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { answersToSubmit } from '$lib/forms/engine';
import type { FormContext, FormDefinition } from '$lib/forms/types';
import type { Lang } from '$lib/i18n';
import { submissionRetentionDays } from '$lib/server/config';
import { db, tables } from '$lib/server/db';
import type { AuditPurpose, Citizen, Draft, StaffUser, Submission, SubmissionStatus } from '$lib/server/db/schema';
import { recordFormEvent } from '$lib/server/channels/events';
import { auditSubject, logAudit } from '$lib/server/audit/log';
import type { Subject } from '$lib/server/auth/guards';
import { deleteMessages, enqueue, processOutbox } from '$lib/server/outbox';
import { rememberEmail } from '$lib/server/auth/citizens';
import { generateId, generateReference } from './reference';
import { deleteUploads } from './uploads';

export interface ReceiptMail {
	to: string;
	subject: string;
	body: string;
}

export interface SubmitInput {
	draft: Draft;
	/** The citizen it concerns, and who acted: the submission records both. */
	subject: Subject;
	form: FormDefinition;
	ctx: FormContext;
	lang: Lang;
	/** Builds the receipt e-mail once the reference is known; null when there is no address. */
	receiptMail: (submission: Submission) => ReceiptMail | null;
}

export function findSubmissionByKey(idempotencyKey: string, citizenId: string): Submission | undefined {
	return db()
		.select()
		.from(tables.submissions)
		.where(and(eq(tables.submissions.idempotencyKey, idempotencyKey), eq(tables.submissions.citizenId, citizenId)))
		.get();
}

/**
 * Turns a draft into a submission exactly once. The draft's id is the idempotency key: a
 * double click, a resent request or a back-button resubmit finds the first submission and
 * gets the same receipt. The check and the insert share one immediate (write-locked)
 * transaction, and the unique index backs it across processes.
 */
export function submitDraft(input: SubmitInput): { submission: Submission; created: boolean } {
	const result = insertSubmission(input);
	if (result.created) afterSubmission(result.submission, input.form, input.subject.citizen);
	return result;
}

/** What follows a new submission outside its transaction: tidy files, remember, send. */
function afterSubmission(submission: Submission, form: FormDefinition, citizen: Citizen): void {
	dropUnusedUploads(submission);
	const email = form.receiptEmailQuestion && submission.answers[form.receiptEmailQuestion]?.value;
	if (typeof email === 'string') rememberEmail(citizen.id, email);
	// The receipt goes now rather than at the next tick of the outbox job.
	processOutbox().catch((e) => console.error('outbox', e));
}

function insertSubmission(input: SubmitInput): { submission: Submission; created: boolean } {
	const { draft, subject, form, ctx, lang } = input;
	const { citizen, actor } = subject;
	return db().transaction(
		(tx) => {
			const existing = tx
				.select()
				.from(tables.submissions)
				.where(eq(tables.submissions.idempotencyKey, draft.id))
				.get();
			if (existing) return { submission: existing, created: false };

			const now = new Date();
			let reference = generateReference();
			while (tx.select({ id: tables.submissions.id }).from(tables.submissions).where(eq(tables.submissions.reference, reference)).get())
				reference = generateReference();
			const submission: Submission = {
				id: generateId(),
				reference,
				idempotencyKey: draft.id,
				formId: form.id,
				formVersion: draft.formVersion,
				serviceSlug: form.serviceSlug,
				citizenId: citizen.id,
				operatorStaffId: subject.operator?.id ?? null,
				channel: actor.channel,
				assistance: actor.assistance,
				answers: answersToSubmit(form, draft.answers, ctx),
				lang,
				status: 'received',
				createdAt: now,
				statusChangedAt: now
			};
			tx.insert(tables.submissions).values(submission).run();
			tx.update(tables.uploads)
				.set({ submissionId: submission.id, draftId: null })
				.where(eq(tables.uploads.draftId, draft.id))
				.run();
			tx.delete(tables.drafts).where(eq(tables.drafts.id, draft.id)).run();
			recordFormEvent('form_submitted', form.serviceSlug, actor, citizen.cpr, now, tx);
			auditSubject(subject, 'update', 'submission', submission.id, tx);
			const mail = input.receiptMail(submission);
			if (mail)
				enqueue(
					{ channel: 'email', kind: 'receipt', dedupeKey: `receipt:${submission.id}`, recipient: mail.to, subject: mail.subject, body: mail.body, submissionId: submission.id },
					tx
				);
			return { submission, created: true };
		},
		{ behavior: 'immediate' }
	);
}

/** Uploads that answered questions no longer asked are not kept. */
function dropUnusedUploads(submission: Submission): void {
	const kept = new Set(
		Object.values(submission.answers)
			.map((a) => (typeof a.value === 'object' && a.value !== null && 'uploadId' in a.value ? a.value.uploadId : null))
			.filter(Boolean)
	);
	const rows = db().select().from(tables.uploads).where(eq(tables.uploads.submissionId, submission.id)).all();
	const unused = rows.filter((r) => !kept.has(r.id)).map((r) => r.id);
	if (unused.length) deleteUploads({ ids: unused });
}

export function findOwnSubmission(reference: string, citizenId: string): Submission | undefined {
	return db()
		.select()
		.from(tables.submissions)
		.where(and(eq(tables.submissions.reference, reference), eq(tables.submissions.citizenId, citizenId)))
		.get();
}

export function submissionsOf(citizenId: string): Submission[] {
	return db()
		.select()
		.from(tables.submissions)
		.where(eq(tables.submissions.citizenId, citizenId))
		.orderBy(desc(tables.submissions.createdAt))
		.all();
}

export function listSubmissions(filter: { serviceSlug?: string; status?: SubmissionStatus }) {
	const conditions = [
		filter.serviceSlug ? eq(tables.submissions.serviceSlug, filter.serviceSlug) : undefined,
		filter.status ? eq(tables.submissions.status, filter.status) : undefined
	].filter((c) => c !== undefined);
	return db()
		.select({
			id: tables.submissions.id,
			reference: tables.submissions.reference,
			serviceSlug: tables.submissions.serviceSlug,
			status: tables.submissions.status,
			createdAt: tables.submissions.createdAt,
			channel: tables.submissions.channel
		})
		.from(tables.submissions)
		.where(conditions.length ? and(...conditions) : undefined)
		.orderBy(desc(tables.submissions.createdAt))
		.limit(200)
		.all();
}

export function countSubmissionsByService() {
	return db()
		.select({
			serviceSlug: tables.submissions.serviceSlug,
			status: tables.submissions.status,
			count: sql<number>`count(*)`
		})
		.from(tables.submissions)
		.groupBy(tables.submissions.serviceSlug, tables.submissions.status)
		.all();
}

/** Opening a case is a read of personal data: it is logged with the stated purpose. */
export function openSubmissionAsStaff(id: string, staff: StaffUser, purpose: AuditPurpose) {
	const row = db()
		.select({ submission: tables.submissions, citizen: tables.citizens })
		.from(tables.submissions)
		.innerJoin(tables.citizens, eq(tables.submissions.citizenId, tables.citizens.id))
		.where(eq(tables.submissions.id, id))
		.get();
	if (!row) return undefined;
	logAudit({ staff, citizenId: row.citizen.id, action: 'view', objectType: 'submission', objectId: id, purpose });
	return row;
}

export function submissionExists(id: string) {
	return db().select({ id: tables.submissions.id, citizenId: tables.submissions.citizenId }).from(tables.submissions).where(eq(tables.submissions.id, id)).get();
}

export function setSubmissionStatus(id: string, status: SubmissionStatus, staff: StaffUser, purpose: AuditPurpose) {
	return db().transaction((tx) => {
		const row = tx.select().from(tables.submissions).where(eq(tables.submissions.id, id)).get();
		if (!row) return false;
		tx.update(tables.submissions).set({ status, statusChangedAt: new Date() }).where(eq(tables.submissions.id, id)).run();
		logAudit({ staff, citizenId: row.citizenId, action: 'update', objectType: 'submission', objectId: id, purpose }, tx);
		return true;
	});
}

/**
 * The retention job: a case closed longer ago than the retention period goes with its files
 * and e-mails. Contact events hold no personal data and stay for the statistics.
 */
export function purgeClosedSubmissions(now = new Date()): number {
	const before = new Date(now.getTime() - submissionRetentionDays() * 24 * 3600 * 1000);
	const ids = db()
		.select({ id: tables.submissions.id })
		.from(tables.submissions)
		.where(and(eq(tables.submissions.status, 'done'), lte(tables.submissions.statusChangedAt, before)))
		.all()
		.map((r) => r.id);
	if (ids.length === 0) return 0;
	deleteUploads({ submissionIds: ids });
	db().transaction((tx) => {
		deleteMessages(inArray(tables.outbox.submissionId, ids), tx);
		tx.delete(tables.submissions).where(inArray(tables.submissions.id, ids)).run();
	});
	return ids.length;
}
