import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '$lib/forms/types';
import { db, tables } from '$lib/server/db';
import { useTestDatabase } from '$lib/server/db/testing';
import { citizenFor } from '$lib/server/auth/citizens';
import { selfService } from '$lib/server/channels/events';
import type { Citizen, OutboxMessage } from '$lib/server/db/schema';
import { formContextFor } from '$lib/server/forms/context';
import { findDraft, openDraft, saveDraftAnswers } from '$lib/server/forms/drafts';
import { seededForm } from '$lib/server/forms/seed';
import { submitDraft } from '$lib/server/forms/submissions';
import { processOutbox, sendAgain } from '$lib/server/outbox';
import { receiptPdf } from '$lib/server/post/receipt';
import { deliverySecret } from '$lib/server/config';
import { seed } from '$lib/server/db/seed';
import Ajv2020 from 'ajv/dist/2020';
import schema from './submission-delivery.v1.schema.json';
import { verifySignature } from './signing';
import { deliveriesOf } from '.';

const { dataDir } = useTestDatabase('delivery');
process.env.OUTBOX_RETRY_SECONDS = '1';
process.env.SEED_DEMO_CONTACTS = 'false';
beforeAll(() => seed());

const sundhedskort = seededForm('sundhedskort');
const user = (value: Answers[string]['value']) => ({ value, source: 'user' as const });
const self = (citizen: Citizen) => ({ citizen, actor: selfService, operator: null, loa: 'substantial' as const, proxy: null });

/** The case system: checks each signature, keeps one case per idempotency key, answers as told. */
let answer: (attempt: number) => { status: number; body: string } = () => ({ status: 200, body: '' });
const cases = new Map<string, { journalNumber: string; body: Record<string, unknown> }>();
const requests: { key: string; signed: boolean }[] = [];
let server: Server;
let url = '';

beforeAll(async () => {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const key = String(req.headers['idempotency-key']);
			const signed = verifySignature(deliverySecret(), req.headers['x-indgang-signature'] as string, body, Math.floor(Date.now() / 1000));
			requests.push({ key, signed });
			const reply = answer(requests.filter((r) => r.key === key).length);
			if (reply.status === 200 && signed && !cases.has(key)) cases.set(key, { journalNumber: `J-2026-${cases.size + 1}`, body: JSON.parse(body) });
			const text = reply.status === 200 && !reply.body ? JSON.stringify({ journalNumber: cases.get(key)?.journalNumber }) : reply.body;
			res.writeHead(signed ? reply.status : 401, { 'content-type': 'application/json' }).end(text);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cases`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function submitHealthCard(cpr: string) {
	const citizen = await citizenFor({ cpr, name: null, loa: 'substantial', provider: 'test' });
	const ctx = formContextFor(citizen);
	const draft = await openDraft(self(citizen), sundhedskort, ctx);
	await saveDraftAnswers(draft.id, { ...draft.answers, reason: user('name_change'), oldCardDestroyed: user('yes'), email: user('borger@example.dk') });
	const saved = (await findDraft(draft.id, citizen.id))!;
	const { submission } = await submitDraft({ draft: saved, subject: self(citizen), form: sundhedskort, ctx, lang: 'da', receiptMail: () => null });
	return submission;
}

const outboxOf = (submissionId: string) => db().select().from(tables.outbox).where(eq(tables.outbox.submissionId, submissionId));
/** Sends what is due, as the job would, until nothing more is due within a few seconds. */
async function drain(rounds = 8) {
	for (let i = 0; i < rounds; i++) {
		await processOutbox(new Date(Date.now() + 5_000));
	}
}

describe('delivery of submissions', () => {
	it('delivers to the case system signed, exactly once across an outage, and keeps its journal number', async () => {
		await db()
			.update(tables.services)
			.set({ deliveries: ['inbox', 'webhook', 'email'], webhookUrl: url, deliveryEmail: 'sundhed@eksempel-kommune.dk' })
			.where(eq(tables.services.slug, 'nyt-sundhedskort'));
		// Down for the first two tries: a 503, then a timeout-like failure to connect is the same to the sender.
		answer = (attempt) => (attempt <= 2 ? { status: 503, body: 'maintenance' } : { status: 200, body: '' });
		const submission = await submitHealthCard('0809953336');
		await processOutbox();
		let [webhook] = (await outboxOf(submission.id)).filter((m) => m.channel === 'webhook');
		expect(webhook).toMatchObject({ status: 'pending', attempts: 1, lastError: 'the receiver answered 503' });
		await drain();
		[webhook] = (await outboxOf(submission.id)).filter((m) => m.channel === 'webhook');
		expect(webhook).toMatchObject({ status: 'sent', attempts: 3, receipt: 'J-2026-1' });
		const key = `delivery:webhook:${submission.id}`;
		expect(requests.filter((r) => r.key === key)).toEqual([
			{ key, signed: true },
			{ key, signed: true },
			{ key, signed: true }
		]);
		expect(cases.size).toBe(1);
		const delivered = cases.get(key)!.body as { reference: string; service: { kle: string }; answers: { questionId: string; text: string[] }[]; citizen: { cpr: string } };
		const validate = new Ajv2020({ strict: false }).compile(schema);
		expect(validate(delivered), JSON.stringify(validate.errors)).toBe(true);
		expect(delivered.reference).toBe(submission.reference);
		expect(delivered.citizen.cpr).toBe('0809953336');
		expect(delivered.service.kle).toMatch(/^\d\d\.\d\d/);
		expect(delivered.answers.find((a) => a.questionId === 'reason')!.text).toEqual(['Jeg har skiftet navn']);
		expect((await deliveriesOf([submission.id])).find((d) => d.channel === 'webhook')).toMatchObject({ status: 'sent', receipt: 'J-2026-1' });

		// The department's mailbox got the receipt PDF and the JSON.
		const [mail] = (await outboxOf(submission.id)).filter((m) => m.kind === 'delivery' && m.channel === 'email');
		expect(mail.status).toBe('sent');
		const eml = readFileSync(path.join(dataDir, mail.filePath!), 'utf8');
		expect(eml).toContain('sundhed@eksempel-kommune.dk');
		expect(eml).toMatch(/filename=kvittering-.*\.pdf/);
		expect(eml).toContain(`filename=${submission.reference}.json`);
	});

	it('fails at once on a refusal or an answer it cannot read, shows why, and sends again with the same key', async () => {
		answer = () => ({ status: 422, body: '{"error":"unknown service"}' });
		const refused = await submitHealthCard('1503851234');
		await drain(2);
		let [webhook] = (await outboxOf(refused.id)).filter((m) => m.channel === 'webhook');
		expect(webhook.status).toBe('failed');
		expect(webhook.attempts).toBe(1);
		expect(webhook.lastError).toContain('422');

		answer = () => ({ status: 200, body: '<html>ok</html>' });
		expect(await sendAgain(webhook.id)).toBe(true);
		expect(await sendAgain(webhook.id)).toBe(false);
		await drain(2);
		[webhook] = (await outboxOf(refused.id)).filter((m) => m.channel === 'webhook');
		expect(webhook).toMatchObject({ status: 'failed', lastError: 'the receiver answered, but not with JSON' });

		answer = () => ({ status: 200, body: '' });
		await sendAgain(webhook.id);
		await drain(2);
		[webhook] = (await outboxOf(refused.id)).filter((m) => m.channel === 'webhook');
		expect(webhook.status).toBe('sent');
		expect(new Set(requests.filter((r) => r.key.endsWith(refused.id)).map((r) => r.key))).toEqual(new Set([`delivery:webhook:${refused.id}`]));
	});
});

describe('the receipt that lasts', () => {
	const text = (pdf: Buffer) => {
		const file = path.join(dataDir, `read-${Date.now()}.pdf`);
		writeFileSync(file, pdf);
		return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
	};

	it('is a tagged PDF that a PDF reader reads the reference and the answers from', async () => {
		const submission = await submitHealthCard('0207831457');
		const pdf = await receiptPdf(submission);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.toString('latin1')).toContain('/StructTreeRoot');
		expect(pdf.toString('latin1')).toMatch(/\/Lang \(da-DK\)/);
		const read = text(pdf);
		expect(read).toContain(submission.reference);
		expect(read).toContain('Jeg har skiftet navn');
		expect(read).toContain('borger@example.dk');
		expect(read).toContain('Hvad sker der nu?');
	});

	it('goes to Digital Post as a well-formed MeMo message with the recipient, the title and the PDF', async () => {
		const submission = await submitHealthCard('1209562468');
		await drain(3);
		const [letter] = (await outboxOf(submission.id)).filter((m: OutboxMessage) => m.channel === 'digital_post');
		expect(letter.lastError).toBeNull();
		expect(letter.status).toBe('sent');
		expect(letter.recipient).not.toContain('1209562468');
		const xml = readFileSync(path.join(dataDir, letter.filePath!), 'utf8');
		expect(letter.filePath).toMatch(/\.memo\.xml$/);
		expect(XMLValidator.validate(xml)).toBe(true);
		const memo = new XMLParser({ parseTagValue: false }).parse(xml)['memo:Message'];
		const header = memo['memo:MessageHeader'];
		expect(header['memo:Recipient']).toEqual({ 'memo:recipientID': '1209562468', 'memo:idType': 'CPR' });
		expect(header['memo:label']).toContain(submission.reference);
		expect(header['memo:ContentData']['kle:KLEdata']['kle:subjectKey']).toMatch(/^\d\d\.\d\d/);
		const file = memo['memo:MessageBody']['memo:MainDocument']['memo:File'];
		expect(file['memo:encodingFormat']).toBe('application/pdf');
		expect(text(Buffer.from(file['memo:content'], 'base64'))).toContain(submission.reference);
	});

	it('goes on paper, with the address, to a citizen exempt from Digital Post', async () => {
		const submission = await submitHealthCard('2311521234');
		await drain(3);
		const letters = (await outboxOf(submission.id)).filter((m) => m.kind === 'receipt');
		expect(letters.map((m) => m.channel)).toEqual(['print']);
		const read = text(readFileSync(path.join(dataDir, letters[0].filePath!)));
		expect(read).toContain('Hans Telefonsen');
		expect(read).toContain('Møllebakken 2');
		expect(read).toContain(submission.reference);
	});

	it("goes to the Digital Post gateway when one is set, with the message's UUID as transaction id, the same on a retry", async () => {
		const seen: { transaction: string; xml: string }[] = [];
		let status = 503;
		const gateway = createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				seen.push({ transaction: String(req.headers['x-transaction-id']), xml: body });
				res.writeHead(status).end();
			});
		});
		await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
		process.env.DIGITAL_POST_URL = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/afsend`;
		try {
			const submission = await submitHealthCard('1704481234');
			await drain(3);
			const letter = async () => (await outboxOf(submission.id)).find((m) => m.channel === 'digital_post')!;
			expect(await letter()).toMatchObject({ status: 'pending', lastError: 'Digital Post answered 503' });
			status = 200;
			await drain(3);
			expect((await letter()).status).toBe('sent');
			expect((await letter()).filePath).toBeNull();
			const mine = seen.filter((s) => s.xml.includes(submission.reference));
			expect(mine.length).toBeGreaterThanOrEqual(2);
			expect(new Set(mine.map((s) => s.transaction)).size).toBe(1);
			expect(XMLValidator.validate(mine[0].xml)).toBe(true);

			status = 400;
			const refused = await submitHealthCard('0606901234');
			await drain(3);
			expect((await outboxOf(refused.id)).find((m) => m.channel === 'digital_post')).toMatchObject({ status: 'failed', lastError: 'Digital Post refused the message: 400' });
		} finally {
			delete process.env.DIGITAL_POST_URL;
			await new Promise<void>((resolve) => gateway.close(() => resolve()));
		}
	});
});
