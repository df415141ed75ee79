import { describe, expect, it } from 'vitest';
import { describeHoursLine, openingHoursLines } from './hours';

const h = (hh: number, mm = 0) => hh * 60 + mm;

describe('opening hours from the counters', () => {
	it('joins the counters of a day and runs days with the same hours together', () => {
		const rows = [
			...[1, 2, 3].flatMap((weekday) => [
				{ weekday, opens: h(9), closes: h(15) },
				{ weekday, opens: h(10), closes: h(14) }
			]),
			{ weekday: 4, opens: h(9), closes: h(17, 30) },
			{ weekday: 5, opens: h(9), closes: h(13) },
			{ weekday: 5, opens: h(10), closes: h(12) }
		];
		const lines = openingHoursLines(rows);
		expect(lines).toEqual([
			{ from: 1, to: 3, ranges: [{ opens: h(9), closes: h(15) }] },
			{ from: 4, to: 4, ranges: [{ opens: h(9), closes: h(17, 30) }] },
			{ from: 5, to: 5, ranges: [{ opens: h(9), closes: h(13) }] }
		]);
		expect(lines.map((l) => describeHoursLine(l, 'da'))).toEqual([
			{ days: 'Mandag–onsdag', hours: '9.00–15.00' },
			{ days: 'Torsdag', hours: '9.00–17.30' },
			{ days: 'Fredag', hours: '9.00–13.00' }
		]);
		expect(describeHoursLine(lines[0], 'en')).toEqual({ days: 'Monday–Wednesday', hours: '9:00–15:00' });
	});

	it('keeps a lunch break when every counter closes, and leaves out days nobody opens', () => {
		const rows = [
			{ weekday: 2, opens: h(13), closes: h(15) },
			{ weekday: 2, opens: h(9), closes: h(12) },
			{ weekday: 4, opens: h(9), closes: h(12) },
			{ weekday: 4, opens: h(12), closes: h(15) },
			{ weekday: 6, opens: h(10), closes: h(10) }
		];
		expect(openingHoursLines(rows).map((l) => describeHoursLine(l, 'da'))).toEqual([
			{ days: 'Tirsdag', hours: '9.00–12.00 og 13.00–15.00' },
			{ days: 'Torsdag', hours: '9.00–15.00' }
		]);
	});

	it('does not run days together across a gap', () => {
		const rows = [1, 3].map((weekday) => ({ weekday, opens: h(9), closes: h(15) }));
		expect(openingHoursLines(rows).map((l) => [l.from, l.to])).toEqual([
			[1, 1],
			[3, 3]
		]);
	});
});
