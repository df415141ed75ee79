import { describe, expect, it } from 'vitest';
import { isoWeek, parsePeriod, period, yearBefore } from './period';

describe('period', () => {
	it('gives a month, a quarter and a year as local months with an exclusive end', () => {
		expect(period('month', 2026, 12)).toMatchObject({ months: ['2026-12'], from: '2026-12-01', to: '2027-01-01' });
		expect(period('quarter', 2026, 2)).toMatchObject({ months: ['2026-04', '2026-05', '2026-06'], from: '2026-04-01', to: '2026-07-01' });
		expect(period('year', 2025).months).toHaveLength(12);
		expect(period('year', 2025)).toMatchObject({ from: '2025-01-01', to: '2026-01-01' });
	});

	it('reads the address and falls back to the current month or quarter', () => {
		const q = (s: string) => parsePeriod(new URLSearchParams(s), '2026-11-23');
		expect(q('')).toMatchObject({ kind: 'month', year: 2026, n: 11 });
		expect(q('periode=quarter')).toMatchObject({ kind: 'quarter', n: 4 });
		expect(q('periode=quarter&aar=2025&nr=1')).toMatchObject({ kind: 'quarter', year: 2025, n: 1 });
		expect(q('periode=month&aar=abc&nr=13')).toMatchObject({ kind: 'month', year: 2026, n: 11 });
		expect(q('periode=week')).toMatchObject({ kind: 'month' });
	});

	it('compares with the same months a year earlier, across a year boundary', () => {
		expect(yearBefore(period('month', 2026, 1))).toMatchObject({ months: ['2025-01'], to: '2025-02-01' });
	});
});

describe('isoWeek', () => {
	it.each([
		['2026-01-01', '2026-W01'],
		['2025-12-29', '2026-W01'],
		['2027-01-03', '2026-W53'],
		['2027-01-04', '2027-W01'],
		['2026-03-10', '2026-W11'],
		['2024-12-30', '2025-W01'],
		['2021-01-03', '2020-W53']
	])('%s is in %s', (day, week) => {
		expect(isoWeek(day)).toBe(week);
	});
});
