import { and, asc, eq, inArray } from 'drizzle-orm';
import { answerLines } from '$lib/forms/answers';
import { deliveryLinkHours, deliverySecret, publicOrigin } from '$lib/server/config';
import { db, first, tables } from '$lib/server/db';
import type { CostDeliveryMode, DeliveryMode, OutboxAttachment, OutboxMessage, Service, Submission } from '$lib/server/db/schema';
import { formContextFor } from '$lib/server/forms/context';
import { submittedView } from '$lib/server/forms/page';
import { serverTextsT } from '$lib/server/i18n';
import { enqueue, PermanentError } from '$lib/server/outbox';
import { receiptPdf } from '$lib/server/post/receipt';
import { fileLinkSignature, signatureHeader } from './signing';

/** The published format of a delivery (static/schemas/submission-delivery.v1.schema.json). */
export const DELIVERY_FORMAT = 'indgang.submission.v1';

/** Each delivery of a submission has one key for ever: the receiver drops a repeat by it. */
export const deliveryKey = (submissionId: string, mode: 'webhook' | 'email') => `delivery:${mode}:${submissionId}`;

/**
 * What a submission costs to bring to its case follows its best way there: into the case
 * system without retyping, to a mailbox someone files from, or read from the inbox by hand.
 */
export function costDeliveryOf(deliveries: readonly DeliveryMode[]): CostDeliveryMode {
	if (deliveries.includes('webhook')) return 'case_system';
	if (deliveries.includes('email')) return 'email';
	return 'inbox';
}

/**
 * Queues the submission's deliveries in its own transaction, as the catalogue sets them for
 * its service: so a submission is never without them, and never gets them twice.
 */
export async function queueDeliveries(submission: Submission, service: Pick<Service, 'deliveries' | 'webhookUrl' | 'deliveryEmail'> | undefined, serviceTitle: string): Promise<void> {
	if (!service) return;
	const common = { kind: 'delivery' as const, submissionId: submission.id, subject: `${serviceTitle} (${submission.reference})`, maxAttempts: 10 };
	if (service.deliveries.includes('webhook') && service.webhookUrl)
		await enqueue({ ...common, channel: 'webhook', dedupeKey: deliveryKey(submission.id, 'webhook'), recipient: service.webhookUrl, body: '' });
	if (service.deliveries.includes('email') && service.deliveryEmail)
		await enqueue({ ...common, channel: 'email', dedupeKey: deliveryKey(submission.id, 'email'), recipient: service.deliveryEmail, body: '' });
}

async function submissionOf(message: OutboxMessage): Promise<Submission> {
	const s = tables.submissions;
	const submission = message.submissionId ? await first(db().select().from(s).where(eq(s.id, message.submissionId)).limit(1)) : undefined;
	// Purged after its retention period: there is nothing left to deliver.
	if (!submission) throw new PermanentError('the submission no longer exists');
	return submission;
}

/** The submission as the receiver gets it: what was answered, by whom, and where its files are. */
export async function deliveryPayload(submission: Submission, key: string, now = new Date()) {
	const { form, rows } = await submittedView(submission);
	const lang = submission.lang;
	const t = await serverTextsT(lang, { forms: form ? [form] : [], serviceSlugs: [submission.serviceSlug] });
	const [service, citizen, operator, proxy, uploads] = await Promise.all([
		first(db().select().from(tables.services).where(eq(tables.services.slug, submission.serviceSlug)).limit(1)),
		first(db().select().from(tables.citizens).where(eq(tables.citizens.id, submission.citizenId)).limit(1)),
		submission.operatorStaffId
			? first(db().select().from(tables.staffUsers).where(eq(tables.staffUsers.id, submission.operatorStaffId)).limit(1))
			: undefined,
		submission.proxyCitizenId
			? first(db().select().from(tables.citizens).where(eq(tables.citizens.id, submission.proxyCitizenId)).limit(1))
			: undefined,
		db().select().from(tables.uploads).where(eq(tables.uploads.submissionId, submission.id)).orderBy(asc(tables.uploads.createdAt))
	]);
	const options = citizen ? formContextFor(citizen).options : { household: [], children: [] };
	const expires = Math.floor(now.getTime() / 1000) + deliveryLinkHours() * 3600;
	const secret = deliverySecret();
	return {
		format: DELIVERY_FORMAT,
		idempotencyKey: key,
		reference: submission.reference,
		submittedAt: submission.createdAt.toISOString(),
		language: lang,
		service: { slug: submission.serviceSlug, title: t(`services.${submission.serviceSlug}.title`), kle: service?.kle ?? null },
		form: { id: submission.formId, version: submission.formVersion },
		citizen: { cpr: citizen?.cpr ?? null, name: citizen?.name ?? null },
		channel: submission.channel,
		assistance: submission.assistance,
		operator: operator ? { username: operator.username, name: operator.displayName, unit: operator.unit } : null,
		proxy: submission.proxyReference ? { cpr: proxy?.cpr ?? null, name: proxy?.name ?? null, reference: submission.proxyReference } : null,
		answers: rows.map(({ question, answer }) => ({
			questionId: question.id,
			type: question.type,
			label: t(`forms.${submission.formId}.${question.id}.label`),
			value: answer.value,
			text: answerLines(t, lang, submission.formId, question, answer, options),
			source: answer.source
		})),
		files: uploads
			.filter((u) => !u.messageId)
			.map((u) => ({
				uploadId: u.id,
				questionId: u.questionId,
				fileName: u.fileName,
				mimeType: u.mimeType,
				size: u.size,
				url: `${publicOrigin()}/levering/filer/${u.id}?udloeber=${expires}&signatur=${fileLinkSignature(secret, u.id, expires)}`,
				expiresAt: new Date(expires * 1000).toISOString()
			}))
	};
}

/** What a case system may answer: its own number for the case, which staff then see. */
function journalNumberOf(text: string): string | null {
	if (!text.trim()) return null;
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw new PermanentError('the receiver answered, but not with JSON');
	}
	const number = json && typeof json === 'object' ? ((json as Record<string, unknown>).journalNumber ?? (json as Record<string, unknown>).caseNumber) : undefined;
	if (number === undefined || number === null) return null;
	if (typeof number !== 'string' && typeof number !== 'number') throw new PermanentError('the receiver answered with a journal number that is not text');
	return String(number).slice(0, 100);
}

/**
 * POSTs the submission, signed, with its idempotency key. 5xx, 408, 429, a timeout or no answer
 * are tried again later; any other 4xx will not get better by itself and fails at once, for
 * staff to look at and send again.
 */
export async function sendWebhook(message: OutboxMessage): Promise<{ receipt: string | null }> {
	const submission = await submissionOf(message);
	const body = JSON.stringify(await deliveryPayload(submission, message.dedupeKey));
	let response: Response;
	try {
		response = await fetch(message.recipient, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'idempotency-key': message.dedupeKey,
				'x-indgang-signature': signatureHeader(deliverySecret(), body, Math.floor(Date.now() / 1000))
			},
			body,
			redirect: 'error',
			signal: AbortSignal.timeout(15_000)
		});
	} catch (e) {
		const timeout = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
		throw new Error(timeout ? 'the receiver did not answer within 15 seconds' : `the receiver could not be reached (${e instanceof Error ? ((e.cause as Error)?.message ?? e.message) : e})`, { cause: e });
	}
	const text = (await response.text()).slice(0, 10_000);
	if (response.status >= 500 || response.status === 408 || response.status === 429) throw new Error(`the receiver answered ${response.status}`);
	if (!response.ok) throw new PermanentError(`the receiver refused the delivery: ${response.status} ${text.slice(0, 200)}`.trim());
	return { receipt: journalNumberOf(text) };
}

/** A department's e-mail: the receipt PDF and the JSON the webhook would get. */
export async function deliveryAttachments(message: OutboxMessage): Promise<{ text: string; attachments: OutboxAttachment[] }> {
	const submission = await submissionOf(message);
	const payload = await deliveryPayload(submission, message.dedupeKey);
	const text = [
		`${payload.service.title}: ${submission.reference}`,
		`${payload.submittedAt}`,
		'',
		...payload.answers.map((a) => `${a.label}: ${a.text.join(', ')}`),
		'',
		...payload.files.map((f) => `${f.fileName}: ${f.url}`)
	].join('\n');
	return {
		text,
		attachments: [
			{ filename: `kvittering-${submission.reference}.pdf`, contentType: 'application/pdf', encoding: 'base64', content: (await receiptPdf(submission)).toString('base64') },
			{ filename: `${submission.reference}.json`, contentType: 'application/json', content: JSON.stringify(payload, null, 2) }
		]
	};
}

/** Where a submission went, for the case page and Mine sager: each delivery's state and number. */
export function deliveriesOf(submissionIds: string[]) {
	const o = tables.outbox;
	if (!submissionIds.length) return Promise.resolve([]);
	return db()
		.select({ id: o.id, submissionId: o.submissionId, channel: o.channel, recipient: o.recipient, status: o.status, receipt: o.receipt, lastError: o.lastError, attempts: o.attempts, sentAt: o.sentAt })
		.from(o)
		.where(and(eq(o.kind, 'delivery'), inArray(o.submissionId, submissionIds)))
		.orderBy(asc(o.id));
}
