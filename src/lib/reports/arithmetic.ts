/**
 * Channel-shift report arithmetic, free of I/O: the database hands over counts per month,
 * service, channel, assistance and kind; everything a report shows is computed here.
 *
 * Definitions (DESIGN.md, "Channel model"):
 * - A contact is every event except `form_started`, which only feeds the completion rate.
 * - Self-service share: digital contacts (assisted or not) / all contacts.
 * - Unassisted share: digital contacts without assistance / all contacts.
 * - Target: per service and year; a period's target is the contact-weighted mean of the
 *   targets of the services and years it covers. Services without a target are left out of it.
 * - Cost: volume × the unit cost in force on the first day of the contact's month; a digital
 *   submission at the price of its way to the case (into the case system, a mailbox, or typed in
 *   from the inbox), where one is set, else the channel's.
 * - Saving: the cost had every contact been handled at the manual channels' average unit
 *   cost (phone, counter, written, weighted by their own volumes; if there were none, their
 *   plain mean), minus the actual cost.
 * - Further saving if the target were met: moving the missing share of contacts from the
 *   manual mix to digital, at the same month's unit costs (digital at what the month's digital
 *   contacts cost on average).
 */

import type { CostDeliveryMode, Source } from './defaults';

export const CHANNELS = ['digital', 'phone', 'counter', 'written'] as const;
export const COST_DELIVERY_MODES = ['case_system', 'email', 'inbox'] as const satisfies readonly CostDeliveryMode[];
export type Channel = (typeof CHANNELS)[number];
export const ASSISTANCES = ['none', 'guided', 'on_behalf', 'proxy'] as const;
export type Assistance = (typeof ASSISTANCES)[number];

export interface CountRow {
	/** `yyyy-mm`, local time. */
	month: string;
	serviceSlug: string;
	channel: Channel;
	assistance: Assistance;
	kind: 'transaction' | 'information';
	/** Every event but `form_started` is a contact. */
	event: string;
	/** '' where no staff member or helper took part. */
	staffRole: string;
	staffUnit: string;
	couldBeDigital: boolean;
	referredToDigital: boolean;
	/** A digital submission's way to its case; '' for every other event. */
	delivery: CostDeliveryMode | '';
	count: number;
}

export interface UnitCost {
	channel: Channel;
	/** Null: every contact of the channel without a price of its own. */
	deliveryMode: CostDeliveryMode | null;
	/** `yyyy-mm-dd`: in force from this day until a later entry for the same channel. */
	from: string;
	kr: number;
}

export interface Target {
	serviceSlug: string;
	year: number;
	/** 0..1 */
	share: number;
	/** Where a default comes from; null when someone set it. */
	source: Source | null;
}

export interface Report {
	contacts: number;
	byChannel: Record<Channel, number>;
	byAssistance: Record<Assistance, number>;
	selfServiceShare: number | null;
	unassistedShare: number | null;
	target: number | null;
	/** Positive when the self-service share is above the target. */
	selfServiceVsTarget: number | null;
	onBehalf: number;
	guided: number;
	formsStarted: number;
	formsSubmitted: number;
	completionRate: number | null;
	costByChannel: Record<Channel, number>;
	/** Digital submissions and what they cost, by their way to the case. */
	submissionsByDelivery: Record<CostDeliveryMode, { count: number; kr: number }>;
	cost: number;
	costAllManual: number;
	saving: number;
	furtherSavingAtTarget: number;
}

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const MANUAL: Channel[] = ['phone', 'counter', 'written'];

/**
 * The unit cost of a channel on a day: the latest entry that is not after it, for the delivery
 * mode asked for if it has one, else the channel's own.
 */
export function unitCostOn(costs: UnitCost[], channel: Channel, day: string, deliveryMode: CostDeliveryMode | null = null): number {
	const latest = (mode: CostDeliveryMode | null) => {
		let best: UnitCost | undefined;
		for (const c of costs) if (c.channel === channel && c.deliveryMode === mode && c.from <= day && (!best || c.from > best.from)) best = c;
		return best;
	};
	const best = (deliveryMode && latest(deliveryMode)) || latest(null);
	if (!best) throw new Error(`no unit cost for ${channel} on ${day}`);
	return best.kr;
}

export function computeReport(rows: CountRow[], costs: UnitCost[], targets: Target[]): Report {
	const byChannel = zero(CHANNELS);
	const byAssistance = zero(ASSISTANCES);
	const costByChannel = zero(CHANNELS);
	const submissionsByDelivery = Object.fromEntries(COST_DELIVERY_MODES.map((m) => [m, { count: 0, kr: 0 }])) as Report['submissionsByDelivery'];
	let contacts = 0;
	let unassistedDigital = 0;
	let formsStarted = 0;
	let formsSubmitted = 0;
	let targetWeighted = 0;
	let targetVolume = 0;
	// Per month: contacts and the manual mix, for the savings.
	const months = new Map<string, { contacts: number; manual: Record<Channel, number>; digitalKr: number }>();

	for (const r of rows) {
		if (r.event === 'form_started') {
			if (r.channel === 'digital') formsStarted += r.count;
			continue;
		}
		if (r.event === 'form_submitted' && r.channel === 'digital') formsSubmitted += r.count;
		contacts += r.count;
		byChannel[r.channel] += r.count;
		byAssistance[r.assistance] += r.count;
		if (r.channel === 'digital' && r.assistance === 'none') unassistedDigital += r.count;
		const mode = r.channel === 'digital' && r.event === 'form_submitted' && r.delivery ? r.delivery : null;
		const kr = r.count * unitCostOn(costs, r.channel, `${r.month}-01`, mode);
		costByChannel[r.channel] += kr;
		if (mode) {
			submissionsByDelivery[mode].count += r.count;
			submissionsByDelivery[mode].kr += kr;
		}
		const target = targets.find((t) => t.serviceSlug === r.serviceSlug && t.year === Number(r.month.slice(0, 4)));
		if (target) {
			targetWeighted += target.share * r.count;
			targetVolume += r.count;
		}
		const m = months.get(r.month) ?? { contacts: 0, manual: zero(CHANNELS), digitalKr: 0 };
		m.contacts += r.count;
		m.manual[r.channel] += r.count;
		if (r.channel === 'digital') m.digitalKr += kr;
		months.set(r.month, m);
	}

	const selfServiceShare = share(byChannel.digital, contacts);
	const target = targetVolume > 0 ? targetWeighted / targetVolume : null;
	const cost = CHANNELS.reduce((sum, c) => sum + costByChannel[c], 0);

	let costAllManual = 0;
	let furtherSavingAtTarget = 0;
	for (const [month, m] of months) {
		const day = `${month}-01`;
		const manualVolume = MANUAL.reduce((s, c) => s + m.manual[c], 0);
		const manualUnit =
			manualVolume > 0
				? MANUAL.reduce((s, c) => s + m.manual[c] * unitCostOn(costs, c, day), 0) / manualVolume
				: MANUAL.reduce((s, c) => s + unitCostOn(costs, c, day), 0) / MANUAL.length;
		costAllManual += m.contacts * manualUnit;
		if (target !== null) {
			const missing = Math.max(0, target * m.contacts - m.manual.digital);
			const movable = Math.min(missing, manualVolume);
			// A contact moved to digital costs what the month's digital contacts cost on average, ways to the case included.
			const digitalUnit = m.manual.digital > 0 ? m.digitalKr / m.manual.digital : unitCostOn(costs, 'digital', day);
			furtherSavingAtTarget += movable * (manualUnit - digitalUnit);
		}
	}

	return {
		contacts,
		byChannel,
		byAssistance,
		selfServiceShare,
		unassistedShare: share(unassistedDigital, contacts),
		target,
		selfServiceVsTarget: selfServiceShare !== null && target !== null ? selfServiceShare - target : null,
		onBehalf: byAssistance.on_behalf,
		guided: byAssistance.guided,
		formsStarted,
		formsSubmitted,
		completionRate: share(formsSubmitted, formsStarted),
		costByChannel,
		submissionsByDelivery,
		cost,
		costAllManual,
		saving: costAllManual - cost,
		furtherSavingAtTarget
	};
}
