import type { CountRow, UnitCost } from './arithmetic';

/**
 * The report tests' fixtures (imported by specs only): a count row of one service in March 2026,
 * alone and unmarked unless said otherwise, and prices as the defaults have them.
 */
export const countRow = (o: Partial<CountRow> & Pick<CountRow, 'channel' | 'count'>): CountRow => ({
	month: '2026-03',
	serviceSlug: 'pas',
	assistance: 'none',
	kind: 'transaction',
	event: 'registered',
	staffRole: '',
	staffUnit: '',
	couldBeDigital: false,
	referredToDigital: false,
	delivery: '',
	...o
});

export const unitCost = (channel: UnitCost['channel'], from: string, kr: number, deliveryMode: UnitCost['deliveryMode'] = null): UnitCost => ({ channel, from, kr, deliveryMode });

/** 5, 50, 100 and 120 kr from 2020: digital, phone, counter, written. */
export const channelCosts: UnitCost[] = [unitCost('digital', '2020-01-01', 5), unitCost('phone', '2020-01-01', 50), unitCost('counter', '2020-01-01', 100), unitCost('written', '2020-01-01', 120)];
