import { describe, expect, it } from 'vitest';
import { computeReport, type CountRow } from './arithmetic';
import { counterFigures, feedbackScores, funnels, komhen } from './breakdowns';
import { breakdownTables, figureId, labelText, reportFigures, toCsv, type FigureInput } from './table';

import { channelCosts as costs, countRow } from './testing';

const row = (channel: CountRow['channel'], count: number, assistance: CountRow['assistance'] = 'none', kind: CountRow['kind'] = 'transaction') =>
	countRow({ channel, count, assistance, kind });

function input(rows: CountRow[]): FigureInput {
	const targets = [{ serviceSlug: 'pas', year: 2026, share: 0.5, source: null }];
	return {
		summary: computeReport(rows, costs, targets),
		byKind: {
			information: computeReport(rows.filter((r) => r.kind === 'information'), costs, targets),
			transaction: computeReport(rows.filter((r) => r.kind === 'transaction'), costs, targets)
		},
		komhen: { baselineYear: 2025, ...komhen(rows, [row('phone', 6)], new Set(['pas'])) },
		graduation: { helped: 3, graduated: 1, rate: 1 / 3 },
		dropout: { started: 0, droppedOut: 0, rate: null },
		exempt: { total: 1, byReason: { language: 1 }, shareWithoutExempt: 0.6 },
		avoidable: [{ serviceSlug: 'pas', manual: 3, couldBeDigital: 2, referredToDigital: 1 }],
		help: { helpers: [{ assistance: 'guided', staffRole: 'ambassador', staffUnit: 'Biblioteket', count: 1 }], proxy: 0 },
		referrals: [],
		counter: { all: counterFigures([]), byMonth: [], byType: [], byCounter: [] },
		funnels: funnels([{ serviceSlug: 'pas', page: '_start', reached: 4, lastSeen: 1 }], () => []),
		dropoutPages: [{ serviceSlug: 'pas', page: '_start', droppedOut: 1 }],
		feedback: feedbackScores([{ touchpoint: 'receipt', serviceSlug: 'pas', score: 4, count: 3 }], ['receipt'])
	};
}

describe('reportFigures', () => {
	const figures = reportFigures(input([row('digital', 2), row('digital', 1, 'guided', 'information'), row('phone', 3)]));
	const value = (id: string) => figures.find((f) => figureId(f) === id)?.value;

	it('rounds shares to one decimal and kroner to whole kroner, as the page shows them', () => {
		expect(value('contacts')).toBe(6);
		expect(value('selfServiceShare')).toBe(50);
		expect(value('unassistedShare')).toBe(33.3);
		expect(value('selfServiceVsTarget')).toBe(0);
		expect(value('unassistedVsTarget')).toBe(-16.7);
		expect(value('graduationRate')).toBe(33.3);
		expect(value('dropoutRate')).toBeNull();
		expect(value('exempt_language')).toBe(1);
		expect(value('shareWithoutExempt')).toBe(60);
		expect(value('cost_phone')).toBe(150);
		expect(value('cost')).toBe(165);
	});

	it('splits by kind and gives KOMHEN against the baseline, in rows of their own', () => {
		expect(value('contacts:information')).toBe(1);
		expect(value('contacts:transaction')).toBe(5);
		expect(value('selfServiceShare:information')).toBe(100);
		expect(value('selfServiceShare:transaction')).toBe(40);
		expect(value('komhenBaselineYear')).toBe(2025);
		// 6 phone transactions in the baseline, 3 now: half as many, against 80 %.
		expect(value('komhenReduction:transaction')).toBe(50);
		expect(value('komhenVsTarget:transaction')).toBe(-30);
		expect(value('komhenReduction:information')).toBeNull();
		expect(value('funnelReached:pas/_submitted')).toBe(3);
		expect(value('feedbackMean:touchpoint/receipt')).toBe(4);
	});

	it('gives every figure a unique id and lays breakdowns out as tables', () => {
		const ids = figures.map(figureId);
		expect(new Set(ids).size).toBe(ids.length);
		const [kinds] = breakdownTables(figures, 'kinds');
		expect(kinds.rows.map((r) => r.row)).toEqual(['information', 'transaction']);
		expect(kinds.columns.map((c) => c.key)).toEqual(['contacts', 'channel_digital', 'channel_phone', 'channel_counter', 'channel_written', 'selfServiceShare', 'unassistedShare']);
		const [helpers] = breakdownTables(figures, 'assistance');
		expect(labelText(helpers.rows[0].label, (k) => `<${k}>`, 'da')).toBe('<report.figure.assistance_guided> · <roles.ambassador> · Biblioteket');
	});
});

describe('toCsv', () => {
	it('quotes what needs quoting and starts with a BOM', () => {
		expect(toCsv(['a', 'b'], [['x;y', 1.5], ['"q"', null]])).toBe('\uFEFFa;b\r\n"x;y";1,5\r\n"""q""";\r\n');
		expect(toCsv(['a'], [[1.5]], false)).toBe('\uFEFFa\r\n1.5\r\n');
	});

	it('keeps a text a spreadsheet would run as a formula as text, and negative numbers as numbers', () => {
		expect(toCsv(['a', 'b'], [['=HYPERLINK("x")', -16.7]])).toBe('\uFEFFa;b\r\n"\'=HYPERLINK(""x"")";-16,7\r\n');
	});
});
