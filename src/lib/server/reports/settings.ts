import { desc, eq } from 'drizzle-orm';
import { isLocalDate } from '$lib/booking/time';
import { db, tables } from '$lib/server/db';
import { channels, type Channel, type StaffUser } from '$lib/server/db/schema';
import { targetsFor, unitCostsInForce } from './data';

export type SettingError = { fieldId: string; code: string };

/**
 * Saves the targets that changed as new rows: the history says who set what, when. A share
 * is a whole or one-decimal percent from 0 to 100.
 */
export function saveTargets(data: FormData, years: number[], staff: StaffUser, now = new Date()): SettingError[] {
	const current = targetsFor(years);
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
	db().transaction((tx) => {
		for (const c of changes) tx.insert(tables.serviceTargets).values({ ...c, setAt: now, setByStaffId: staff.id }).run();
	});
	return [];
}

export function addUnitCost(data: FormData, staff: StaffUser, now = new Date()): SettingError[] {
	const channel = data.get('channel');
	const fromDate = String(data.get('fromDate') ?? '').trim();
	const raw = String(data.get('kr') ?? '').trim().replace(',', '.');
	const errors: SettingError[] = [];
	if (!(channels as readonly unknown[]).includes(channel)) errors.push({ fieldId: 'channel', code: 'channel' });
	if (!isLocalDate(fromDate)) errors.push({ fieldId: 'fromDate', code: 'date' });
	if (!/^\d{1,5}(\.\d{1,2})?$/.test(raw)) errors.push({ fieldId: 'kr', code: 'kr' });
	if (errors.length) return errors;
	db().insert(tables.unitCosts).values({ channel: channel as Channel, fromDate, kr: Number(raw), setAt: now, setByStaffId: staff.id }).run();
	return [];
}

/** Every change, newest first, with the role and unit of who made it. */
export function settingsHistory(limit = 30) {
	const who = (id: string | null) =>
		id ? db().select({ role: tables.staffUsers.role, unit: tables.staffUsers.unit }).from(tables.staffUsers).where(eq(tables.staffUsers.id, id)).get() : undefined;
	const targets = db().select().from(tables.serviceTargets).orderBy(desc(tables.serviceTargets.setAt)).limit(limit).all();
	const costs = db().select().from(tables.unitCosts).orderBy(desc(tables.unitCosts.setAt)).limit(limit).all();
	return {
		targets: targets.map((r) => ({ ...r, by: who(r.setByStaffId) })),
		costs: costs.map((r) => ({ ...r, by: who(r.setByStaffId) })),
		inForce: unitCostsInForce().sort((a, b) => a.channel.localeCompare(b.channel) || a.from.localeCompare(b.from))
	};
}
