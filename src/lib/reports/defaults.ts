/**
 * The report's defaults, each with where it comes from: a manager hands the figures on, and
 * must be able to say whose target or price a number is. The page shows the source beside
 * every default; the administrator replaces them with the municipality's own (dated rows).
 */
import type { Channel } from './arithmetic';

export type CostDeliveryMode = 'case_system' | 'email' | 'inbox';

/** Keys of `report.source.*`: the texts name the publication. */
export type Source = 'fkStrategy' | 'komhen' | 'kanalpriser' | 'retyping';

export interface TrajectoryPoint {
	year: number;
	/** 0..1 */
	share: number;
}

/**
 * The joint municipal digitisation strategy 2011–2015: 30 % of all contacts digital in 2012,
 * rising to 50 % in 2015. (The "80 %" often quoted is a different measure: KOMHEN's.)
 */
export const STRATEGY_TRAJECTORY: { source: Source; points: TrajectoryPoint[] } = {
	source: 'fkStrategy',
	points: [
		{ year: 2012, share: 0.3 },
		{ year: 2015, share: 0.5 }
	]
};

/**
 * KL's channel measurement after the 2013 economy agreement: in the areas of mandatory digital
 * self-service, information contacts on the personal channels down by 50 % and transaction
 * contacts down by 80 %, against a baseline year.
 */
export const KOMHEN = {
	source: 'komhen' as Source,
	personalChannels: ['phone', 'counter', 'written'] as Channel[],
	reduction: { information: 0.5, transaction: 0.8 }
};

/** A share rounded as targets are kept: a tenth of a percent. */
const tenth = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The share for a year on a trajectory: the points' own years as given, straight lines
 * between them, and the nearest end held before the first and after the last.
 */
export function trajectoryShare(points: TrajectoryPoint[], year: number): number {
	const sorted = [...points].sort((a, b) => a.year - b.year);
	if (sorted.length === 0) throw new Error('empty trajectory');
	if (year <= sorted[0].year) return sorted[0].share;
	for (let i = 1; i < sorted.length; i++) {
		const a = sorted[i - 1];
		const b = sorted[i];
		if (year <= b.year) return tenth(a.share + ((b.share - a.share) * (year - a.year)) / (b.year - a.year));
	}
	return sorted[sorted.length - 1].share;
}

/** Every year from one point to the other (both included), on the straight line between them. */
export function fillBetween(from: TrajectoryPoint, to: TrajectoryPoint): TrajectoryPoint[] {
	const [a, b] = from.year <= to.year ? [from, to] : [to, from];
	return Array.from({ length: b.year - a.year + 1 }, (_, i) => ({ year: a.year + i, share: trajectoryShare([a, b], a.year + i) }));
}

export interface DefaultUnitCost {
	channel: Channel;
	/** For digital submissions by their way to the case; null for every other contact of the channel. */
	deliveryMode: CostDeliveryMode | null;
	kr: number;
	source: Source;
}

/**
 * Starting prices per contact. The 5 kr for digital assumes the submission reaches the case
 * system without retyping; one read from the inbox and typed in by hand costs the digital
 * price and the caseworker's minutes (10 minutes at 3.50 kr, a mailbox 5 minutes).
 */
export const DEFAULT_UNIT_COSTS: DefaultUnitCost[] = [
	{ channel: 'digital', deliveryMode: null, kr: 5, source: 'kanalpriser' },
	{ channel: 'digital', deliveryMode: 'case_system', kr: 5, source: 'kanalpriser' },
	{ channel: 'digital', deliveryMode: 'email', kr: 22.5, source: 'retyping' },
	{ channel: 'digital', deliveryMode: 'inbox', kr: 40, source: 'retyping' },
	{ channel: 'phone', deliveryMode: null, kr: 50, source: 'kanalpriser' },
	{ channel: 'counter', deliveryMode: null, kr: 100, source: 'kanalpriser' },
	{ channel: 'written', deliveryMode: null, kr: 120, source: 'kanalpriser' }
];

/** The date the defaults are in force from: before any event the portal can hold. */
export const DEFAULTS_FROM = '2000-01-01';
