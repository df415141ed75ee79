import { and, asc, eq, isNull, lte, gt } from 'drizzle-orm';
import { copenhagenDate } from '$lib/forms/dates';
import { instantAt } from '$lib/booking/time';
import type { Lang } from '$lib/i18n';
import { routes } from '$lib/routes';
import { publicOrigin } from '$lib/server/config';
import { db, first, tables, transaction } from '$lib/server/db';
import type { AuditPurpose, CaseMessage, Decision, StaffUser, Submission, SubmissionStatus } from '$lib/server/db/schema';
import { logAudit, auditSubject } from '$lib/server/audit/log';
import type { Subject } from '$lib/server/auth/guards';
import { recordContactEvent, staffOf } from '$lib/server/channels/events';
import { generateId } from '$lib/server/forms/reference';
import { serverT } from '$lib/server/i18n';
import { enqueue, sendSoon } from '$lib/server/outbox';
import { letterText, queueLetter } from '$lib/server/post';
import type { FieldError } from '$lib/server/auth/accounts';

export const REQUEST_MAX_DAYS = 90;
/** A reminder goes this many days before the answer is due. */
export const REMINDER_DAYS = 2;

export interface InformationRequest {
	text: string;
	dueDate: string;
	documents: string[];
}

/** Staff's request from the case page's form: each wrong field named, what was typed kept. */
export function readRequest(get: (name: string) => string, now = new Date()): { value: InformationRequest | null; errors: FieldError[] } {
	const errors: FieldError[] = [];
	const text = get('besked').trim();
	if (!text) errors.push({ fieldId: 'besked', code: 'message_required' });
	else if (text.length > 2000) errors.push({ fieldId: 'besked', code: 'message_too_long' });
	const dueDate = get('frist').trim();
	const today = copenhagenDate(now);
	const last = copenhagenDate(new Date(now.getTime() + REQUEST_MAX_DAYS * 86_400_000));
	if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate) || !instantAt(dueDate, 0)) errors.push({ fieldId: 'frist', code: 'due_invalid' });
	else if (dueDate <= today || dueDate > last) errors.push({ fieldId: 'frist', code: 'due_range' });
	const documents = get('dokumenter')
		.split(/\r?\n/)
		.map((d) => d.trim())
		.filter(Boolean);
	if (documents.length > 10 || documents.some((d) => d.length > 200)) errors.push({ fieldId: 'dokumenter', code: 'documents_too_many' });
	return { value: errors.length ? null : { text, dueDate, documents }, errors };
}

/** The citizen's answer: some text, a file, or both; never nothing. */
export function readAnswer(text: string, hasFile: boolean): FieldError[] {
	if (text.length > 4000) return [{ fieldId: 'svar', code: 'answer_too_long' }];
	if (!text.trim() && !hasFile) return [{ fieldId: 'svar', code: 'answer_required' }];
	return [];
}

async function submissionById(id: string) {
	return first(db().select().from(tables.submissions).where(eq(tables.submissions.id, id)).limit(1));
}

/**
 * Tells the citizen that their case moved: the letter in Digital Post (or on paper), and a line
 * by e-mail where we know an address. One per event, by its key.
 */
async function notifyCitizen(submission: Submission, key: string, kind: 'case_update' | 'info_request' | 'info_reminder', params: Record<string, string>) {
	const lang: Lang = submission.lang;
	const t = serverT(lang);
	const url = publicOrigin() + routes.myCase(submission.reference);
	const title = t(`mail.case.${kind}.subject`, { reference: submission.reference, ...params });
	const body = letterText(t, [t(`mail.case.${kind}.lead`, { reference: submission.reference, ...params }), t('mail.case.link', { url })]);
	const channel = await queueLetter({ citizenId: submission.citizenId, kind, dedupeKey: key, title, body, lang, submissionId: submission.id });
	const citizen = await first(db().select({ email: tables.citizens.email }).from(tables.citizens).where(eq(tables.citizens.id, submission.citizenId)).limit(1));
	if (citizen?.email)
		await enqueue({ channel: 'email', kind, dedupeKey: `${key}:email`, recipient: citizen.email, subject: title, body: letterText(t, [t(channel === 'print' ? 'mail.case.noticePaper' : 'mail.case.notice', { reference: submission.reference }), t('mail.case.link', { url })]), submissionId: submission.id });
}

/** Staff ask for information: the case waits for the citizen, who is told at once. */
export async function askForInformation(submissionId: string, staff: StaffUser, request: InformationRequest, purpose: AuditPurpose, now = new Date()): Promise<boolean> {
	const done = await transaction(async () => {
		const submission = await submissionById(submissionId);
		if (!submission) return false;
		const id = generateId();
		await db()
			.insert(tables.caseMessages)
			.values({ id, submissionId, at: now, author: 'staff', staffId: staff.id, unit: staff.unit, text: request.text, dueAt: instantAt(request.dueDate, 23 * 60 + 59)!, documents: request.documents });
		await db().update(tables.submissions).set({ status: 'awaiting_citizen', statusChangedAt: now, answeredAt: null }).where(eq(tables.submissions.id, submissionId));
		await logAudit({ staff, citizenId: submission.citizenId, action: 'update', objectType: 'case_message', objectId: id, purpose });
		await recordContactEvent({ event: 'case_message', channel: 'digital', assistance: 'none', kind: 'information', serviceSlug: submission.serviceSlug, at: now });
		await notifyCitizen(submission, `info_request:${id}`, 'info_request', { due: request.dueDate.split('-').reverse().join('.') });
		return true;
	});
	if (done) sendSoon();
	return done;
}

/**
 * The citizen's answer to an open request. Once only: a second send of the same form (a double
 * tap, the back button) finds the request answered and changes nothing.
 */
export async function answerRequest(subject: Subject, submission: Submission, requestId: string, text: string, now = new Date()): Promise<{ answerId: string } | null> {
	return transaction(async () => {
		const m = tables.caseMessages;
		const taken = await db()
			.update(m)
			.set({ answeredAt: now })
			.where(and(eq(m.id, requestId), eq(m.submissionId, submission.id), eq(m.author, 'staff'), isNull(m.answeredAt)))
			.returning({ id: m.id });
		if (!taken.length) return null;
		const answerId = generateId();
		await db()
			.insert(m)
			.values({ id: answerId, submissionId: submission.id, at: now, author: 'citizen', staffId: subject.operator?.id ?? null, unit: subject.operator?.unit ?? null, text: text.trim(), answersId: requestId });
		// Back in the inbox, marked answered, for staff to pick up.
		await db().update(tables.submissions).set({ status: 'in_progress', statusChangedAt: now, answeredAt: now }).where(eq(tables.submissions.id, submission.id));
		await auditSubject(subject, 'update', 'case_message', answerId);
		await recordContactEvent({
			event: 'case_answer',
			channel: subject.actor.channel,
			assistance: subject.actor.assistance,
			kind: 'transaction',
			serviceSlug: submission.serviceSlug,
			...staffOf(subject.actor),
			citizenCpr: subject.citizen.cpr,
			at: now
		});
		return { answerId };
	});
}

/**
 * The fee's letter: the amount, and what happens next (paying online is a later issue, so the
 * text promises only what the municipality does: a bill with how to pay).
 */
export async function queueFeeLetter(submission: Submission, amountKr: number, service: string): Promise<void> {
	const t = serverT(submission.lang);
	const params = { service, amount: amountKr.toLocaleString(submission.lang === 'da' ? 'da-DK' : 'en-GB'), reference: submission.reference };
	await queueLetter({
		citizenId: submission.citizenId,
		kind: 'fee_letter',
		dedupeKey: `fee:${submission.id}`,
		title: t('mail.fee.subject', params),
		body: letterText(t, [t('mail.fee.lead', params), t('mail.fee.how', params)]),
		lang: submission.lang,
		submissionId: submission.id
	});
}

/**
 * A decision closes the case; a refusal says why. The citizen is told either way. A case that
 * needs another parent's consent cannot be granted before it is given.
 */
export async function decide(
	submissionId: string,
	staff: StaffUser,
	decision: Decision,
	reason: string,
	purpose: AuditPurpose,
	now = new Date()
): Promise<'decided' | 'not_found' | 'consent_missing'> {
	const consent = await first(db().select({ state: tables.consents.state }).from(tables.consents).where(eq(tables.consents.submissionId, submissionId)).limit(1));
	if (decision === 'granted' && consent && consent.state !== 'given') return 'consent_missing';
	const done = await transaction(async () => {
		const changed = await db()
			.update(tables.submissions)
			.set({ status: 'done', statusChangedAt: now, decision, decisionReason: reason || null })
			.where(eq(tables.submissions.id, submissionId))
			.returning();
		if (!changed.length) return false;
		const submission = changed[0];
		await logAudit({ staff, citizenId: submission.citizenId, action: 'update', objectType: 'submission', objectId: submissionId, purpose });
		await recordContactEvent({ event: 'case_message', channel: 'digital', assistance: 'none', kind: 'information', serviceSlug: submission.serviceSlug, at: now });
		const t = serverT(submission.lang);
		await notifyCitizen(submission, `decision:${submissionId}`, 'case_update', { status: t(`decision.${decision}`) });
		return true;
	});
	if (done) sendSoon();
	return done ? 'decided' : 'not_found';
}

/** Every change of status is told to the citizen: one letter per status reached. */
export async function notifyStatus(submissionId: string, status: SubmissionStatus, at: Date): Promise<void> {
	const submission = await submissionById(submissionId);
	if (!submission) return;
	const t = serverT(submission.lang);
	await notifyCitizen(submission, `status:${submissionId}:${status}:${at.getTime()}`, 'case_update', { status: t(`status.${status}`) });
	sendSoon();
}

export function messagesOf(submissionId: string): Promise<CaseMessage[]> {
	const m = tables.caseMessages;
	return db().select().from(m).where(eq(m.submissionId, submissionId)).orderBy(asc(m.at));
}

/** The request the citizen has yet to answer, if any: the newest one open. */
export function openRequest(messages: CaseMessage[]): CaseMessage | undefined {
	return messages.filter((m) => m.author === 'staff' && m.dueAt && !m.answeredAt).at(-1);
}

/** The reminder job: a request due within REMINDER_DAYS and not answered gets one reminder. */
export async function remindDueRequests(now = new Date()): Promise<number> {
	const m = tables.caseMessages;
	const due = await db()
		.select({ message: m, submission: tables.submissions })
		.from(m)
		.innerJoin(tables.submissions, eq(tables.submissions.id, m.submissionId))
		.where(and(eq(m.author, 'staff'), isNull(m.answeredAt), gt(m.dueAt, now), lte(m.dueAt, new Date(now.getTime() + REMINDER_DAYS * 86_400_000))));
	await transaction(async () => {
		for (const { message, submission } of due)
			await notifyCitizen(submission, `info_reminder:${message.id}`, 'info_reminder', { due: copenhagenDate(message.dueAt!).split('-').reverse().join('.') });
	});
	if (due.length) sendSoon();
	return due.length;
}
