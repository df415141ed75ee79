import { and, count, desc, eq, inArray, lte } from 'drizzle-orm';
import { answersToSubmit } from '$lib/forms/engine';
import type { FormContext, FormDefinition } from '$lib/forms/types';
import type { Lang } from '$lib/i18n';
import { submissionRetentionDays } from '$lib/server/config';
import { db, first, isUniqueViolation, tables, transaction } from '$lib/server/db';
import type { AuditPurpose, Citizen, Draft, StaffUser, Submission, SubmissionStatus } from '$lib/server/db/schema';
import { recordFormEvent } from '$lib/server/channels/events';
import { draftSubmitted } from './funnel';
import { auditSubject, logAudit } from '$lib/server/audit/log';
import type { Subject } from '$lib/server/auth/guards';
import { deleteMessages, enqueue, sendSoon } from '$lib/server/outbox';
import { rememberEmail } from '$lib/server/auth/citizens';
import { costDeliveryOf, queueDeliveries } from '$lib/server/delivery';
import { queueLetter } from '$lib/server/post';
import { serverT } from '$lib/server/i18n';
import { formatDateTime } from '$lib/format';
import { findService } from '$lib/server/services/catalog';
import { askParentConsent } from '$lib/server/cases/consent';
import { queueFeeLetter } from '$lib/server/cases/dialogue';
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

export function findSubmissionByKey(idempotencyKey: string, citizenId: string): Promise<Submission | undefined> {
	const s = tables.submissions;
	return first(db().select().from(s).where(and(eq(s.idempotencyKey, idempotencyKey), eq(s.citizenId, citizenId))).limit(1));
}

/**
 * Turns a draft into a submission exactly once. The draft's id is the idempotency key: a
 * double click, a resent request or a back-button resubmit finds the first submission and
 * gets the same receipt. The check and the insert share one transaction, and the unique
 * index on the key decides between requests that check at the same moment (on any instance).
 */
export async function submitDraft(input: SubmitInput): Promise<{ submission: Submission; created: boolean }> {
	let result: { submission: Submission; created: boolean };
	try {
		result = await transaction(() => insertSubmission(input));
	} catch (e) {
		const earlier = isUniqueViolation(e) ? await findSubmissionByKey(input.draft.id, input.subject.citizen.id) : undefined;
		if (!earlier) throw e;
		result = { submission: earlier, created: false };
	}
	if (result.created) await afterSubmission(result.submission, input.form, input.subject.citizen);
	return result;
}

/** What follows a new submission outside its transaction: tidy files, remember, send. */
async function afterSubmission(submission: Submission, form: FormDefinition, citizen: Citizen): Promise<void> {
	await dropUnusedUploads(submission);
	const email = form.receiptEmailQuestion && submission.answers[form.receiptEmailQuestion]?.value;
	if (typeof email === 'string') await rememberEmail(citizen.id, email);
	// The receipt goes now rather than at the next tick of the outbox job.
	sendSoon();
}

async function insertSubmission(input: SubmitInput): Promise<{ submission: Submission; created: boolean }> {
	const { draft, subject, form, ctx, lang } = input;
	const { citizen, actor } = subject;
	const s = tables.submissions;
	const existing = await first(db().select().from(s).where(eq(s.idempotencyKey, draft.id)).limit(1));
	if (existing) return { submission: existing, created: false };

	const now = new Date();
	let reference = generateReference();
	while (await first(db().select({ id: s.id }).from(s).where(eq(s.reference, reference)).limit(1))) reference = generateReference();
	const submission: Submission = {
		id: generateId(),
		reference,
		idempotencyKey: draft.id,
		formId: form.id,
		formVersion: draft.formVersion,
		serviceSlug: form.serviceSlug,
		citizenId: citizen.id,
		operatorStaffId: subject.operator?.id ?? null,
		proxyCitizenId: subject.proxy?.holder.id ?? null,
		proxyReference: subject.proxy?.reference ?? null,
		channel: actor.channel,
		assistance: actor.assistance,
		answers: answersToSubmit(form, draft.answers, ctx),
		lang,
		status: 'received',
		createdAt: now,
		statusChangedAt: now,
		decision: null,
		decisionReason: null,
		answeredAt: null
	};
	await db().insert(s).values(submission);
	await db().update(tables.uploads).set({ submissionId: submission.id, draftId: null }).where(eq(tables.uploads.draftId, draft.id));
	await draftSubmitted(draft.id);
	await db().delete(tables.drafts).where(eq(tables.drafts.id, draft.id));
	const service = await findService(form.serviceSlug);
	await recordFormEvent('form_submitted', form.serviceSlug, actor, citizen.cpr, now, costDeliveryOf(service?.deliveries ?? ['inbox']));
	await auditSubject(subject, 'update', 'submission', submission.id);
	const mail = input.receiptMail(submission);
	// Under a power of attorney the receipt goes to both: the address in the form, and the holder's own.
	const holderEmail = subject.proxy?.holder.email;
	const recipients = [...new Set([mail?.to, holderEmail && mail ? holderEmail : undefined].filter((r): r is string => !!r))];
	for (const [i, to] of recipients.entries())
		await enqueue({
			channel: 'email',
			kind: 'receipt',
			dedupeKey: `receipt:${submission.id}${i ? `:${i}` : ''}`,
			recipient: to,
			subject: mail!.subject,
			body: mail!.body,
			submissionId: submission.id
		});
	const title = service ? (service.texts[lang] ?? service.texts.da).title : form.serviceSlug;
	// The lasting receipt goes to the citizen's Digital Post (or on paper); the e-mail only tells of it.
	await queueLetter({
		citizenId: citizen.id,
		kind: 'receipt',
		dedupeKey: `receipt:${submission.id}`,
		title: serverT(lang)('mail.receipt.subject', { service: title, reference: submission.reference }),
		body: [serverT(lang)('mail.receipt.received', { service: title, when: formatDateTime(now, lang) }), serverT(lang)('mail.receipt.reference', { reference: submission.reference })].join('\n\n'),
		lang,
		submissionId: submission.id
	});
	await queueDeliveries(submission, service, title);
	await askParentConsent(submission, form, citizen.name);
	if (form.fee && submission.answers[form.fee.question]) await queueFeeLetter(submission, form.fee.amountKr, title);
	return { submission, created: true };
}

/** Uploads that answered questions no longer asked are not kept. */
async function dropUnusedUploads(submission: Submission): Promise<void> {
	const kept = new Set(
		Object.values(submission.answers)
			.map((a) => (typeof a.value === 'object' && a.value !== null && 'uploadId' in a.value ? a.value.uploadId : null))
			.filter(Boolean)
	);
	const rows = await db().select().from(tables.uploads).where(eq(tables.uploads.submissionId, submission.id));
	const unused = rows.filter((r) => !kept.has(r.id)).map((r) => r.id);
	if (unused.length) await deleteUploads({ ids: unused });
}

export function findOwnSubmission(reference: string, citizenId: string): Promise<Submission | undefined> {
	const s = tables.submissions;
	return first(db().select().from(s).where(and(eq(s.reference, reference), eq(s.citizenId, citizenId))).limit(1));
}

export function submissionsOf(citizenId: string): Promise<Submission[]> {
	return db().select().from(tables.submissions).where(eq(tables.submissions.citizenId, citizenId)).orderBy(desc(tables.submissions.createdAt));
}

export function listSubmissions(filter: { serviceSlug?: string; status?: SubmissionStatus }) {
	const s = tables.submissions;
	const conditions = [filter.serviceSlug ? eq(s.serviceSlug, filter.serviceSlug) : undefined, filter.status ? eq(s.status, filter.status) : undefined].filter(
		(c) => c !== undefined
	);
	return db()
		.select({ id: s.id, reference: s.reference, serviceSlug: s.serviceSlug, status: s.status, createdAt: s.createdAt, channel: s.channel })
		.from(s)
		.where(conditions.length ? and(...conditions) : undefined)
		.orderBy(desc(s.createdAt))
		.limit(200);
}

export function countSubmissionsByService() {
	const s = tables.submissions;
	return db()
		.select({ serviceSlug: s.serviceSlug, status: s.status, count: count() })
		.from(s)
		.groupBy(s.serviceSlug, s.status);
}

/** Opening a case is a read of personal data: it is logged with the stated purpose. */
export async function openSubmissionAsStaff(id: string, staff: StaffUser, purpose: AuditPurpose) {
	const row = await first(
		db()
			.select({ submission: tables.submissions, citizen: tables.citizens })
			.from(tables.submissions)
			.innerJoin(tables.citizens, eq(tables.submissions.citizenId, tables.citizens.id))
			.where(eq(tables.submissions.id, id))
			.limit(1)
	);
	if (!row) return undefined;
	await logAudit({ staff, citizenId: row.citizen.id, action: 'view', objectType: 'submission', objectId: id, purpose });
	return row;
}

export function submissionExists(id: string) {
	const s = tables.submissions;
	return first(db().select({ id: s.id, citizenId: s.citizenId }).from(s).where(eq(s.id, id)).limit(1));
}

export function setSubmissionStatus(id: string, status: SubmissionStatus, staff: StaffUser, purpose: AuditPurpose): Promise<boolean> {
	return transaction(async () => {
		const changed = await db()
			.update(tables.submissions)
			.set({ status, statusChangedAt: new Date() })
			.where(eq(tables.submissions.id, id))
			.returning({ citizenId: tables.submissions.citizenId });
		if (!changed.length) return false;
		await logAudit({ staff, citizenId: changed[0].citizenId, action: 'update', objectType: 'submission', objectId: id, purpose });
		return true;
	});
}

/**
 * The retention job: a case closed longer ago than the retention period goes with its files
 * and e-mails. Contact events hold no personal data and stay for the statistics.
 */
export async function purgeClosedSubmissions(now = new Date()): Promise<number> {
	const before = new Date(now.getTime() - submissionRetentionDays() * 24 * 3600 * 1000);
	const s = tables.submissions;
	const ids = (await db().select({ id: s.id }).from(s).where(and(eq(s.status, 'done'), lte(s.statusChangedAt, before)))).map((r) => r.id);
	if (ids.length === 0) return 0;
	await deleteUploads({ submissionIds: ids });
	await transaction(async () => {
		await deleteMessages(inArray(tables.outbox.submissionId, ids));
		await db().delete(s).where(inArray(s.id, ids));
	});
	return ids.length;
}
