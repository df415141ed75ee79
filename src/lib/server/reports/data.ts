import { asc, desc } from 'drizzle-orm';
import { instantAt } from '$lib/booking/time';
import { CHANNELS, type CountRow, type Target, type UnitCost } from '$lib/reports/arithmetic';
import type { Period } from '$lib/reports/period';
import { db, tables } from '$lib/server/db';

/** Which services a report covers; null is all. */
export type Scope = string[] | null;

const DAY = 86_400_000;
const startOf = (month: string) => instantAt(`${month}-01`, 0)!.getTime();
const endOf = (p: Period) => instantAt(p.to, 0)!.getTime();

function scopeSql(scope: Scope, column = 'service_slug'): { sql: string; params: string[] } {
	if (!scope) return { sql: '', params: [] };
	return { sql: ` AND ${column} IN (${scope.map(() => '?').join(',') || "''"})`, params: scope };
}

/**
 * The counts the arithmetic needs, in one pass: months are cut at local midnight, so the
 * CASE maps each event's instant to its Copenhagen month.
 */
export function countRows(p: Period, scope: Scope): CountRow[] {
	const bounds = p.months.map((m, i) => ({ month: m, end: i + 1 < p.months.length ? startOf(p.months[i + 1]) : endOf(p) }));
	const monthCase = `CASE ${bounds.map(() => 'WHEN occurred_at < ? THEN ?').join(' ')} END`;
	const s = scopeSql(scope);
	const statement = db().$client.prepare(
		`SELECT ${monthCase} AS month, service_slug AS serviceSlug, channel, assistance, kind, event, COUNT(*) AS count
		 FROM contact_events WHERE occurred_at >= ? AND occurred_at < ?${s.sql}
		 GROUP BY month, service_slug, channel, assistance, kind, event`
	);
	return statement.all(...bounds.flatMap((b) => [b.end, b.month]), startOf(p.months[0]), endOf(p), ...s.params) as CountRow[];
}

/** The newest entry for each channel and date is the one in force. */
export function unitCostsInForce(): UnitCost[] {
	const rows = db().select().from(tables.unitCosts).orderBy(desc(tables.unitCosts.setAt), desc(tables.unitCosts.id)).all();
	const seen = new Set<string>();
	const costs: UnitCost[] = [];
	for (const r of rows) {
		const key = `${r.channel}:${r.fromDate}`;
		if (seen.has(key)) continue;
		seen.add(key);
		costs.push({ channel: r.channel, from: r.fromDate, kr: r.kr });
	}
	return costs;
}

/** Targets for every service and year asked for: the newest setting, else the service's default. */
export function targetsFor(years: number[]): Target[] {
	const services = db().select({ slug: tables.services.slug, share: tables.services.targetDigitalShare }).from(tables.services).all();
	const set = db().select().from(tables.serviceTargets).orderBy(asc(tables.serviceTargets.setAt), asc(tables.serviceTargets.id)).all();
	const newest = new Map(set.map((r) => [`${r.serviceSlug}:${r.year}`, r.share]));
	return services.flatMap((s) => years.map((year) => ({ serviceSlug: s.slug, year, share: newest.get(`${s.slug}:${year}`) ?? s.share })));
}

/**
 * Graduation: of the citizens helped (guided or on their behalf) in the period, how many later
 * did a transaction digitally without help within 90 days of their first help in the period.
 */
export function graduation(p: Period, scope: Scope): { helped: number; graduated: number } {
	const s = scopeSql(scope);
	const row = db()
		.$client.prepare(
			`WITH helped AS (
				SELECT citizen_key, MIN(occurred_at) AS t0 FROM contact_events
				WHERE occurred_at >= ? AND occurred_at < ? AND citizen_key IS NOT NULL
				  AND assistance <> 'none' AND event <> 'form_started'${s.sql}
				GROUP BY citizen_key)
			SELECT COUNT(*) AS helped, COALESCE(SUM(EXISTS (
				SELECT 1 FROM contact_events e
				WHERE e.citizen_key = h.citizen_key AND e.occurred_at > h.t0 AND e.occurred_at <= h.t0 + ?
				  AND e.channel = 'digital' AND e.assistance = 'none' AND e.kind = 'transaction' AND e.event <> 'form_started')), 0) AS graduated
			FROM helped h`
		)
		.get(startOf(p.months[0]), endOf(p), ...s.params, 90 * DAY) as { helped: number; graduated: number };
	return row;
}

/**
 * Digital drop-out: forms started online in the period, not submitted, whose citizen then
 * phoned or came to the counter about the same service within 7 days.
 */
export function dropout(p: Period, scope: Scope): { started: number; droppedOut: number } {
	const s = scopeSql(scope, 'f.service_slug');
	return db()
		.$client.prepare(
			`SELECT COUNT(*) AS started, COALESCE(SUM(
				NOT EXISTS (SELECT 1 FROM contact_events x WHERE x.citizen_key = f.citizen_key AND x.service_slug = f.service_slug
				            AND x.event = 'form_submitted' AND x.occurred_at >= f.occurred_at AND x.occurred_at <= f.occurred_at + ?)
				AND EXISTS (SELECT 1 FROM contact_events y WHERE y.citizen_key = f.citizen_key AND y.service_slug = f.service_slug
				            AND y.channel IN ('phone', 'counter') AND y.occurred_at > f.occurred_at AND y.occurred_at <= f.occurred_at + ?)), 0) AS droppedOut
			FROM contact_events f
			WHERE f.event = 'form_started' AND f.channel = 'digital' AND f.citizen_key IS NOT NULL
			  AND f.occurred_at >= ? AND f.occurred_at < ?${s.sql}`
		)
		.get(7 * DAY, 7 * DAY, startOf(p.months[0]), endOf(p), ...s.params) as { started: number; droppedOut: number };
}

export const defaultUnitCosts: Record<(typeof CHANNELS)[number], number> = { digital: 5, phone: 50, counter: 100, written: 120 };

/**
 * Contacts from citizens exempt from mandatory digital self-service at the time, by reason
 * and channel: the report shows this group apart.
 */
export function exemptContacts(p: Period, scope: Scope): { reason: string; channel: string; count: number }[] {
	const s = scopeSql(scope, 'e.service_slug');
	return db()
		.$client.prepare(
			`SELECT reason, channel, COUNT(*) AS count FROM (
				SELECT e.channel AS channel, (
					SELECT x.reason FROM exemptions x
					WHERE x.citizen_key = e.citizen_key AND (x.service_slug IS NULL OR x.service_slug = e.service_slug)
					  AND x.created_at <= e.occurred_at AND (x.ended_at IS NULL OR x.ended_at > e.occurred_at)
					ORDER BY x.service_slug IS NULL LIMIT 1) AS reason
				FROM contact_events e
				WHERE e.occurred_at >= ? AND e.occurred_at < ? AND e.citizen_key IS NOT NULL AND e.event <> 'form_started'${s.sql})
			WHERE reason IS NOT NULL GROUP BY reason, channel`
		)
		.all(startOf(p.months[0]), endOf(p), ...s.params) as { reason: string; channel: string; count: number }[];
}
