import { describe, expect, it } from 'vitest';
import { seededForm } from '$lib/server/forms/seed';
import type { Answers, FormContext } from '$lib/forms/types';
import { checkRows } from '$lib/forms/engine';
import { backUrl, offlineStep as takeStep, rawInput, viewUrl } from './offline-form';

const pas = seededForm('pas');

const ctx: FormContext = { today: '2026-03-02', options: { household: [], children: [] }, prefill: {} };
const half: Answers = { height: { value: '180', source: 'user' }, hasPassport: { value: 'no', source: 'user' } };

describe('a form filled offline', () => {
	it('reads posted fields as the server does', () => {
		const q = pas.pages.find((p) => p.id === 'travel')!.questions;
		expect(rawInput(q, [['travelDate-day', '1'], ['travelDate-month', '5'], ['travelDate-year', '2026'], ['other', 'x']])).toEqual({
			'travelDate-day': '1',
			'travelDate-month': '5',
			'travelDate-year': '2026'
		});
	});

	it('goes on to the page the server would show next, then to the check page', () => {
		const travel = takeStep(pas, ctx, half, 'travel', false, []);
		expect(travel.ok && travel.next).toMatchObject({ kind: 'page', pageId: 'contact' });
		if (!travel.ok) return;
		const contact = takeStep(pas, ctx, travel.answers, 'contact', false, [['email', 'erik@example.dk'], ['phone', '']]);
		expect(contact.ok && contact.next.kind).toBe('check');
		if (!contact.ok) return;
		expect(contact.answers.email).toEqual({ value: 'erik@example.dk', source: 'user' });
		expect(checkRows(pas, contact.answers, ctx).map((r) => r.question.id)).toEqual(['height', 'hasPassport', 'travelDate', 'email', 'phone']);
	});

	it('shows the same errors as the server, with what was typed', () => {
		const result = takeStep(pas, ctx, half, 'contact', false, [['email', 'not an address'], ['phone', '']]);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.view).toMatchObject({ kind: 'page', pageId: 'contact', fields: { email: 'not an address' } });
		expect(result.view.kind === 'page' && result.view.errors.map((e) => e.questionId)).toEqual(['email']);
	});

	it('follows conditions: a previous passport asks what became of it', () => {
		const result = takeStep(pas, ctx, { height: half.height }, 'previous', false, [['hasPassport', 'yes']]);
		expect(result.ok && result.next).toMatchObject({ kind: 'page', pageId: 'previous-status' });
	});

	it('has the addresses the server uses', () => {
		expect(viewUrl('d1', { kind: 'check', answers: half })).toBe('/skema/d1/tjek');
		expect(viewUrl('d1', { kind: 'page', pageId: 'contact', answers: half, returnToCheck: true, fields: {}, errors: [] })).toBe(
			'/skema/d1/contact?retur=tjek'
		);
		expect(backUrl(pas, ctx, 'd1', { kind: 'check', answers: half })).toBe('/skema/d1/contact');
	});
});
