import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { seededForm } from './seed';

const sundhedskort = seededForm('sundhedskort');
const dagtilbud = seededForm('dagtilbud');
import type { Answers } from '$lib/forms/types';
import { db, first, tables } from '$lib/server/db';
import { useTestDatabase } from '$lib/server/db/testing';
import { citizenFor } from '$lib/server/auth/citizens';
import { formContextFor } from './context';
import { findDraft, openDraft, purgeExpiredDrafts, saveDraftAnswers } from './drafts';
import { purgeClosedSubmissions, setSubmissionStatus, submitDraft } from './submissions';
import { storeUpload, uploadContent } from './uploads';
import { processOutbox } from '$lib/server/outbox';
import { selfService } from '$lib/server/channels/events';
import type { Citizen } from '$lib/server/db/schema';

// A real database of its own, migrated like the server does it.
const { dataDir } = useTestDatabase('forms');

const anna = () => citizenFor({ cpr: '1503851234', name: null, loa: 'substantial', provider: 'test' });
const fatima = () => citizenFor({ cpr: '0809953336', name: null, loa: 'substantial', provider: 'test' });
const self = (citizen: Citizen) => ({ citizen, actor: selfService, operator: null, loa: 'substantial' as const, proxy: null });
const user = (value: Answers[string]['value']) => ({ value, source: 'user' as const });

/** All contact events, in the order they were recorded. */
async function events() {
	return await db().select().from(tables.contactEvents).orderBy(tables.contactEvents.id);
}

const receiptMail = (to: string) => (s: { reference: string }) => ({ to, subject: `Kvittering ${s.reference}`, body: `Reference ${s.reference}` });

describe('drafts and submissions on a real database', () => {
	it('starts one draft per form, pre-filled from the register, and records the start once', async () => {
		const citizen = await fatima();
		const ctx = formContextFor(citizen);
		const before = (await events()).length;
		const draft = await openDraft(self(citizen), sundhedskort, ctx);
		expect(draft.answers.deliveryAddress).toEqual({
			value: { street: 'Havnegade 41, 1. tv.', postcode: '7100', city: 'Prøvestad' },
			source: 'register'
		});
		expect((await openDraft(self(citizen), sundhedskort, ctx)).id).toBe(draft.id);
		const started = (await events()).slice(before);
		expect(started).toHaveLength(1);
		expect(started[0]).toMatchObject({ event: 'form_started', channel: 'digital', assistance: 'none', kind: 'transaction', serviceSlug: 'nyt-sundhedskort' });
	});

	it('submits once however often it is asked, and only what was asked', async () => {
		const citizen = await fatima();
		const ctx = formContextFor(citizen);
		const draft = await openDraft(self(citizen), sundhedskort, ctx);
		const answers: Answers = {
			...draft.answers,
			reason: user('name_change'),
			feeAccepted: user(['accepted']), // left over from an earlier choice: not asked any more
			oldCardDestroyed: user('yes'),
			email: user('fatima@example.dk')
		};
		await saveDraftAnswers(draft.id, answers);
		const saved = (await findDraft(draft.id, citizen.id))!;
		const input = { draft: saved, subject: self(citizen), form: sundhedskort, ctx, lang: 'da' as const, receiptMail: receiptMail('fatima@example.dk') };

		const once = await submitDraft(input);
		const again = await submitDraft(input);
		expect(once.created).toBe(true);
		expect(again.created).toBe(false);
		expect(again.submission.reference).toBe(once.submission.reference);
		expect(once.submission.reference).toMatch(/^[ACDEFHJKMNPRTWXY34679]{4}-[ACDEFHJKMNPRTWXY34679]{4}$/);
		expect(Object.keys(once.submission.answers)).not.toContain('feeAccepted');
		expect(once.submission.answers.deliveryAddress.source).toBe('register');

		const rows = await db().select().from(tables.submissions).where(eq(tables.submissions.citizenId, citizen.id));
		expect(rows).toHaveLength(1);
		expect(await findDraft(draft.id, citizen.id)).toBeUndefined();
		const outbox = await db().select().from(tables.outbox).where(eq(tables.outbox.submissionId, once.submission.id));
		// The e-mail that tells of the receipt, and the receipt itself in Digital Post.
		expect(outbox.map((m) => m.channel).sort()).toEqual(['digital_post', 'email']);
		expect((await events()).filter((e) => e.event === 'form_submitted')).toHaveLength(1);
	});

	it('keeps contact events free of personal data, with one stable key per citizen', async () => {
		const a = await anna();
		await openDraft(self(a), dagtilbud, formContextFor(a));
		const personal = ['1503851234', '150385', '0809953336', 'Anna', 'Fatima', 'Testesen', 'Eksempel', 'Havnegade', 'fatima@example.dk', 'Prøvestad'];
		for (const row of await events()) {
			const text = JSON.stringify(row);
			for (const p of personal) expect(text).not.toContain(p);
		}
		const keys = new Map<string, Set<string>>();
		for (const e of await events()) keys.set(e.serviceSlug, (keys.get(e.serviceSlug) ?? new Set()).add(e.citizenKey!));
		expect(keys.get('nyt-sundhedskort')!.size).toBe(1);
		expect(keys.get('opskrivning-dagtilbud')!.size).toBe(1);
		expect([...keys.get('nyt-sundhedskort')!][0]).not.toBe([...keys.get('opskrivning-dagtilbud')!][0]);
	});

	it('purges expired drafts with their uploaded files', async () => {
		const citizen = await anna();
		const draft = await openDraft(self(citizen), dagtilbud, formContextFor(citizen));
		const id = await storeUpload(citizen.id, draft.id, 'specialNeedsDocument', new File(['%PDF-1.4'], 'a.pdf', { type: 'application/pdf' }), 'application/pdf');
		expect((await uploadContent(id))?.toString()).toBe('%PDF-1.4');
		expect(await purgeExpiredDrafts(new Date())).toBe(0);
		expect(await purgeExpiredDrafts(new Date(Date.now() + 31 * 24 * 3600 * 1000))).toBe(1);
		expect(await uploadContent(id)).toBeNull();
		expect(await db().select().from(tables.uploadContents)).toEqual([]);
		expect(await first(db().select().from(tables.uploads).where(eq(tables.uploads.id, id)))).toBeUndefined();
		expect(await findDraft(draft.id, citizen.id)).toBeUndefined();
	});
});

describe('retention', () => {
	it('deletes a case closed longer ago than the retention period, with its files, and keeps its contact events', async () => {
		const citizen = await anna();
		const ctx = formContextFor(citizen);
		const draft = await openDraft(self(citizen), dagtilbud, ctx);
		const uploadId = await storeUpload(citizen.id, draft.id, 'specialNeedsDocument', new File(['%PDF-1.4'], 'b.pdf'), 'application/pdf');
		const file = { uploadId, name: 'b.pdf', size: 8, type: 'application/pdf' };
		await saveDraftAnswers(draft.id, {
			child: user('P-1003'),
			startDate: user('2027-08-01'),
			institution1: user('havblik'),
			specialNeeds: user('yes'),
			specialNeedsDescription: user('Ro'),
			specialNeedsDocument: user(file),
			email: user('anna@example.dk')
		});
		const { submission } = await submitDraft({ draft: (await findDraft(draft.id, citizen.id))!, subject: self(citizen), form: dagtilbud, ctx, lang: 'da', receiptMail: () => null });
		expect((await uploadContent(uploadId))?.toString()).toBe('%PDF-1.4');
		const eventsBefore = (await events()).length;

		const staff = { id: 'staff-1', username: 'x', passwordHash: 'x', displayName: 'X', role: 'staff' as const, unit: 'Borgerservice', editableServices: null, email: null, lastLoginAt: null, totpKey: null, ssoSubject: null, active: true, createdAt: new Date() };
		await db().insert(tables.staffUsers).values(staff);
		await setSubmissionStatus(submission.id, 'done', staff, 'casework');
		expect(await purgeClosedSubmissions(new Date(Date.now() + 364 * 864e5))).toBe(0);
		expect(await purgeClosedSubmissions(new Date(Date.now() + 366 * 864e5))).toBe(1);
		expect(await first(db().select().from(tables.submissions).where(eq(tables.submissions.id, submission.id)))).toBeUndefined();
		expect(await uploadContent(uploadId)).toBeNull();
		expect((await events()).length).toBe(eventsBefore);
	});
});

describe('outbox', () => {
	it('writes each receipt once as an .eml file when no SMTP server is configured', async () => {
		// Submitting already started a run; whatever ran, a second pass has nothing left to send.
		await processOutbox();
		expect(await processOutbox()).toBe(0);
		expect((await db().select().from(tables.outbox)).map((m) => m.status)).toEqual(['sent', 'sent']);
		// The e-mail once, beside the letters in Digital Post's format.
		const files = readdirSync(path.join(dataDir, 'outbox')).filter((f) => f.endsWith('.eml'));
		expect(files).toHaveLength(1);
		expect(readdirSync(path.join(dataDir, 'outbox')).some((f) => f.endsWith('.memo.xml'))).toBe(true);
		const eml = readFileSync(path.join(dataDir, 'outbox', files[0]), 'utf8');
		expect(eml).toMatch(/^To: fatima@example.dk$/m);
		expect(eml).toMatch(/Reference [A-Z0-9]{4}-[A-Z0-9]{4}/);
	});

	it('retries a failing gateway with a limit, then marks the message failed', async () => {
		process.env.SMTP_URL = 'smtp://127.0.0.1:9'; // nothing listens: connection refused
		try {
			const { enqueue } = await import('$lib/server/outbox');
			await enqueue({ channel: 'email', kind: 'receipt', dedupeKey: 'test:retry', recipient: 'x@example.dk', subject: 's', body: 'b' });
			await enqueue({ channel: 'email', kind: 'receipt', dedupeKey: 'test:retry', recipient: 'x@example.dk', subject: 's', body: 'b' });
			const row = async () => (await first(db().select().from(tables.outbox).where(eq(tables.outbox.dedupeKey, 'test:retry'))))!;
			expect(await db().select().from(tables.outbox).where(eq(tables.outbox.dedupeKey, 'test:retry'))).toHaveLength(1);
			await processOutbox();
			expect(await row()).toMatchObject({ status: 'pending', attempts: 1 });
			// Not due again until its back-off has passed.
			await processOutbox();
			expect((await row()).attempts).toBe(1);
			for (let i = 2; i <= 5; i++) await processOutbox(new Date(Date.now() + 10 ** 9));
			expect(await row()).toMatchObject({ status: 'failed', attempts: 5 });
			expect((await row()).lastError).toBeTruthy();
			await processOutbox(new Date(Date.now() + 10 ** 10));
			expect((await row()).attempts).toBe(5);
		} finally {
			delete process.env.SMTP_URL;
		}
	});
});
