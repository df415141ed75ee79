import { asc, desc, sql, type SQL } from 'drizzle-orm';
import { instantAt, localDateOf } from '$lib/booking/time';
import { CHANNELS, type CountRow, type Target, type UnitCost } from '$lib/reports/arithmetic';
import type { Period } from '$lib/reports/period';
import { db, dialectSql, execute, rows, tables, transaction } from '$lib/server/db';

/** Which services a report covers; null is all. */
export type Scope = string[] | null;

const DAY = 86_400_000;
const startOf = (month: string) => instantAt(`${month}-01`, 0)!.getTime();
const endOf = (p: Period) => instantAt(p.to, 0)!.getTime();

/** `AND column IN (…)` for a scope of services, or nothing for all of them. */
function inScope(scope: Scope, column: string): SQL {
	if (!scope) return sql``;
	if (scope.length === 0) return sql` AND 1 = 0`;
	return sql` AND ${sql.raw(column)} IN (${sql.join(
		scope.map((s) => sql`${s}`),
		sql`, `
	)})`;
}

/** Counts come back as numbers from SQLite and as strings (bigint) from PostgreSQL. */
const num = (v: unknown) => Number(v ?? 0);

/** The counts the arithmetic needs, from the monthly counts kept beside the events. */
export async function countRows(p: Period, scope: Scope): Promise<CountRow[]> {
	const result = await rows<CountRow>(
		sql`SELECT month, service_slug AS "serviceSlug", channel, assistance, kind, event, count FROM contact_counts
		    WHERE month IN (${sql.join(
					p.months.map((m) => sql`${m}`),
					sql`, `
				)})${inScope(scope, 'service_slug')}`
	);
	return result.map((r) => ({ ...r, count: num(r.count) }));
}

/**
 * Counts all events again from scratch, months cut at midnight in Copenhagen: after a bulk
 * load that bypassed recordContactEvent (the demo data), or to check the kept counts.
 */
export async function rebuildContactCounts(): Promise<number> {
	const [range] = await rows<{ first: unknown; last: unknown }>(sql`SELECT MIN(occurred_at) AS first, MAX(occurred_at) AS last FROM contact_events`);
	return transaction(async () => {
		await execute(sql`DELETE FROM contact_counts`);
		if (range.first === null || range.last === null) return 0;
		const months: string[] = [];
		for (let m = localDateOf(new Date(num(range.first))).slice(0, 7); m <= localDateOf(new Date(num(range.last))).slice(0, 7); ) {
			months.push(m);
			const [y, mo] = m.split('-').map(Number);
			m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
		}
		const ends = months.map((m, i) => (i + 1 < months.length ? startOf(months[i + 1]) : Number.MAX_SAFE_INTEGER));
		const month = sql.join(
			months.map((m, i) => sql`WHEN occurred_at < ${ends[i]} THEN ${m}`),
			sql` `
		);
		await execute(
			sql`INSERT INTO contact_counts (month, service_slug, channel, assistance, kind, event, count)
			    SELECT CASE ${month} END AS month, service_slug, channel, assistance, kind, event, COUNT(*)
			    FROM contact_events GROUP BY 1, 2, 3, 4, 5, 6`
		);
		const [{ n }] = await rows<{ n: unknown }>(sql`SELECT COUNT(*) AS n FROM contact_counts`);
		return num(n);
	});
}

/** The newest entry for each channel and date is the one in force. */
export async function unitCostsInForce(): Promise<UnitCost[]> {
	const rows = await db().select().from(tables.unitCosts).orderBy(desc(tables.unitCosts.setAt), desc(tables.unitCosts.id));
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
export async function targetsFor(years: number[]): Promise<Target[]> {
	const services = await db().select({ slug: tables.services.slug, share: tables.services.targetDigitalShare }).from(tables.services);
	const set = await db().select().from(tables.serviceTargets).orderBy(asc(tables.serviceTargets.setAt), asc(tables.serviceTargets.id));
	const newest = new Map(set.map((r) => [`${r.serviceSlug}:${r.year}`, r.share]));
	return services.flatMap((s) => years.map((year) => ({ serviceSlug: s.slug, year, share: newest.get(`${s.slug}:${year}`) ?? s.share })));
}

/**
 * Graduation: of the citizens helped (guided or on their behalf; acting for another is no help
 * to the giver) in the period, how many later
 * did a transaction digitally without help within 90 days of their first help in the period.
 * Events keep only their day, so "later" is the same day or after.
 */
export async function graduation(p: Period, scope: Scope): Promise<{ helped: number; graduated: number }> {
	const [row] = await rows<{ helped: unknown; graduated: unknown }>(
		sql`WITH helped AS (
				SELECT citizen_key, MIN(occurred_at) AS t0 FROM contact_events
				WHERE occurred_at >= ${startOf(p.months[0])} AND occurred_at < ${endOf(p)} AND citizen_key IS NOT NULL
				  AND assistance <> 'none' AND event <> 'form_started' AND assistance <> 'proxy'${inScope(scope, 'service_slug')}
				GROUP BY citizen_key)
			SELECT COUNT(*) AS helped, COALESCE(SUM(CASE WHEN EXISTS (
				SELECT 1 FROM contact_events e
				WHERE e.citizen_key = h.citizen_key AND e.occurred_at >= h.t0 AND e.occurred_at <= h.t0 + ${90 * DAY}
				  AND e.channel = 'digital' AND e.assistance = 'none' AND e.kind = 'transaction' AND e.event <> 'form_started') THEN 1 ELSE 0 END), 0) AS graduated
			FROM helped h`
	);
	return { helped: num(row.helped), graduated: num(row.graduated) };
}

/**
 * Digital drop-out: forms started online in the period, not submitted, whose citizen then
 * phoned or came to the counter about the same service within 7 days (the same day counts:
 * events keep only their day). It starts from the rare side, the keyed phone and counter
 * contacts, and looks back a week from each.
 */
export async function dropout(p: Period, scope: Scope): Promise<{ started: number; droppedOut: number }> {
	const from = startOf(p.months[0]);
	const to = endOf(p);
	const [{ started }] = await rows<{ started: unknown }>(
		sql`SELECT COUNT(*) AS started FROM contact_events f
		    WHERE f.event = 'form_started' AND f.channel = 'digital' AND f.citizen_key IS NOT NULL
		      AND f.occurred_at >= ${from} AND f.occurred_at < ${to}${inScope(scope, 'f.service_slug')}`
	);
	const [{ droppedOut }] = await rows<{ droppedOut: unknown }>(
		sql`SELECT COUNT(DISTINCT f.id) AS "droppedOut"
		    FROM contact_events y
		    JOIN contact_events f ${dialectSql.indexedBy('contact_events_started_key_idx')} ON f.citizen_key = y.citizen_key AND f.service_slug = y.service_slug
		      AND f.event = 'form_started' AND f.channel = 'digital'
		      AND f.occurred_at <= y.occurred_at AND f.occurred_at >= y.occurred_at - ${7 * DAY}
		      AND f.occurred_at >= ${from} AND f.occurred_at < ${to}
		    WHERE y.channel IN ('phone', 'counter') AND y.citizen_key IS NOT NULL
		      AND y.occurred_at >= ${from} AND y.occurred_at < ${to + 7 * DAY}${inScope(scope, 'y.service_slug')}
		      AND NOT EXISTS (SELECT 1 FROM contact_events x WHERE x.citizen_key = f.citizen_key AND x.service_slug = f.service_slug
		                      AND x.event = 'form_submitted' AND x.occurred_at >= f.occurred_at AND x.occurred_at <= f.occurred_at + ${7 * DAY})`
	);
	return { started: num(started), droppedOut: num(droppedOut) };
}

export const defaultUnitCosts: Record<(typeof CHANNELS)[number], number> = { digital: 5, phone: 50, counter: 100, written: 120 };

/**
 * Contacts from citizens exempt from mandatory digital self-service at the time, by reason
 * and channel: the report shows this group apart.
 */
export async function exemptContacts(p: Period, scope: Scope): Promise<{ reason: string; channel: string; count: number }[]> {
	// From the few exemptions to their citizens' events through the key index; an event that
	// two exemptions cover (one service, and all) counts once.
	const end = sql`${endOf(p)}`;
	const result = await rows<{ reason: string; channel: string; count: unknown }>(
		sql`SELECT reason, channel, COUNT(*) AS count FROM (
				SELECT e.id, e.channel AS channel, MIN(x.reason) AS reason
				FROM exemptions x JOIN contact_events e ON e.citizen_key = x.citizen_key
				WHERE e.occurred_at + ${DAY} > x.created_at AND e.occurred_at >= ${startOf(p.months[0])}
				  AND e.occurred_at < ${dialectSql.least(sql`COALESCE(x.ended_at, ${end})`, end)}
				  AND (x.service_slug IS NULL OR x.service_slug = e.service_slug) AND e.event <> 'form_started'${inScope(scope, 'e.service_slug')}
				GROUP BY e.id, e.channel) covered
			GROUP BY reason, channel`
	);
	return result.map((r) => ({ ...r, count: num(r.count) }));
}
