/**
 * The report's figures beyond the channel mix, free of I/O: the KOMHEN measure, avoidable
 * contacts, help by helper, national referrals, the counter, the form funnel and the citizens'
 * scores. Each takes what the database hands over and computes what the page shows.
 */
import type { Channel, CountRow } from './arithmetic';
import { KOMHEN } from './defaults';

export const KINDS = ['information', 'transaction'] as const;
export type Kind = (typeof KINDS)[number];

const isContact = (r: CountRow) => r.event !== 'form_started';
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const MANUAL: Channel[] = ['phone', 'counter', 'written'];

export interface KomhenKind {
	baseline: number;
	now: number;
	/** 1 − now / baseline: positive when the personal channels carry fewer. */
	reduction: number | null;
	target: number;
	/** Positive when the reduction is beyond the target. */
	vsTarget: number | null;
}

/**
 * KOMHEN: contacts on the personal channels in the services where self-service is mandatory,
 * in the period against the same months of the baseline year, for each kind.
 */
export function komhen(now: CountRow[], baseline: CountRow[], mandatory: ReadonlySet<string>): Record<Kind, KomhenKind> {
	const personal = (rows: CountRow[], kind: Kind) =>
		rows.filter((r) => isContact(r) && r.kind === kind && mandatory.has(r.serviceSlug) && KOMHEN.personalChannels.includes(r.channel)).reduce((n, r) => n + r.count, 0);
	const of = (kind: Kind): KomhenKind => {
		const b = personal(baseline, kind);
		const n = personal(now, kind);
		const reduction = b > 0 ? 1 - n / b : null;
		const target = KOMHEN.reduction[kind];
		return { baseline: b, now: n, reduction, target, vsTarget: reduction === null ? null : reduction - target };
	};
	return { information: of('information'), transaction: of('transaction') };
}

/** The rows `keyOf` names (null leaves a row out), added up per key into what `start` makes, in the order first met. */
function tally<T>(rows: CountRow[], keyOf: (r: CountRow) => string | null, start: (r: CountRow) => T, add: (t: T, r: CountRow) => void): T[] {
	const by = new Map<string, T>();
	for (const r of rows) {
		const key = keyOf(r);
		if (key === null) continue;
		let t = by.get(key);
		if (t === undefined) by.set(key, (t = start(r)));
		add(t, r);
	}
	return [...by.values()];
}

export interface AvoidableRow {
	serviceSlug: string;
	manual: number;
	couldBeDigital: number;
	referredToDigital: number;
}

/** Phone, counter and written contacts staff marked as possible online, and those they sent there, by service. */
export function avoidableByService(rows: CountRow[]): AvoidableRow[] {
	return tally<AvoidableRow>(
		rows,
		(r) => (isContact(r) && MANUAL.includes(r.channel) ? r.serviceSlug : null),
		(r) => ({ serviceSlug: r.serviceSlug, manual: 0, couldBeDigital: 0, referredToDigital: 0 }),
		(a, r) => {
			a.manual += r.count;
			if (r.couldBeDigital) a.couldBeDigital += r.count;
			if (r.referredToDigital) a.referredToDigital += r.count;
		}
	).sort((a, b) => b.manual - a.manual || a.serviceSlug.localeCompare(b.serviceSlug));
}

export interface HelperRow {
	assistance: 'guided' | 'on_behalf';
	staffRole: string;
	staffUnit: string;
	count: number;
}

/**
 * Guided help and medbetjening by the helper's role and unit (an ambassador at the library
 * beside Borgerservice), and how often a citizen acted for another under a power of attorney.
 */
export function helpByHelper(rows: CountRow[]): { helpers: HelperRow[]; proxy: number } {
	const helped = (r: CountRow) => isContact(r) && (r.assistance === 'guided' || r.assistance === 'on_behalf');
	const helpers = tally<HelperRow>(
		rows,
		(r) => (helped(r) ? `${r.assistance}\u0000${r.staffRole}\u0000${r.staffUnit}` : null),
		(r) => ({ assistance: r.assistance as HelperRow['assistance'], staffRole: r.staffRole, staffUnit: r.staffUnit, count: 0 }),
		(h, r) => (h.count += r.count)
	).sort(
		(a, b) => a.assistance.localeCompare(b.assistance) || b.count - a.count || a.staffRole.localeCompare(b.staffRole) || a.staffUnit.localeCompare(b.staffUnit)
	);
	const proxy = rows.filter((r) => isContact(r) && r.assistance === 'proxy').reduce((n, r) => n + r.count, 0);
	return { helpers, proxy };
}

export interface ReferralRow {
	serviceSlug: string;
	referrals: number;
	/** The service's digital contacts, the referrals among them. */
	digital: number;
}

/** Starts of a national self-service solution from the portal, by service: digital contacts of that service. */
export function referralsByService(rows: CountRow[]): ReferralRow[] {
	return tally<ReferralRow>(
		rows,
		(r) => (isContact(r) && r.channel === 'digital' ? r.serviceSlug : null),
		(r) => ({ serviceSlug: r.serviceSlug, referrals: 0, digital: 0 }),
		(x, r) => {
			x.digital += r.count;
			if (r.event === 'referred_national') x.referrals += r.count;
		}
	).filter((x) => x.referrals > 0).sort((a, b) => b.referrals - a.referrals || a.serviceSlug.localeCompare(b.serviceSlug));
}

/** A visit at the counter, as visit_stats keeps it (times in epoch milliseconds). */
export interface VisitRow {
	kind: 'appointment' | 'walk_in';
	/** `yyyy-mm` of the appointment's start, or of a walk-in's ticket. */
	month: string;
	typeSlug: string;
	counterId: string | null;
	bookedAt: number;
	start: number | null;
	checkedInAt: number | null;
	calledAt: number | null;
	outcome: 'open' | 'done' | 'no_show' | 'cancelled';
}

export interface CounterFigures {
	visits: number;
	/** Minutes from arrival (an appointment: its time, if the visitor came early) to being called. */
	waitMedian: number | null;
	waitP90: number | null;
	/** Of the appointments done or missed. */
	noShowShare: number | null;
	/** Days from booking to the appointment. */
	leadMedian: number | null;
}

/** The nearest-rank quantile: a value that occurred, so a reader can find it in the data. */
export function quantile(values: number[], q: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Waiting minutes of a visit that was called, else null. */
export function waitMinutes(v: VisitRow): number | null {
	if (v.calledAt === null) return null;
	// An appointment's wait starts at its time, or at the check-in if the visitor came late.
	const start = v.start ?? v.bookedAt;
	const arrived = v.kind === 'appointment' ? Math.max(v.checkedInAt ?? start, start) : (v.checkedInAt ?? v.bookedAt);
	return Math.max(0, (v.calledAt - arrived) / MINUTE);
}

export function counterFigures(visits: VisitRow[]): CounterFigures {
	const held = visits.filter((v) => v.outcome !== 'cancelled');
	const appointments = held.filter((v) => v.kind === 'appointment');
	// Of the appointments that are over: one still open (later today, or never marked) is neither.
	const settled = appointments.filter((v) => v.outcome !== 'open');
	const waits = held.map(waitMinutes).filter((w): w is number => w !== null);
	const leads = appointments.filter((v) => v.start !== null).map((v) => (v.start! - v.bookedAt) / DAY);
	return {
		visits: held.length,
		waitMedian: quantile(waits, 0.5),
		waitP90: quantile(waits, 0.9),
		noShowShare: share(settled.filter((v) => v.outcome === 'no_show').length, settled.length),
		leadMedian: quantile(leads, 0.5)
	};
}

/** The counter's figures for each month, appointment type or counter, in the order first met. */
export function counterBy(visits: VisitRow[], by: 'month' | 'typeSlug' | 'counterId'): { key: string; figures: CounterFigures }[] {
	const groups = new Map<string, VisitRow[]>();
	for (const v of visits) {
		if (v.outcome === 'cancelled') continue;
		const key = v[by] ?? '';
		const group = groups.get(key);
		if (group) group.push(v);
		else groups.set(key, [v]);
	}
	return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, vs]) => ({ key, figures: counterFigures(vs) }));
}

/** The two stages around a form's own pages: starting it, and checking the answers. */
export const FUNNEL_START = '_start';
export const FUNNEL_CHECK = '_check';

export interface PageCount {
	serviceSlug: string;
	page: string;
	reached: number;
	/** Drafts not submitted whose last page seen is this one. */
	lastSeen: number;
}

export interface Funnel {
	serviceSlug: string;
	started: number;
	submitted: number;
	completion: number | null;
	pages: { page: string; reached: number; left: number; reachedShare: number | null; leftShare: number | null }[];
}

/**
 * A form's funnel: every page in the form's order (pages of older versions after them), how many
 * drafts reached it and how many were left there, against the drafts started. A draft that was
 * submitted is no longer left anywhere, so submitted = started − all left.
 */
export function funnels(counts: PageCount[], order: (serviceSlug: string) => string[]): Funnel[] {
	const services = [...new Set(counts.map((c) => c.serviceSlug))].sort();
	return services.map((serviceSlug) => {
		const mine = new Map<string, { reached: number; left: number }>();
		for (const c of counts) {
			if (c.serviceSlug !== serviceSlug) continue;
			const x = mine.get(c.page) ?? { reached: 0, left: 0 };
			x.reached += c.reached;
			x.left += c.lastSeen;
			mine.set(c.page, x);
		}
		const started = mine.get(FUNNEL_START)?.reached ?? 0;
		const known = [FUNNEL_START, ...order(serviceSlug).filter((p) => p !== FUNNEL_START && p !== FUNNEL_CHECK), FUNNEL_CHECK];
		const pages = [...known.filter((p) => mine.has(p)), ...[...mine.keys()].filter((p) => !known.includes(p)).sort()];
		const left = [...mine.values()].reduce((n, x) => n + x.left, 0);
		const submitted = Math.max(0, started - left);
		return {
			serviceSlug,
			started,
			submitted,
			completion: share(submitted, started),
			pages: pages.map((page) => {
				const x = mine.get(page)!;
				return { page, reached: x.reached, left: x.left, reachedShare: share(x.reached, started), leftShare: share(x.left, started) };
			})
		};
	});
}

/** Where a form's page comes in the funnel: the start, the form's pages in order, the check, then the rest. */
function pageRank(order: string[], page: string): number {
	if (page === FUNNEL_START) return -1;
	const i = order.indexOf(page);
	if (i >= 0) return i;
	return page === FUNNEL_CHECK ? order.length : order.length + 1;
}

/** The drop-outs by page last seen, each form's rows in its pages' order. */
export function inPageOrder<T extends { serviceSlug: string; page: string }>(rows: T[], order: (serviceSlug: string) => string[]): T[] {
	return [...rows].sort(
		(a, b) =>
			a.serviceSlug.localeCompare(b.serviceSlug) ||
			pageRank(order(a.serviceSlug), a.page) - pageRank(order(b.serviceSlug), b.page) ||
			a.page.localeCompare(b.page)
	);
}

export interface ScoreRow {
	touchpoint: string;
	serviceSlug: string | null;
	score: number;
	count: number;
}

export interface Scores {
	count: number;
	mean: number | null;
	/** How many gave 1, 2, 3, 4 and 5. */
	distribution: number[];
}

function scoresOf(rows: ScoreRow[]): Scores {
	const distribution = [0, 0, 0, 0, 0];
	for (const r of rows) distribution[r.score - 1] += r.count;
	const count = distribution.reduce((a, b) => a + b, 0);
	return { count, mean: count ? distribution.reduce((s, n, i) => s + n * (i + 1), 0) / count : null, distribution };
}

/** "Hvordan gik det?": all scores, by where they were asked, and by service. */
export function feedbackScores(rows: ScoreRow[], touchpoints: readonly string[]) {
	const services = [...new Set(rows.map((r) => r.serviceSlug).filter((s): s is string => !!s))].sort();
	return {
		all: scoresOf(rows),
		byTouchpoint: touchpoints.map((t) => ({ touchpoint: t, ...scoresOf(rows.filter((r) => r.touchpoint === t)) })),
		byService: services.map((s) => ({ serviceSlug: s, ...scoresOf(rows.filter((r) => r.serviceSlug === s)) }))
	};
}
export type FeedbackScores = ReturnType<typeof feedbackScores>;
