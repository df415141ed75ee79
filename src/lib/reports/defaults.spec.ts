import { describe, expect, it } from 'vitest';
import { fillBetween, STRATEGY_TRAJECTORY, trajectoryShare } from './defaults';

describe('targets as a trajectory', () => {
	it('follows the strategy: 30 % in 2012 to 50 % in 2015, held before and after', () => {
		const at = (y: number) => trajectoryShare(STRATEGY_TRAJECTORY.points, y);
		expect([2010, 2012, 2013, 2014, 2015, 2020].map(at)).toEqual([0.3, 0.3, 0.367, 0.433, 0.5, 0.5]);
	});

	it('fills every year between two points, either way round, to a tenth of a percent', () => {
		expect(fillBetween({ year: 2026, share: 0.6 }, { year: 2030, share: 0.8 })).toEqual([
			{ year: 2026, share: 0.6 },
			{ year: 2027, share: 0.65 },
			{ year: 2028, share: 0.7 },
			{ year: 2029, share: 0.75 },
			{ year: 2030, share: 0.8 }
		]);
		expect(fillBetween({ year: 2029, share: 0.9 }, { year: 2026, share: 0.5 }).map((p) => p.share)).toEqual([0.5, 0.633, 0.767, 0.9]);
		expect(fillBetween({ year: 2027, share: 0.7 }, { year: 2027, share: 0.7 })).toEqual([{ year: 2027, share: 0.7 }]);
	});
});
