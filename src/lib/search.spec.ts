import { describe, expect, it } from 'vitest';
import { matches, stem } from './search';

const moving = ['Anmeld flytning', 'Skal du flytte? Giv besked senest 5 dage efter.', 'adresse'];
const movingEn = ['Report a move', 'Moving house? Tell us no later than 5 days after.'];
const pension = ['Søg om folkepension', 'Apply for the state pension'];

describe('search', () => {
	it('finds a service by other forms of its words, in Danish and English', () => {
		for (const q of ['flytte', 'flyttet', 'flytning', 'Flytninger', 'FLYT', 'flytter']) expect(matches(q, moving), q).toBe(true);
		for (const q of ['moving', 'moved', 'move', 'moves']) expect(matches(q, movingEn), q).toBe(true);
		expect(matches('pension', pension)).toBe(true);
		expect(matches('pensioner', pension)).toBe(true);
	});

	it('needs every word and finds nothing for unrelated words', () => {
		expect(matches('flytte adresse', moving)).toBe(true);
		expect(matches('flytte pas', moving)).toBe(false);
		expect(matches('sygesikring', moving)).toBe(false);
		expect(matches('fly', pension)).toBe(false);
	});

	it('ignores case, accents and punctuation', () => {
		expect(matches('søg', pension)).toBe(true);
		expect(matches('"folkepension!"', pension)).toBe(true);
	});

	it('stems Danish endings without cutting short words', () => {
		expect(stem('flytning')).toBe('flyt');
		expect(stem('flyttet')).toBe('flyt');
		expect(stem('pas')).toBe('pas');
	});
});
