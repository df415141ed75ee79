import { describe, expect, it } from 'vitest';
import { computeReport, type CountRow, type UnitCost } from './arithmetic';
import { reportFigures, toCsv } from './table';

const costs: UnitCost[] = [
	{ channel: 'digital', from: '2020-01-01', kr: 5 },
	{ channel: 'phone', from: '2020-01-01', kr: 50 },
	{ channel: 'counter', from: '2020-01-01', kr: 100 },
	{ channel: 'written', from: '2020-01-01', kr: 120 }
];
const row = (channel: CountRow['channel'], count: number, assistance: CountRow['assistance'] = 'none'): CountRow => ({
	month: '2026-03',
	serviceSlug: 'pas',
	channel,
	assistance,
	kind: 'transaction',
	event: 'registered',
	count
});

describe('reportFigures', () => {
	it('rounds shares to one decimal and kroner to whole kroner, as the page shows them', () => {
		const r = computeReport([row('digital', 2), row('digital', 1, 'guided'), row('phone', 3)], costs, [{ serviceSlug: 'pas', year: 2026, share: 0.5 }]);
		const f = Object.fromEntries(reportFigures(r, { graduation: { helped: 3, graduated: 1, rate: 1 / 3 }, dropout: { started: 0, droppedOut: 0, rate: null }, exempt: { total: 1, byReason: { language: 1 }, shareWithoutExempt: 0.6 } }).map((x) => [x.key, x.value]));
		expect(f.contacts).toBe(6);
		expect(f.selfServiceShare).toBe(50);
		expect(f.unassistedShare).toBe(33.3);
		expect(f.selfServiceVsTarget).toBe(0);
		expect(f.unassistedVsTarget).toBe(-16.7);
		expect(f.graduationRate).toBe(33.3);
		expect(f.dropoutRate).toBeNull();
		expect(f.exempt_language).toBe(1);
		expect(f.shareWithoutExempt).toBe(60);
		expect(f.cost_phone).toBe(150);
		expect(f.cost).toBe(165);
	});
});

describe('toCsv', () => {
	it('quotes what needs quoting and starts with a BOM', () => {
		expect(toCsv(['a', 'b'], [['x;y', 1.5], ['"q"', null]])).toBe('\uFEFFa;b\r\n"x;y";1,5\r\n"""q""";\r\n');
		expect(toCsv(['a'], [[1.5]], false)).toBe('\uFEFFa\r\n1.5\r\n');
	});
});
