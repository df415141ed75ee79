import { describe, expect, it } from 'vitest';
import {
	afterSave,
	answersToSubmit,
	CHECK_PAGE,
	evaluate,
	firstIncompletePage,
	mergeAnswers,
	nextPageId,
	prefill,
	previousPageId,
	visiblePages
} from './engine';
import { checkDefinition } from './definition-check';
import { seedDocuments, seededForm } from '$lib/server/forms/seed';
import type { Answers, FormContext } from './types';

const [dagtilbud, flytning, pas, sundhedskort] = ['dagtilbud', 'flytning', 'pas', 'sundhedskort'].map(seededForm);

const home = { street: 'Prøvestien 12', postcode: '7190', city: 'Eksempelby' };
const ctx: FormContext = {
	today: '2026-11-23',
	options: {
		household: [
			{ value: 'P-2', text: 'Bo' },
			{ value: 'P-3', text: 'Carla' }
		],
		children: [{ value: 'P-3', text: 'Carla' }]
	},
	prefill: { address: home, email: 'anna@example.dk' }
};
const alone: FormContext = { ...ctx, options: { household: [], children: [] } };
const user = (value: Answers[string]['value']) => ({ value, source: 'user' as const });
const ids = (pages: { id: string }[]) => pages.map((p) => p.id);

describe('conditions', () => {
	const answers: Answers = { reason: user('lost'), kids: user(['a', 'b']) };
	it('compares, lists and combines', () => {
		expect(evaluate({ question: 'reason', equals: 'lost' }, answers, ctx)).toBe(true);
		expect(evaluate({ question: 'reason', equals: 'damaged' }, answers, ctx)).toBe(false);
		expect(evaluate({ question: 'reason', oneOf: ['damaged', 'lost'] }, answers, ctx)).toBe(true);
		expect(evaluate({ question: 'kids', includes: 'b' }, answers, ctx)).toBe(true);
		expect(evaluate({ question: 'kids', includes: 'c' }, answers, ctx)).toBe(false);
		expect(evaluate({ all: [{ question: 'reason', equals: 'lost' }, { question: 'kids', includes: 'a' }] }, answers, ctx)).toBe(true);
		expect(evaluate({ any: [{ question: 'reason', equals: 'x' }, { question: 'kids', includes: 'a' }] }, answers, ctx)).toBe(true);
		expect(evaluate({ not: { question: 'reason', equals: 'lost' } }, answers, ctx)).toBe(false);
	});
	it('treats an unanswered question as not matching', () => {
		expect(evaluate({ question: 'missing', equals: 'x' }, {}, ctx)).toBe(false);
		expect(evaluate({ question: 'missing', includes: 'x' }, {}, ctx)).toBe(false);
	});
	it('knows whether the register gave options', () => {
		expect(evaluate({ hasOptions: 'children' }, {}, ctx)).toBe(true);
		expect(evaluate({ hasOptions: 'children' }, {}, alone)).toBe(false);
	});
});

describe('navigation', () => {
	it('skips the household page for a citizen who lives alone', () => {
		expect(ids(visiblePages(flytning, {}, ctx))).toContain('who-moves');
		expect(ids(visiblePages(flytning, {}, alone))).not.toContain('who-moves');
		expect(nextPageId(flytning, {}, alone, 'move-date')).toBe('contact');
		expect(previousPageId(flytning, {}, alone, 'contact')).toBe('move-date');
	});

	it('shows the fee page only for a lost or damaged card', () => {
		expect(nextPageId(sundhedskort, { reason: user('lost') }, ctx, 'reason')).toBe('fee');
		expect(nextPageId(sundhedskort, { reason: user('damaged') }, ctx, 'reason')).toBe('fee');
		expect(nextPageId(sundhedskort, { reason: user('name_change') }, ctx, 'reason')).toBe('delivery');
	});

	it('asks about the child and the other parent only for a child passport', () => {
		const forSelf = ids(visiblePages(pas, { applicant: user('self') }, ctx));
		const forChild = ids(visiblePages(pas, { applicant: user('child') }, ctx));
		expect(forSelf).not.toContain('child');
		expect(forSelf).not.toContain('other-parent');
		expect(forChild).toEqual(expect.arrayContaining(['child', 'other-parent']));
		// Without children in the household the question is not even asked.
		expect(ids(visiblePages(pas, {}, alone))[0]).toBe('height');
	});

	it('asks for details of special needs only when there are some', () => {
		expect(nextPageId(dagtilbud, { specialNeeds: user('no') }, ctx, 'special-needs')).toBe('contact');
		expect(nextPageId(dagtilbud, { specialNeeds: user('yes') }, ctx, 'special-needs')).toBe('special-needs-details');
	});

	it('goes to the check page after the last page, and back from it to the last page', () => {
		expect(nextPageId(flytning, {}, ctx, 'contact')).toBe(CHECK_PAGE);
		expect(previousPageId(flytning, {}, ctx, CHECK_PAGE)).toBe('contact');
		expect(previousPageId(flytning, {}, ctx, 'current-address')).toBeNull();
	});

	it('returns to the check page after a change, unless the change opened a new question', () => {
		const complete: Answers = {
			reason: user('name_change'),
			deliveryAddress: user(home),
			oldCardDestroyed: user('yes'),
			email: user('a@b.dk')
		};
		expect(afterSave(sundhedskort, complete, ctx, 'reason', true)).toBe(CHECK_PAGE);
		const changed = { ...complete, reason: user('lost') };
		expect(afterSave(sundhedskort, changed, ctx, 'reason', true)).toBe('fee');
		expect(afterSave(sundhedskort, changed, ctx, 'reason', false)).toBe('fee');
	});
});

describe('completeness and submission', () => {
	it('finds the first page that is unanswered or no longer valid', () => {
		const answers = prefill(flytning, {}, ctx);
		expect(firstIncompletePage(flytning, answers, ctx)).toBe('new-address');
		const filled = {
			...answers,
			newAddress: user({ street: 'Nyvej 1', postcode: '7100', city: 'Prøvestad' }),
			moveDate: user('2026-11-30'),
			movingWith: user([])
		};
		expect(firstIncompletePage(flytning, filled, ctx)).toBeNull();
		// The same draft weeks later: the move date is now too far back.
		expect(firstIncompletePage(flytning, filled, { ...ctx, today: '2027-01-10' })).toBe('move-date');
	});

	it('submits only the answers to questions that were asked', () => {
		const answers: Answers = {
			reason: user('name_change'),
			feeAccepted: user(['accepted']),
			deliveryAddress: user(home),
			oldCardDestroyed: user('yes'),
			email: user('a@b.dk')
		};
		const submitted = answersToSubmit(sundhedskort, answers, ctx);
		expect(Object.keys(submitted).sort()).toEqual(['deliveryAddress', 'email', 'oldCardDestroyed', 'reason']);
	});

	it('keeps the texts of choices from the register as they were when submitted', () => {
		const answers: Answers = { movingWith: user(['P-3']) };
		expect(answersToSubmit(flytning, answers, ctx).movingWith).toEqual({ value: ['P-3'], source: 'user', texts: ['Carla'] });
	});
});

describe('sources', () => {
	it('pre-fills from the register and keeps the source until the citizen changes the value', () => {
		const answers = prefill(flytning, {}, ctx);
		expect(answers.currentAddress).toEqual({ value: home, source: 'register' });
		// The e-mail is the citizen's own earlier answer, not a register fact.
		expect(answers.email).toEqual({ value: 'anna@example.dk', source: 'user' });
		const same = mergeAnswers(answers, { currentAddress: { ...home } });
		expect(same.currentAddress.source).toBe('register');
		const moved = mergeAnswers(answers, { currentAddress: { ...home, street: 'Prøvestien 14' } });
		expect(moved.currentAddress.source).toBe('user');
	});

	it('keeps the source when the stored value comes back with its keys in another order (PostgreSQL jsonb)', () => {
		const answers = prefill(flytning, {}, ctx);
		const reordered = Object.fromEntries(Object.entries(home).reverse()) as typeof home;
		expect(Object.keys(reordered)).not.toEqual(Object.keys(home));
		const stored = { ...answers, currentAddress: { value: reordered, source: 'register' as const } };
		expect(mergeAnswers(stored, { currentAddress: { ...home } }).currentAddress.source).toBe('register');
	});

	it('never overwrites an answer with a pre-fill', () => {
		const answers = prefill(flytning, { email: user('mine@example.dk') }, ctx);
		expect(answers.email).toEqual(user('mine@example.dk'));
	});

	it('removes an optional answer the citizen cleared', () => {
		const merged = mergeAnswers({ phone: user('12 34 56 78') }, { phone: undefined });
		expect(merged).not.toHaveProperty('phone');
	});
});

describe('the starter forms', () => {
	it('pass the definition check and never use the check page id', () => {
		for (const doc of seedDocuments) {
			expect(checkDefinition(doc)).toMatchObject({ ok: true });
			expect(doc.pages.map((p) => p.id)).not.toContain(CHECK_PAGE);
		}
	});
});
