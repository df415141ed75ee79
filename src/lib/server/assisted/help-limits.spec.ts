import { describe, expect, it } from 'vitest';
import { helpCodeGuessOdds } from './help-limits';

describe('help codes against guessing', () => {
	it('give an attacker with 1,000 signed-in citizens under 1 % in a working day, with 30 helpers\' codes live all day', () => {
		const odds = helpCodeGuessOdds({ sessions: 1000, liveCodes: 30, hours: 8 });
		expect(odds).toBeLessThan(0.01);
		// The README states it: 20,000 guesses at 30 in 100,000,000 each.
		expect(odds).toBeCloseTo(0.006, 3);
	});

	it('grow with the live codes and the sessions, as they must', () => {
		expect(helpCodeGuessOdds({ sessions: 2000, liveCodes: 30, hours: 8 })).toBeGreaterThan(helpCodeGuessOdds({ sessions: 1000, liveCodes: 30, hours: 8 }));
		expect(helpCodeGuessOdds({ sessions: 1000, liveCodes: 60, hours: 8 })).toBeGreaterThan(helpCodeGuessOdds({ sessions: 1000, liveCodes: 30, hours: 8 }));
		expect(helpCodeGuessOdds({ sessions: 1000, liveCodes: 0, hours: 8 })).toBe(0);
	});
});
