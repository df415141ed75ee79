import { asc, desc } from 'drizzle-orm';
import { instantAt, localDateOf } from '$lib/booking/time';
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

/** The counts the arithmetic needs, from the monthly counts kept beside the events. */
export function countRows(p: Period, scope: Scope): CountRow[] {
	const s = scopeSql(scope);
	return db()
		.$client.prepare(
			`SELECT month, service_slug AS serviceSlug, channel, assistance, kind, event, count FROM contact_counts
			 WHERE month IN (${p.months.map(() => '?').join(',')})${s.sql}`
		)
		.all(...p.months, ...s.params) as CountRow[];
}

/**
 * Counts all events again from scratch, months cut at midnight in Copenhagen: after a bulk
 * load that bypassed recordContactEvent (the demo data), or to check the kept counts.
 */
export function rebuildContactCounts(): number {
	const range = db().$client.prepare('SELECT MIN(occurred_at) AS first, MAX(occurred_at) AS last FROM contact_events').get() as {
		first: number | null;
		last: number | null;
	};
	return db().transaction(() => {
		db().$client.prepare('DELETE FROM contact_counts').run();
		if (range.first === null || range.last === null) return 0;
		const months: string[] = [];
		for (let m = localDateOf(new Date(range.first)).slice(0, 7); m <= localDateOf(new Date(range.last)).slice(0, 7); ) {
			months.push(m);
			const [y, mo] = m.split('-').map(Number);
			m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
		}
		const ends = months.map((m, i) => (i + 1 < months.length ? startOf(months[i + 1]) : Number.MAX_SAFE_INTEGER));
		return db()
			.$client.prepare(
				`INSERT INTO contact_counts (month, service_slug, channel, assistance, kind, event, count)
				 SELECT CASE ${months.map(() => 'WHEN occurred_at < ? THEN ?').join(' ')} END AS month,
				        service_slug, channel, assistance, kind, event, COUNT(*)
				 FROM contact_events GROUP BY 1, 2, 3, 4, 5, 6`
			)
			.run(...months.flatMap((m, i) => [ends[i], m])).changes;
	});
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
 * phoned or came to the counter about the same service within 7 days. It starts from the
 * rare side, the keyed phone and counter contacts, and looks back a week from each.
 */
export function dropout(p: Period, scope: Scope): { started: number; droppedOut: number } {
	const from = startOf(p.months[0]);
	const to = endOf(p);
	const sf = scopeSql(scope, 'f.service_slug');
	const sy = scopeSql(scope, 'y.service_slug');
	const { started } = db()
		.$client.prepare(
			`SELECT COUNT(*) AS started FROM contact_events f
			 WHERE f.event = 'form_started' AND f.channel = 'digital' AND f.citizen_key IS NOT NULL
			   AND f.occurred_at >= ? AND f.occurred_at < ?${sf.sql}`
		)
		.get(from, to, ...sf.params) as { started: number };
	const { droppedOut } = db()
		.$client.prepare(
			`SELECT COUNT(DISTINCT f.id) AS droppedOut
			 FROM contact_events y
			 JOIN contact_events f INDEXED BY contact_events_started_key_idx ON f.citizen_key = y.citizen_key AND f.service_slug = y.service_slug
			   AND f.event = 'form_started' AND f.channel = 'digital'
			   AND f.occurred_at < y.occurred_at AND f.occurred_at >= y.occurred_at - ?
			   AND f.occurred_at >= ? AND f.occurred_at < ?
			 WHERE y.channel IN ('phone', 'counter') AND y.citizen_key IS NOT NULL
			   AND y.occurred_at > ? AND y.occurred_at < ?${sy.sql}
			   AND NOT EXISTS (SELECT 1 FROM contact_events x WHERE x.citizen_key = f.citizen_key AND x.service_slug = f.service_slug
			                   AND x.event = 'form_submitted' AND x.occurred_at >= f.occurred_at AND x.occurred_at <= f.occurred_at + ?)`
		)
		.get(7 * DAY, from, to, from, to + 7 * DAY, ...sy.params, 7 * DAY) as { droppedOut: number };
	return { started, droppedOut };
}

export const defaultUnitCosts: Record<(typeof CHANNELS)[number], number> = { digital: 5, phone: 50, counter: 100, written: 120 };

/**
 * Contacts from citizens exempt from mandatory digital self-service at the time, by reason
 * and channel: the report shows this group apart.
 */
export function exemptContacts(p: Period, scope: Scope): { reason: string; channel: string; count: number }[] {
	const s = scopeSql(scope, 'e.service_slug');
	// From the few exemptions to their citizens' events through the key index; an event that
	// two exemptions cover (one service, and all) counts once.
	return db()
		.$client.prepare(
			`SELECT reason, channel, COUNT(*) AS count FROM (
				SELECT e.id, e.channel AS channel, MIN(x.reason) AS reason
				FROM exemptions x CROSS JOIN contact_events e ON e.citizen_key = x.citizen_key
				WHERE e.occurred_at >= MAX(x.created_at, ?) AND e.occurred_at < MIN(COALESCE(x.ended_at, ?), ?)
				  AND (x.service_slug IS NULL OR x.service_slug = e.service_slug) AND e.event <> 'form_started'${s.sql}
				GROUP BY e.id)
			GROUP BY reason, channel`
		)
		.all(startOf(p.months[0]), endOf(p), endOf(p), ...s.params) as { reason: string; channel: string; count: number }[];
}
