import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sundhedskort } from '$lib/forms/definitions/sundhedskort';
import { dagtilbud } from '$lib/forms/definitions/dagtilbud';
import type { Answers } from '$lib/forms/types';
import { db, tables } from '$lib/server/db';
import { citizenFor } from '$lib/server/auth/citizens';
import { formContextFor } from './context';
import { findDraft, openDraft, purgeExpiredDrafts, saveDraftAnswers } from './drafts';
import { purgeClosedSubmissions, setSubmissionStatus, submitDraft } from './submissions';
import { storeUpload, uploadFile } from './uploads';
import { processOutbox } from '$lib/server/outbox';
import { selfService } from '$lib/server/channels/events';
import type { Citizen } from '$lib/server/db/schema';

// A real SQLite file in a temporary data directory, migrated like the server does it.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'indgang-test-'));
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = path.join(dataDir, 'test.db');
process.env.CITIZEN_KEY_SECRET = 'test-secret-for-citizen-keys';

const anna = () => citizenFor({ cpr: '1503851234', name: null, loa: 'substantial', provider: 'test' });
const fatima = () => citizenFor({ cpr: '0809953336', name: null, loa: 'substantial', provider: 'test' });
const self = (citizen: Citizen) => ({ citizen, actor: selfService, operator: null });
const user = (value: Answers[string]['value']) => ({ value, source: 'user' as const });

function events() {
	return db().select().from(tables.contactEvents).all();
}

const receiptMail = (to: string) => (s: { reference: string }) => ({ to, subject: `Kvittering ${s.reference}`, body: `Reference ${s.reference}` });

describe('drafts and submissions on a real database', () => {
	beforeAll(() => {
		db();
	});

	it('starts one draft per form, pre-filled from the register, and records the start once', () => {
		const citizen = fatima();
		const ctx = formContextFor(citizen);
		const before = events().length;
		const draft = openDraft(self(citizen), sundhedskort, ctx);
		expect(draft.answers.deliveryAddress).toEqual({
			value: { street: 'Havnegade 41, 1. tv.', postcode: '7100', city: 'Prøvestad' },
			source: 'register'
		});
		expect(openDraft(self(citizen), sundhedskort, ctx).id).toBe(draft.id);
		const started = events().slice(before);
		expect(started).toHaveLength(1);
		expect(started[0]).toMatchObject({ event: 'form_started', channel: 'digital', assistance: 'none', kind: 'transaction', serviceSlug: 'nyt-sundhedskort' });
	});

	it('submits once however often it is asked, and only what was asked', () => {
		const citizen = fatima();
		const ctx = formContextFor(citizen);
		const draft = openDraft(self(citizen), sundhedskort, ctx);
		const answers: Answers = {
			...draft.answers,
			reason: user('name_change'),
			feeAccepted: user(['accepted']), // left over from an earlier choice: not asked any more
			oldCardDestroyed: user('yes'),
			email: user('fatima@example.dk')
		};
		saveDraftAnswers(draft.id, answers);
		const saved = findDraft(draft.id, citizen.id)!;
		const input = { draft: saved, subject: self(citizen), form: sundhedskort, ctx, lang: 'da' as const, receiptMail: receiptMail('fatima@example.dk') };

		const first = submitDraft(input);
		const again = submitDraft(input);
		expect(first.created).toBe(true);
		expect(again.created).toBe(false);
		expect(again.submission.reference).toBe(first.submission.reference);
		expect(first.submission.reference).toMatch(/^[ACDEFHJKMNPRTWXY34679]{4}-[ACDEFHJKMNPRTWXY34679]{4}$/);
		expect(Object.keys(first.submission.answers)).not.toContain('feeAccepted');
		expect(first.submission.answers.deliveryAddress.source).toBe('register');

		const rows = db().select().from(tables.submissions).where(eq(tables.submissions.citizenId, citizen.id)).all();
		expect(rows).toHaveLength(1);
		expect(findDraft(draft.id, citizen.id)).toBeUndefined();
		const outbox = db().select().from(tables.outbox).where(eq(tables.outbox.submissionId, first.submission.id)).all();
		expect(outbox).toHaveLength(1);
		expect(events().filter((e) => e.event === 'form_submitted')).toHaveLength(1);
	});

	it('keeps contact events free of personal data, with one stable key per citizen', () => {
		const a = anna();
		openDraft(self(a), dagtilbud, formContextFor(a));
		const personal = ['1503851234', '150385', '0809953336', 'Anna', 'Fatima', 'Testesen', 'Eksempel', 'Havnegade', 'fatima@example.dk', 'Prøvestad'];
		for (const row of events()) {
			const text = JSON.stringify(row);
			for (const p of personal) expect(text).not.toContain(p);
		}
		const keys = new Map<string, Set<string>>();
		for (const e of events()) keys.set(e.serviceSlug, (keys.get(e.serviceSlug) ?? new Set()).add(e.citizenKey!));
		expect(keys.get('nyt-sundhedskort')!.size).toBe(1);
		expect(keys.get('opskrivning-dagtilbud')!.size).toBe(1);
		expect([...keys.get('nyt-sundhedskort')!][0]).not.toBe([...keys.get('opskrivning-dagtilbud')!][0]);
	});

	it('purges expired drafts with their uploaded files', async () => {
		const citizen = anna();
		const draft = openDraft(self(citizen), dagtilbud, formContextFor(citizen));
		const id = await storeUpload(citizen.id, draft.id, 'specialNeedsDocument', new File(['%PDF-1.4'], 'a.pdf', { type: 'application/pdf' }), 'application/pdf');
		expect(existsSync(uploadFile(id))).toBe(true);
		expect(purgeExpiredDrafts(new Date())).toBe(0);
		expect(purgeExpiredDrafts(new Date(Date.now() + 31 * 24 * 3600 * 1000))).toBe(1);
		expect(existsSync(uploadFile(id))).toBe(false);
		expect(db().select().from(tables.uploads).where(eq(tables.uploads.id, id)).get()).toBeUndefined();
		expect(findDraft(draft.id, citizen.id)).toBeUndefined();
	});
});

describe('retention', () => {
	it('deletes a case closed longer ago than the retention period, with its files, and keeps its contact events', async () => {
		const citizen = anna();
		const ctx = formContextFor(citizen);
		const draft = openDraft(self(citizen), dagtilbud, ctx);
		const uploadId = await storeUpload(citizen.id, draft.id, 'specialNeedsDocument', new File(['%PDF-1.4'], 'b.pdf'), 'application/pdf');
		const file = { uploadId, name: 'b.pdf', size: 8, type: 'application/pdf' };
		saveDraftAnswers(draft.id, {
			child: user('P-1003'),
			startDate: user('2027-08-01'),
			institution1: user('havblik'),
			specialNeeds: user('yes'),
			specialNeedsDescription: user('Ro'),
			specialNeedsDocument: user(file),
			email: user('anna@example.dk')
		});
		const { submission } = submitDraft({ draft: findDraft(draft.id, citizen.id)!, subject: self(citizen), form: dagtilbud, ctx, lang: 'da', receiptMail: () => null });
		expect(existsSync(uploadFile(uploadId))).toBe(true);
		const eventsBefore = events().length;

		const staff = { id: 'staff-1', username: 'x', passwordHash: 'x', displayName: 'X', role: 'staff' as const, unit: 'Borgerservice', active: true, createdAt: new Date() };
		db().insert(tables.staffUsers).values(staff).run();
		setSubmissionStatus(submission.id, 'done', staff, 'casework');
		expect(purgeClosedSubmissions(new Date(Date.now() + 364 * 864e5))).toBe(0);
		expect(purgeClosedSubmissions(new Date(Date.now() + 366 * 864e5))).toBe(1);
		expect(db().select().from(tables.submissions).where(eq(tables.submissions.id, submission.id)).get()).toBeUndefined();
		expect(existsSync(uploadFile(uploadId))).toBe(false);
		expect(events().length).toBe(eventsBefore);
	});
});

describe('outbox', () => {
	it('writes each receipt once as an .eml file when no SMTP server is configured', async () => {
		// Submitting already started a run; whatever ran, a second pass has nothing left to send.
		await processOutbox();
		expect(await processOutbox()).toBe(0);
		expect(db().select().from(tables.outbox).all().map((m) => m.status)).toEqual(['sent']);
		const files = readdirSync(path.join(dataDir, 'outbox'));
		expect(files).toHaveLength(1);
		const eml = readFileSync(path.join(dataDir, 'outbox', files[0]), 'utf8');
		expect(eml).toMatch(/^To: fatima@example.dk$/m);
		expect(eml).toMatch(/Reference [A-Z0-9]{4}-[A-Z0-9]{4}/);
	});

	it('retries a failing gateway with a limit, then marks the message failed', async () => {
		process.env.SMTP_URL = 'smtp://127.0.0.1:9'; // nothing listens: connection refused
		try {
			const { enqueue } = await import('$lib/server/outbox');
			enqueue({ channel: 'email', kind: 'receipt', dedupeKey: 'test:retry', recipient: 'x@example.dk', subject: 's', body: 'b' });
			enqueue({ channel: 'email', kind: 'receipt', dedupeKey: 'test:retry', recipient: 'x@example.dk', subject: 's', body: 'b' });
			const row = () => db().select().from(tables.outbox).where(eq(tables.outbox.dedupeKey, 'test:retry')).get()!;
			expect(db().select().from(tables.outbox).where(eq(tables.outbox.dedupeKey, 'test:retry')).all()).toHaveLength(1);
			await processOutbox();
			expect(row()).toMatchObject({ status: 'pending', attempts: 1 });
			// Not due again until its back-off has passed.
			await processOutbox();
			expect(row().attempts).toBe(1);
			for (let i = 2; i <= 5; i++) await processOutbox(new Date(Date.now() + 10 ** 9));
			expect(row()).toMatchObject({ status: 'failed', attempts: 5 });
			expect(row().lastError).toBeTruthy();
			await processOutbox(new Date(Date.now() + 10 ** 10));
			expect(row().attempts).toBe(5);
		} finally {
			delete process.env.SMTP_URL;
		}
	});
});
