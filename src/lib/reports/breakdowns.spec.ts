import { describe, expect, it } from 'vitest';
import { avoidableByService, counterBy, counterFigures, feedbackScores, funnels, helpByHelper, komhen, quantile, referralsByService, waitMinutes, type VisitRow } from './breakdowns';
import { countRow as row } from './testing';

describe('KOMHEN', () => {
	it('counts personal channels in mandatory services against the baseline, by kind', () => {
		const baseline = [
			row({ channel: 'phone', count: 100, kind: 'information' }),
			row({ channel: 'counter', count: 50, kind: 'transaction' }),
			row({ channel: 'written', count: 50, kind: 'transaction' }),
			// Not personal, not mandatory, not a contact: none of them count.
			row({ channel: 'digital', count: 500 }),
			row({ channel: 'phone', count: 70, serviceSlug: 'frivillig' }),
			row({ channel: 'counter', count: 9, event: 'form_started' })
		];
		const now = [row({ channel: 'phone', count: 60, kind: 'information' }), row({ channel: 'counter', count: 30, kind: 'transaction' })];
		const k = komhen(now, baseline, new Set(['pas']));
		expect(k.information).toEqual({ baseline: 100, now: 60, reduction: 0.4, target: 0.5, vsTarget: expect.closeTo(-0.1, 9) });
		expect(k.transaction).toMatchObject({ baseline: 100, now: 30, reduction: 0.7, target: 0.8 });
		expect(komhen(now, [], new Set(['pas'])).information).toMatchObject({ baseline: 0, now: 60, reduction: null, vsTarget: null });
	});
});

describe('avoidable contacts, helpers and referrals', () => {
	it('count what staff marked, by service, busiest first', () => {
		const rows = [
			row({ channel: 'phone', count: 10, couldBeDigital: true, referredToDigital: true }),
			row({ channel: 'phone', count: 5, couldBeDigital: true }),
			row({ channel: 'counter', count: 7 }),
			row({ channel: 'written', count: 4, serviceSlug: 'flyt', referredToDigital: true }),
			row({ channel: 'digital', count: 99, couldBeDigital: true })
		];
		expect(avoidableByService(rows)).toEqual([
			{ serviceSlug: 'pas', manual: 22, couldBeDigital: 15, referredToDigital: 10 },
			{ serviceSlug: 'flyt', manual: 4, couldBeDigital: 0, referredToDigital: 4 }
		]);
	});

	it('tell an ambassador at the library from Borgerservice, and count acting for another apart', () => {
		const rows = [
			row({ channel: 'digital', assistance: 'guided', staffRole: 'ambassador', staffUnit: 'Hovedbiblioteket', count: 3 }),
			row({ channel: 'counter', assistance: 'guided', staffRole: 'ambassador', staffUnit: 'Hovedbiblioteket', count: 2, event: 'helped' }),
			row({ channel: 'digital', assistance: 'guided', staffRole: 'staff', staffUnit: 'Borgerservice', count: 4 }),
			row({ channel: 'phone', assistance: 'on_behalf', staffRole: 'staff', staffUnit: 'Borgerservice', count: 6 }),
			row({ channel: 'digital', assistance: 'proxy', count: 2 }),
			row({ channel: 'digital', assistance: 'guided', staffRole: 'staff', staffUnit: 'Borgerservice', count: 8, event: 'form_started' })
		];
		expect(helpByHelper(rows)).toEqual({
			helpers: [
				{ assistance: 'guided', staffRole: 'ambassador', staffUnit: 'Hovedbiblioteket', count: 5 },
				{ assistance: 'guided', staffRole: 'staff', staffUnit: 'Borgerservice', count: 4 },
				{ assistance: 'on_behalf', staffRole: 'staff', staffUnit: 'Borgerservice', count: 6 }
			],
			proxy: 2
		});
	});

	it('count national referrals in their service\'s digital volume', () => {
		const rows = [
			row({ channel: 'digital', event: 'referred_national', count: 12, serviceSlug: 'skat' }),
			row({ channel: 'digital', event: 'form_submitted', count: 3, serviceSlug: 'skat' }),
			row({ channel: 'digital', event: 'form_submitted', count: 30 })
		];
		expect(referralsByService(rows)).toEqual([{ serviceSlug: 'skat', referrals: 12, digital: 15 }]);
	});
});

describe('the counter', () => {
	const T = Date.UTC(2026, 2, 10, 9, 0);
	const min = 60_000;
	const visit = (o: Partial<VisitRow>): VisitRow => ({
		kind: 'appointment',
		month: '2026-03',
		typeSlug: 'pas',
		counterId: 'a',
		bookedAt: T - 4 * 86_400_000,
		start: T,
		checkedInAt: T - 5 * min,
		calledAt: T + 3 * min,
		outcome: 'done',
		...o
	});

	it('waits from the appointment time, or the late arrival; a walk-in from the ticket', () => {
		expect(waitMinutes(visit({}))).toBe(3);
		expect(waitMinutes(visit({ checkedInAt: T + 10 * min, calledAt: T + 12 * min }))).toBe(2);
		expect(waitMinutes(visit({ kind: 'walk_in', start: null, bookedAt: T, checkedInAt: T, calledAt: T + 20 * min }))).toBe(20);
		expect(waitMinutes(visit({ calledAt: null, outcome: 'no_show' }))).toBeNull();
	});

	it('gives median and 90th percentile by nearest rank, the no-show share and the lead time', () => {
		expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
		expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
		expect(quantile(Array.from({ length: 10 }, (_, i) => i + 1), 0.9)).toBe(9);
		expect(quantile([], 0.5)).toBeNull();
		const visits = [
			visit({ calledAt: T + 2 * min }),
			visit({ calledAt: T + 4 * min, bookedAt: T - 2 * 86_400_000 }),
			visit({ calledAt: T + 30 * min, counterId: 'b', typeSlug: 'korekort', month: '2026-04' }),
			visit({ calledAt: null, checkedInAt: null, outcome: 'no_show', bookedAt: T - 10 * 86_400_000 }),
			visit({ outcome: 'cancelled', calledAt: null }),
			// Later today: a visit with a lead time, not yet a no-show or not.
			visit({ outcome: 'open', calledAt: null, checkedInAt: null, bookedAt: T - 4 * 86_400_000 })
		];
		expect(counterFigures(visits)).toEqual({ visits: 5, waitMedian: 4, waitP90: 30, noShowShare: 0.25, leadMedian: 4 });
		expect(counterBy(visits, 'counterId').map((g) => [g.key, g.figures.visits, g.figures.waitMedian])).toEqual([
			['a', 4, 2],
			['b', 1, 30]
		]);
		expect(counterBy(visits, 'month').map((g) => g.key)).toEqual(['2026-03', '2026-04']);
	});
});

describe('the funnel', () => {
	it('reaches and leaves pages in the form\'s order; submitted is started less all left', () => {
		const counts = [
			{ serviceSlug: 'pas', page: '_start', reached: 10, lastSeen: 0 },
			{ serviceSlug: 'pas', page: 'om-dig', reached: 10, lastSeen: 2 },
			{ serviceSlug: 'pas', page: 'foto', reached: 8, lastSeen: 3 },
			{ serviceSlug: 'pas', page: '_check', reached: 5, lastSeen: 1 },
			// A page of an older version, and the next month's row for a page: added up.
			{ serviceSlug: 'pas', page: 'gammel', reached: 1, lastSeen: 1 },
			{ serviceSlug: 'pas', page: 'foto', reached: 0, lastSeen: 1 }
		];
		const [f] = funnels(counts, () => ['om-dig', 'foto']);
		expect(f).toMatchObject({ serviceSlug: 'pas', started: 10, submitted: 2, completion: 0.2 });
		expect(f.pages.map((p) => [p.page, p.reached, p.left])).toEqual([
			['_start', 10, 0],
			['om-dig', 10, 2],
			['foto', 8, 4],
			['_check', 5, 1],
			['gammel', 1, 1]
		]);
		expect(f.pages[2].leftShare).toBe(0.4);
	});
});

describe('scores', () => {
	it('count, average and spread 1 to 5, by touchpoint and by service', () => {
		const s = feedbackScores(
			[
				{ touchpoint: 'receipt', serviceSlug: 'pas', score: 5, count: 3 },
				{ touchpoint: 'receipt', serviceSlug: 'pas', score: 2, count: 1 },
				{ touchpoint: 'kiosk', serviceSlug: null, score: 4, count: 2 }
			],
			['receipt', 'booking', 'kiosk']
		);
		expect(s.all).toEqual({ count: 6, mean: 25 / 6, distribution: [0, 1, 0, 2, 3] });
		expect(s.byTouchpoint.map((t) => [t.touchpoint, t.count, t.mean])).toEqual([
			['receipt', 4, 4.25],
			['booking', 0, null],
			['kiosk', 2, 4]
		]);
		expect(s.byService).toEqual([{ serviceSlug: 'pas', count: 4, mean: 4.25, distribution: [0, 1, 0, 0, 3] }]);
	});
});
