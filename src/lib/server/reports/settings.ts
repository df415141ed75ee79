import { desc, eq } from 'drizzle-orm';
import { isLocalDate } from '$lib/booking/time';
import { db, first, tables } from '$lib/server/db';
import { channels, type Channel, type StaffUser } from '$lib/server/db/schema';
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
		const raw = String(data.get(field) ?? '').trim().replace(',', '.');
		if (!/^\d{1,3}(\.\d)?$/.test(raw) || Number(raw) > 100) {
			errors.push({ fieldId: field, code: 'percent' });
			continue;
		}
		const share = Math.round(Number(raw) * 10) / 1000;
		if (Math.abs(share - t.share) > 1e-9) changes.push({ serviceSlug: t.serviceSlug, year: t.year, share });
	}
	if (errors.length) return errors;
	if (changes.length) await db().insert(tables.serviceTargets).values(changes.map((c) => ({ ...c, setAt: now, setByStaffId: staff.id })));
	return [];
}

export async function addUnitCost(data: FormData, staff: StaffUser, now = new Date()): Promise<SettingError[]> {
	const channel = data.get('channel');
	const fromDate = String(data.get('fromDate') ?? '').trim();
	const raw = String(data.get('kr') ?? '').trim().replace(',', '.');
	const errors: SettingError[] = [];
	if (!(channels as readonly unknown[]).includes(channel)) errors.push({ fieldId: 'channel', code: 'channel' });
	if (!isLocalDate(fromDate)) errors.push({ fieldId: 'fromDate', code: 'date' });
	if (!/^\d{1,5}(\.\d{1,2})?$/.test(raw)) errors.push({ fieldId: 'kr', code: 'kr' });
	if (errors.length) return errors;
	await db().insert(tables.unitCosts).values({ channel: channel as Channel, fromDate, kr: Number(raw), setAt: now, setByStaffId: staff.id });
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
		inForce: (await unitCostsInForce()).sort((a, b) => a.channel.localeCompare(b.channel) || a.from.localeCompare(b.from))
	};
}
