import { describe, expect, it } from 'vitest';
import { computeReport, unitCostOn, type CountRow, type UnitCost } from './arithmetic';
import { channelCosts as KL, countRow, unitCost as cost } from './testing';

const row = (
	month: string,
	channel: CountRow['channel'],
	assistance: CountRow['assistance'],
	event: CountRow['event'],
	count: number,
	serviceSlug = 'pas',
	delivery: CountRow['delivery'] = ''
) => countRow({ month, serviceSlug, channel, assistance, kind: event === 'registered' ? 'information' : 'transaction', event, count, delivery });
const target = (serviceSlug: string, year: number, share: number) => ({ serviceSlug, year, share, source: null });

// One month of a service, computed by hand in the comments.
const march: CountRow[] = [
	row('2026-03', 'digital', 'none', 'form_submitted', 6),
	row('2026-03', 'digital', 'guided', 'form_submitted', 2),
	row('2026-03', 'digital', 'none', 'form_started', 10),
	row('2026-03', 'phone', 'none', 'registered', 4),
	row('2026-03', 'counter', 'on_behalf', 'registered', 3),
	row('2026-03', 'written', 'none', 'registered', 1)
];

describe('report arithmetic', () => {
	it('counts contacts, shares, help and completion (16 contacts, 8 digital, 6 of them unassisted)', () => {
		const r = computeReport(march, KL, [target('pas', 2026, 0.5)]);
		expect(r.contacts).toBe(16);
		expect(r.byChannel).toEqual({ digital: 8, phone: 4, counter: 3, written: 1 });
		expect(r.byAssistance).toEqual({ none: 11, guided: 2, on_behalf: 3, proxy: 0 });
		expect(r.selfServiceShare).toBe(0.5);
		expect(r.unassistedShare).toBe(0.375);
		expect(r.onBehalf).toBe(3);
		expect(r.guided).toBe(2);
		expect(r.completionRate).toBe(0.8);
		expect(r.target).toBe(0.5);
		expect(r.selfServiceVsTarget).toBe(0);
	});

	it('prices each channel and the saving against an all-manual year', () => {
		const r = computeReport(march, KL, [target('pas', 2026, 0.8)]);
		// 8×5 + 4×50 + 3×100 + 1×120
		expect(r.costByChannel).toEqual({ digital: 40, phone: 200, counter: 300, written: 120 });
		expect(r.cost).toBe(660);
		// Manual mix: (200 + 300 + 120) / 8 = 77.5 kr a contact; 16 × 77.5 = 1240.
		expect(r.costAllManual).toBe(1240);
		expect(r.saving).toBe(580);
		// 80 % of 16 = 12.8 digital wanted, 8 had: 4.8 contacts × (77.5 − 5).
		expect(r.furtherSavingAtTarget).toBeCloseTo(348, 9);
		expect(r.selfServiceVsTarget).toBeCloseTo(-0.3, 9);
	});

	it('gives no shares and no costs for an empty period', () => {
		const r = computeReport([], KL, []);
		expect(r).toMatchObject({ contacts: 0, selfServiceShare: null, unassistedShare: null, completionRate: null, target: null, cost: 0, saving: 0, furtherSavingAtTarget: 0 });
	});

	it('leaves a service without a target out of the target and says so', () => {
		const r = computeReport([row('2026-03', 'digital', 'none', 'form_submitted', 3, 'korekort')], KL, []);
		expect(r.selfServiceShare).toBe(1);
		expect(r.target).toBeNull();
		expect(r.selfServiceVsTarget).toBeNull();
		expect(r.furtherSavingAtTarget).toBe(0);
	});

	it('applies the unit cost in force in each month when it changes inside the period', () => {
		const costs: UnitCost[] = [...KL, cost('phone', '2026-03-01', 60)];
		const r = computeReport([row('2026-02', 'phone', 'none', 'registered', 10), row('2026-03', 'phone', 'none', 'registered', 10)], costs, []);
		expect(r.costByChannel.phone).toBe(10 * 50 + 10 * 60);
		expect(unitCostOn(costs, 'phone', '2026-02-28')).toBe(50);
		expect(unitCostOn(costs, 'phone', '2026-03-01')).toBe(60);
	});

	it('weights each year\'s target by its contacts across a year boundary', () => {
		const rows = [
			row('2025-12', 'digital', 'none', 'form_submitted', 10),
			row('2026-01', 'digital', 'none', 'form_submitted', 10),
			row('2026-01', 'phone', 'none', 'registered', 10)
		];
		const r = computeReport(rows, KL, [
			target('pas', 2025, 0.5),
			target('pas', 2026, 0.8)
		]);
		// (0.5 × 10 + 0.8 × 20) / 30
		expect(r.target).toBeCloseTo(0.7, 12);
		expect(r.selfServiceShare).toBeCloseTo(2 / 3, 12);
	});

	it('refuses to price a channel without a unit cost', () => {
		expect(() => computeReport([row('2019-06', 'phone', 'none', 'registered', 1)], KL, [])).toThrow(/no unit cost for phone/);
	});

	it('prices a digital submission by its way to the case, and the saving with it', () => {
		const costs = [...KL, cost('digital', '2020-01-01', 40, 'inbox'), cost('digital', '2020-01-01', 5, 'case_system')];
		const rows = [
			row('2026-03', 'digital', 'none', 'form_submitted', 4, 'pas', 'inbox'),
			row('2026-03', 'digital', 'none', 'form_submitted', 6, 'pas', 'case_system'),
			// No price of its own for a mailbox: the channel's.
			row('2026-03', 'digital', 'none', 'form_submitted', 2, 'pas', 'email'),
			row('2026-03', 'digital', 'none', 'appointment_booked', 8),
			row('2026-03', 'phone', 'none', 'registered', 20)
		];
		const r = computeReport(rows, costs, [target('pas', 2026, 0.6)]);
		// 4×40 + 6×5 + 2×5 + 8×5
		expect(r.costByChannel.digital).toBe(240);
		expect(r.submissionsByDelivery).toEqual({ inbox: { count: 4, kr: 160 }, case_system: { count: 6, kr: 30 }, email: { count: 2, kr: 10 } });
		// All manual: 40 × 50 = 2000; actual 240 + 1000 = 1240.
		expect(r.saving).toBe(760);
		// 60 % of 40 = 24 wanted, 20 had: 4 more at 50 − 240/20 = 38 kr each.
		expect(r.furtherSavingAtTarget).toBeCloseTo(152, 9);
	});
});
