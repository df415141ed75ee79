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
 * - Cost: volume × the unit cost in force on the first day of the contact's month.
 * - Saving: the cost had every contact been handled at the manual channels' average unit
 *   cost (phone, counter, written, weighted by their own volumes; if there were none, their
 *   plain mean), minus the actual cost.
 * - Further saving if the target were met: moving the missing share of contacts from the
 *   manual mix to digital, at the same month's unit costs.
 */

export const CHANNELS = ['digital', 'phone', 'counter', 'written'] as const;
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
	event: 'form_started' | 'form_submitted' | 'appointment_booked' | 'appointment_moved' | 'appointment_cancelled' | 'registered';
	count: number;
}

export interface UnitCost {
	channel: Channel;
	/** `yyyy-mm-dd`: in force from this day until a later entry for the same channel. */
	from: string;
	kr: number;
}

export interface Target {
	serviceSlug: string;
	year: number;
	/** 0..1 */
	share: number;
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
	cost: number;
	costAllManual: number;
	saving: number;
	furtherSavingAtTarget: number;
}

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const MANUAL: Channel[] = ['phone', 'counter', 'written'];

/** The unit cost of a channel on a day: the latest entry that is not after it. */
export function unitCostOn(costs: UnitCost[], channel: Channel, day: string): number {
	let best: UnitCost | undefined;
	for (const c of costs) if (c.channel === channel && c.from <= day && (!best || c.from > best.from)) best = c;
	if (!best) throw new Error(`no unit cost for ${channel} on ${day}`);
	return best.kr;
}

export function computeReport(rows: CountRow[], costs: UnitCost[], targets: Target[]): Report {
	const byChannel = zero(CHANNELS);
	const byAssistance = zero(ASSISTANCES);
	const costByChannel = zero(CHANNELS);
	let contacts = 0;
	let unassistedDigital = 0;
	let formsStarted = 0;
	let formsSubmitted = 0;
	let targetWeighted = 0;
	let targetVolume = 0;
	// Per month: contacts and the manual mix, for the savings.
	const months = new Map<string, { contacts: number; manual: Record<Channel, number> }>();

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
		costByChannel[r.channel] += r.count * unitCostOn(costs, r.channel, `${r.month}-01`);
		const target = targets.find((t) => t.serviceSlug === r.serviceSlug && t.year === Number(r.month.slice(0, 4)));
		if (target) {
			targetWeighted += target.share * r.count;
			targetVolume += r.count;
		}
		const m = months.get(r.month) ?? { contacts: 0, manual: zero(CHANNELS) };
		m.contacts += r.count;
		m.manual[r.channel] += r.count;
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
			furtherSavingAtTarget += movable * (manualUnit - unitCostOn(costs, 'digital', day));
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
		cost,
		costAllManual,
		saving: costAllManual - cost,
		furtherSavingAtTarget
	};
}
