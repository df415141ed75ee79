import { desc, eq } from 'drizzle-orm';
import { isLocalDate } from '$lib/booking/time';
import { fillBetween } from '$lib/reports/defaults';
import { db, first, tables } from '$lib/server/db';
import { channels, costDeliveryModes, type Channel, type CostDeliveryMode, type StaffUser } from '$lib/server/db/schema';
import { targetsFor, unitCostsInForce } from './data';

export type SettingError = { fieldId: string; code: string };

/**
 * Saves the targets that changed as new rows: the history says who set what, when. A share
 * is a whole or one-decimal percent from 0 to 100.
 */
export async function saveTargets(data: FormData, years: number[], staff: StaffUser, now = new Date()): Promise<SettingError[]> {
	const current = await targetsFor(years);
	const errors: SettingError[] = [];
	const changes: { serviceSlug: string; year: number; share: number }[] = [];
	for (const t of current) {
		const field = `maal-${t.serviceSlug}-${t.year}`;
		const share = parsePercent(data.get(field));
		if (share === null) {
			errors.push({ fieldId: field, code: 'percent' });
			continue;
		}
		if (Math.abs(share - t.share) > 1e-9) changes.push({ serviceSlug: t.serviceSlug, year: t.year, share });
	}
	if (errors.length) return errors;
	if (changes.length) await db().insert(tables.serviceTargets).values(changes.map((c) => ({ ...c, setAt: now, setByStaffId: staff.id })));
	return [];
}

const YEAR = /^\d{4}$/;
/** How many years a trajectory may fill at once: a strategy period, with room to spare. */
const MAX_SPAN = 30;

/** A share typed as a percent (`85` or `85,5`) as kept (0.855), or null. */
function parsePercent(raw: unknown): number | null {
	const s = String(raw ?? '').trim().replace(',', '.');
	if (!/^\d{1,3}(\.\d)?$/.test(s) || Number(s) > 100) return null;
	return Math.round(Number(s) * 10) / 1000;
}

/**
 * Fills a trajectory: from one year's target to another's on a straight line, every year
 * between saved as a new row (the history says who), for one service or all of them.
 */
export async function fillTargets(data: FormData, staff: StaffUser, now = new Date()): Promise<SettingError[]> {
	const services = (await db().select({ slug: tables.services.slug }).from(tables.services)).map((s) => s.slug);
	const which = String(data.get('fill-service') ?? '');
	const [fromYear, toYear] = ['fill-from-year', 'fill-to-year'].map((k) => String(data.get(k) ?? '').trim());
	const [fromShare, toShare] = ['fill-from-share', 'fill-to-share'].map((k) => parsePercent(data.get(k)));
	const errors: SettingError[] = [];
	if (which !== 'alle' && !services.includes(which)) errors.push({ fieldId: 'fill-service', code: 'service' });
	if (!YEAR.test(fromYear)) errors.push({ fieldId: 'fill-from-year', code: 'year' });
	if (fromShare === null) errors.push({ fieldId: 'fill-from-share', code: 'percent' });
	if (!YEAR.test(toYear) || Math.abs(Number(toYear) - Number(fromYear)) > MAX_SPAN) errors.push({ fieldId: 'fill-to-year', code: 'yearSpan' });
	if (toShare === null) errors.push({ fieldId: 'fill-to-share', code: 'percent' });
	if (errors.length) return errors;
	const points = fillBetween({ year: Number(fromYear), share: fromShare! }, { year: Number(toYear), share: toShare! });
	const slugs = which === 'alle' ? services : [which];
	await db()
		.insert(tables.serviceTargets)
		.values(slugs.flatMap((serviceSlug) => points.map((p) => ({ serviceSlug, year: p.year, share: p.share, setAt: now, setByStaffId: staff.id }))));
	return [];
}

export async function addUnitCost(data: FormData, staff: StaffUser, now = new Date()): Promise<SettingError[]> {
	const channel = data.get('channel');
	const fromDate = String(data.get('fromDate') ?? '').trim();
	const raw = String(data.get('kr') ?? '').trim().replace(',', '.');
	const mode = String(data.get('deliveryMode') ?? '');
	const errors: SettingError[] = [];
	if (!(channels as readonly unknown[]).includes(channel)) errors.push({ fieldId: 'channel', code: 'channel' });
	// A way to the case is a digital submission's; every other channel has one price.
	if (mode && (!(costDeliveryModes as readonly string[]).includes(mode) || channel !== 'digital')) errors.push({ fieldId: 'deliveryMode', code: 'deliveryMode' });
	if (!isLocalDate(fromDate)) errors.push({ fieldId: 'fromDate', code: 'date' });
	if (!/^\d{1,5}(\.\d{1,2})?$/.test(raw)) errors.push({ fieldId: 'kr', code: 'kr' });
	if (errors.length) return errors;
	await db()
		.insert(tables.unitCosts)
		.values({ channel: channel as Channel, deliveryMode: (mode || null) as CostDeliveryMode | null, fromDate, kr: Number(raw), setAt: now, setByStaffId: staff.id });
	return [];
}

/** Every change, newest first, with the role and unit of who made it. */
export async function settingsHistory(limit = 30) {
	const who = (id: string | null) =>
		id ? first(db().select({ role: tables.staffUsers.role, unit: tables.staffUsers.unit }).from(tables.staffUsers).where(eq(tables.staffUsers.id, id)).limit(1)) : undefined;
	const targets = await db().select().from(tables.serviceTargets).orderBy(desc(tables.serviceTargets.setAt)).limit(limit);
	const costs = await db().select().from(tables.unitCosts).orderBy(desc(tables.unitCosts.setAt)).limit(limit);
	return {
		targets: await Promise.all(targets.map(async (r) => ({ ...r, by: await who(r.setByStaffId) }))),
		costs: await Promise.all(costs.map(async (r) => ({ ...r, by: await who(r.setByStaffId) }))),
		inForce: (await unitCostsInForce()).sort((a, b) => a.channel.localeCompare(b.channel) || (a.deliveryMode ?? '').localeCompare(b.deliveryMode ?? '') || a.from.localeCompare(b.from))
	};
}
