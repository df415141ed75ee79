import { createHash } from 'node:crypto';
import type { TFunction } from 'i18next';
import { eq } from 'drizzle-orm';
import { dataController, digitalPostGateway, senderCvr } from '$lib/server/config';
import { db, first, tables } from '$lib/server/db';
import type { Lang } from '$lib/i18n';
import type { OutboxKind, OutboxMessage } from '$lib/server/db/schema';
import { enqueue, PermanentError, writeOutboxFile, type Sent } from '$lib/server/outbox';
import { personRegister } from '$lib/server/register';
import { letterPdf, type Letter } from './pdf';
import { memoXml } from './memo';
import { receiptLetter } from './receipt';

/** A letter's text: the greeting, its paragraphs, the signature, a blank line between each. */
export function letterText(t: TFunction, paragraphs: string[], greeting = t('mail.receipt.greeting')): string {
	return [greeting, ...paragraphs, t('mail.receipt.signature')].join('\n\n');
}

/** The outbox names a letter's recipient by the citizen's id: no CPR number waits in a queue row. */
const RECIPIENT = 'citizen:';

export interface NewLetter {
	citizenId: string;
	kind: OutboxKind;
	dedupeKey: string;
	title: string;
	/** Paragraphs, separated by a blank line. */
	body: string;
	lang: Lang;
	submissionId?: string;
	appointmentId?: string;
	appointmentSequence?: number;
}

/**
 * A letter to a citizen: to their Digital Post, or on paper when they are exempt from it. The
 * choice is made when it is queued, so the outbox shows which way it went.
 */
export async function queueLetter(letter: NewLetter): Promise<'digital_post' | 'print'> {
	const citizen = await first(db().select({ cpr: tables.citizens.cpr }).from(tables.citizens).where(eq(tables.citizens.id, letter.citizenId)).limit(1));
	const exempt = !!(citizen && personRegister().findByCpr(citizen.cpr)?.digitalPostExempt);
	const channel = exempt ? 'print' : 'digital_post';
	await enqueue({
		channel,
		kind: letter.kind,
		dedupeKey: `${letter.dedupeKey}:${channel}`,
		recipient: RECIPIENT + letter.citizenId,
		subject: letter.title,
		body: letter.body,
		submissionId: letter.submissionId,
		appointmentId: letter.appointmentId,
		appointmentSequence: letter.appointmentSequence,
		lang: letter.lang
	});
	return channel;
}

/** The citizen a letter goes to (a consent request goes to another than the case's citizen). */
export const letterCitizenId = (recipient: string): string | null => (recipient.startsWith(RECIPIENT) ? recipient.slice(RECIPIENT.length) : null);

async function recipientOf(message: OutboxMessage) {
	const id = letterCitizenId(message.recipient) ?? '';
	const citizen = await first(db().select().from(tables.citizens).where(eq(tables.citizens.id, id)).limit(1));
	if (!citizen) throw new PermanentError('the recipient no longer exists');
	return citizen;
}

const langOf = (message: OutboxMessage): Lang => message.lang ?? 'da';

/** The main document: the receipt itself for a receipt, otherwise the letter's own text; on paper with the address. */
async function documentOf(message: OutboxMessage, address?: string[]): Promise<Buffer> {
	const s = tables.submissions;
	const submission =
		message.kind === 'receipt' && message.submissionId ? await first(db().select().from(s).where(eq(s.id, message.submissionId)).limit(1)) : undefined;
	const letter: Letter = submission
		? await receiptLetter(submission)
		: {
				lang: langOf(message),
				title: message.subject,
				sender: dataController().name,
				sections: [{ paragraphs: message.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean) }]
			};
	if (address) letter.sender = [letter.sender, dataController().address, '', ...address].join('\n');
	return letterPdf(letter, message.createdAt);
}

/** The same UUID on every attempt, so Digital Post can tell a repeat: derived from the key. */
function messageUuid(key: string): string {
	const h = createHash('sha256').update(key).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function memoOf(message: OutboxMessage): Promise<string> {
	const citizen = await recipientOf(message);
	const service = message.submissionId
		? await first(
				db()
					.select({ kle: tables.services.kle })
					.from(tables.submissions)
					.innerJoin(tables.services, eq(tables.services.slug, tables.submissions.serviceSlug))
					.where(eq(tables.submissions.id, message.submissionId))
					.limit(1)
			)
		: undefined;
	const lang = langOf(message);
	return memoXml({
		messageUuid: messageUuid(message.dedupeKey),
		createdAt: message.createdAt,
		title: message.subject,
		sender: { cvr: senderCvr(), label: dataController().name },
		recipientCpr: citizen.cpr,
		kle: service?.kle,
		main: { filename: `${message.kind ?? 'brev'}.pdf`, mimeType: 'application/pdf', lang, content: await documentOf(message) }
	});
}

/**
 * To the Digital Post gateway (SF1601 "Afsend post") with the message's UUID as the transaction id,
 * or, without one, a .memo.xml file under DATA_DIR/outbox that staff can read in the portal.
 */
export async function sendDigitalPost(message: OutboxMessage): Promise<Sent> {
	const xml = await memoOf(message);
	const gateway = digitalPostGateway();
	if (!gateway) return writeOutboxFile(message, 'memo.xml', xml);
	const response = await fetch(gateway.url, {
		method: 'POST',
		headers: {
			'content-type': 'application/xml',
			'x-transaction-id': messageUuid(message.dedupeKey),
			...(gateway.token ? { authorization: `Bearer ${gateway.token}` } : {})
		},
		body: xml,
		signal: AbortSignal.timeout(30_000)
	});
	if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429)
		throw new PermanentError(`Digital Post refused the message: ${response.status}`);
	if (!response.ok) throw new Error(`Digital Post answered ${response.status}`);
	return { filePath: null };
}

/** A citizen exempt from Digital Post: the letter as a PDF for the print service, with the address. */
export async function sendPrint(message: OutboxMessage): Promise<Sent> {
	const citizen = await recipientOf(message);
	const person = personRegister().findByCpr(citizen.cpr);
	const address = person ? [person.name, person.address.street, `${person.address.postcode} ${person.address.city}`] : [citizen.name ?? ''];
	return writeOutboxFile(message, 'print.pdf', await documentOf(message, address));
}
