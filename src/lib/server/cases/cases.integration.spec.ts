import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '$lib/forms/types';
import { citizenFor } from '$lib/server/auth/citizens';
import { selfService } from '$lib/server/channels/events';
import { db, tables } from '$lib/server/db';
import type { Citizen, StaffUser } from '$lib/server/db/schema';
import { seed } from '$lib/server/db/seed';
import { useTestDatabase } from '$lib/server/db/testing';
import { formContextFor } from '$lib/server/forms/context';
import { findDraft, openDraft, saveDraftAnswers } from '$lib/server/forms/drafts';
import { seededForm } from '$lib/server/forms/seed';
import { submitDraft } from '$lib/server/forms/submissions';
import { answerConsent, consentsOf, mayAnswer } from './consent';
import { answerRequest, askForInformation, decide, messagesOf, readRequest, remindDueRequests } from './dialogue';

useTestDatabase('cases');
process.env.SEED_DEMO_CONTACTS = 'false';
beforeAll(() => seed());

const user = (value: Answers[string]['value']) => ({ value, source: 'user' as const });
const self = (citizen: Citizen) => ({ citizen, actor: selfService, operator: null, loa: 'substantial' as const, proxy: null });
const person = (cpr: string) => citizenFor({ cpr, name: null, loa: 'substantial', provider: 'test' });
const staff: StaffUser = { id: 'staff-1', username: 'x', passwordHash: 'x', displayName: 'X', role: 'staff', unit: 'Borgerservice', editableServices: null, email: null, lastLoginAt: null, totpKey: null, ssoSubject: null, active: true, createdAt: new Date() };
beforeAll(() => db().insert(tables.staffUsers).values(staff));

async function submit(formId: string, citizen: Citizen, answers: Answers) {
	const form = seededForm(formId);
	const ctx = formContextFor(citizen);
	const draft = await openDraft(self(citizen), form, ctx);
	await saveDraftAnswers(draft.id, { ...draft.answers, ...answers });
	return (await submitDraft({ draft: (await findDraft(draft.id, citizen.id))!, subject: self(citizen), form, ctx, lang: 'da', receiptMail: () => null })).submission;
}
const outbox = (submissionId?: string) => db().select().from(tables.outbox).where(submissionId ? eq(tables.outbox.submissionId, submissionId) : undefined);
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('a request for information', () => {
	it('is refused without a message or with a due date in the past or too far ahead, keeping each field', () => {
		const get = (v: Record<string, string>) => (n: string) => v[n] ?? '';
		expect(readRequest(get({ besked: '', frist: day(10) })).errors.map((e) => e.code)).toEqual(['message_required']);
		expect(readRequest(get({ besked: 'Send lejekontrakten', frist: '2020-01-01' })).errors.map((e) => e.code)).toEqual(['due_range']);
		expect(readRequest(get({ besked: 'x', frist: day(120) })).errors.map((e) => e.code)).toEqual(['due_range']);
		expect(readRequest(get({ besked: 'x', frist: '31-12-2026' })).errors.map((e) => e.code)).toEqual(['due_invalid']);
		expect(readRequest(get({ besked: 'x', frist: day(10), dokumenter: 'Lejekontrakt\n\nLønseddel' })).value).toEqual({ text: 'x', dueDate: day(10), documents: ['Lejekontrakt', 'Lønseddel'] });
	});

	it('waits for the citizen, tells them, is answered once, returns marked answered, and counts as digital contacts', async () => {
		const erik = await person('1209562468');
		const submission = await submit('sundhedskort', erik, { reason: user('name_change'), oldCardDestroyed: user('yes'), email: user('erik@example.dk') });
		const request = readRequest((n) => ({ besked: 'Send en kopi af navneændringen', frist: day(1), dokumenter: 'Navnebevis' })[n] ?? '').value!;
		expect(await askForInformation(submission.id, staff, request, 'casework')).toBe(true);
		const [waiting] = await db().select().from(tables.submissions).where(eq(tables.submissions.id, submission.id));
		expect(waiting.status).toBe('awaiting_citizen');
		const told = (await outbox(submission.id)).filter((m) => m.kind === 'info_request');
		// The letter in Digital Post, and an e-mail (to the address he gave) that only tells of it.
		expect(told.map((m) => m.channel).sort()).toEqual(['digital_post', 'email']);
		expect(told.every((m) => m.subject.includes(submission.reference))).toBe(true);
		expect(told.find((m) => m.channel === 'email')!.body).toContain('digitale post');
		expect(told.find((m) => m.channel === 'email')!.body).not.toContain('navneændringen');

		// Due tomorrow: within the reminder's two days, reminded once however often the job runs.
		expect(await remindDueRequests()).toBe(1);
		await remindDueRequests();
		expect((await outbox(submission.id)).filter((m) => m.kind === 'info_reminder').map((m) => m.channel).sort()).toEqual(['digital_post', 'email']);

		const [asked] = await messagesOf(submission.id);
		const first = await answerRequest(self(erik), waiting, asked.id, 'Her er navnebeviset');
		const again = await answerRequest(self(erik), waiting, asked.id, 'Her er navnebeviset');
		expect(first).not.toBeNull();
		expect(again).toBeNull();
		const [back] = await db().select().from(tables.submissions).where(eq(tables.submissions.id, submission.id));
		expect(back.status).toBe('in_progress');
		expect(back.answeredAt).not.toBeNull();
		expect(await remindDueRequests()).toBe(0);
		const events = (await db().select().from(tables.contactEvents)).filter((e) => e.event === 'case_message' || e.event === 'case_answer');
		expect(events.map((e) => [e.event, e.channel, e.kind]).sort()).toEqual([
			['case_answer', 'digital', 'transaction'],
			['case_message', 'digital', 'information']
		]);

		expect(await decide(submission.id, staff, 'refused', 'Navnet er ikke ændret i CPR', 'casework')).toBe('decided');
		const [decided] = await db().select().from(tables.submissions).where(eq(tables.submissions.id, submission.id));
		expect(decided).toMatchObject({ status: 'done', decision: 'refused', decisionReason: 'Navnet er ikke ændret i CPR' });
		expect((await outbox(submission.id)).filter((m) => m.kind === 'case_update' && m.channel === 'digital_post').map((m) => m.subject)).toEqual([`Din sag ${submission.reference}: Afslået`]);
	});
});

describe('promises kept', () => {
	it("asks the other parent for consent, lets only that parent answer, and grants only after it", async () => {
		const anna = await person('1503851234');
		const submission = await submit('pas', anna, {
			applicant: user('child'),
			child: user('P-1003'),
			otherParentCpr: user('0207831457'),
			height: user('95'),
			hasPassport: user('no'),
			email: user('anna@example.dk')
		});
		const [consent] = await consentsOf([submission.id]);
		expect(consent).toMatchObject({ state: 'pending', parentName: 'Bo Testesen', childName: 'Carla Testesen' });
		const bo = await person('0207831457');
		const letters = (await outbox()).filter((m) => m.kind === 'consent_request');
		expect(letters).toHaveLength(1);
		expect(letters[0].recipient).toBe(`citizen:${bo.id}`);
		expect(letters[0].body).toContain(`/samtykke/${consent.id}`);

		expect(await decide(submission.id, staff, 'granted', '', 'casework')).toBe('consent_missing');
		expect(mayAnswer(consent, self(anna))).toBe(false);
		expect(await answerConsent(consent, self(anna), true)).toBe(false);
		expect(mayAnswer(consent, self(bo))).toBe(true);
		expect(await answerConsent(consent, self(bo), true)).toBe(true);
		expect(await answerConsent(consent, self(bo), false)).toBe(false);
		expect((await consentsOf([submission.id]))[0].state).toBe('given');
		expect(await decide(submission.id, staff, 'granted', '', 'casework')).toBe('decided');
	});

	it('sends the health card fee as a letter with the amount, only when the fee applies', async () => {
		const fatima = await person('0809953336');
		const lost = await submit('sundhedskort', fatima, { reason: user('lost'), feeAccepted: user(['accepted']), email: user('f@example.dk') });
		const renamed = await submit('sundhedskort', await person('1106621234'), { reason: user('name_change'), oldCardDestroyed: user('yes'), email: user('n@example.dk') });
		const [fee] = (await outbox(lost.id)).filter((m) => m.kind === 'fee_letter');
		expect(fee.channel).toBe('digital_post');
		expect(fee.body).toContain('205 kr.');
		expect((await outbox(renamed.id)).filter((m) => m.kind === 'fee_letter')).toEqual([]);
	});
});
