import { asc, desc, sql, type SQL } from 'drizzle-orm';
import { instantAt, localDateOf } from '$lib/booking/time';
import type { CountRow, Target, UnitCost } from '$lib/reports/arithmetic';
import type { PageCount, ScoreRow, VisitRow } from '$lib/reports/breakdowns';
import { STRATEGY_TRAJECTORY, trajectoryShare, type Source } from '$lib/reports/defaults';
import type { Period } from '$lib/reports/period';
import { rebuildJourneyFacts } from '$lib/server/channels/journeys';
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

const monthsIn = (p: Period) =>
	sql.join(
		p.months.map((m) => sql`${m}`),
		sql`, `
	);

/** Counts come back as numbers from SQLite and as strings (bigint) from PostgreSQL. */
const num = (v: unknown) => Number(v ?? 0);

/** The counts the arithmetic needs, from the monthly counts kept beside the events. */
export async function countRows(p: Period, scope: Scope): Promise<CountRow[]> {
	const result = await rows<CountRow>(
		sql`SELECT month, service_slug AS "serviceSlug", channel, assistance, kind, event, staff_role AS "staffRole", staff_unit AS "staffUnit",
		           could_be_digital AS "couldBeDigital", referred_to_digital AS "referredToDigital", delivery, count FROM contact_counts
		    WHERE month IN (${monthsIn(p)})${inScope(scope, 'service_slug')}`
	);
	// SQLite keeps flags as 0 and 1.
	return result.map((r) => ({ ...r, couldBeDigital: !!r.couldBeDigital, referredToDigital: !!r.referredToDigital, count: num(r.count) }));
}

/**
 * Counts all events again from scratch, months cut at midnight in Copenhagen, and the journey
 * facts with them: after a bulk load that bypassed recordContactEvent (the demo data), after a
 * migration that gave the counts new dimensions, or to check what is kept.
 */
export async function rebuildContactCounts(): Promise<number> {
	const month = await eventMonthCase();
	return transaction(async () => {
		await execute(sql`DELETE FROM contact_counts`);
		await rebuildJourneyFacts(month);
		// `flag IS NOT NULL` is false where the flag is null, in each engine's own type.
		await execute(
			sql`INSERT INTO contact_counts (month, service_slug, channel, assistance, kind, event, staff_role, staff_unit, could_be_digital, referred_to_digital, delivery, count)
			    SELECT ${month} AS month, service_slug, channel, assistance, kind, event, COALESCE(staff_role, ''), COALESCE(staff_unit, ''),
			           COALESCE(could_be_digital, could_be_digital IS NOT NULL), COALESCE(referred_to_digital, referred_to_digital IS NOT NULL), COALESCE(delivery, ''), COUNT(*)
			    FROM contact_events GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`
		);
		const [{ n }] = await rows<{ n: unknown }>(sql`SELECT COUNT(*) AS n FROM contact_counts`);
		return num(n);
	});
}

/** The journey facts alone counted again from the events: after the citizen keys were moved to a new secret. */
export async function rebuildJourneys(): Promise<void> {
	const month = await eventMonthCase();
	await transaction(() => rebuildJourneyFacts(month));
}

/** An event's local month in SQL (`occurred_at` against the months' starts), over the months the events span. */
async function eventMonthCase(): Promise<SQL> {
	const [range] = await rows<{ first: unknown; last: unknown }>(sql`SELECT MIN(occurred_at) AS first, MAX(occurred_at) AS last FROM contact_events`);
	if (range.first === null || range.last === null) return sql`''`;
	const months: string[] = [];
	for (let m = localDateOf(new Date(num(range.first))).slice(0, 7); m <= localDateOf(new Date(num(range.last))).slice(0, 7); ) {
		months.push(m);
		const [y, mo] = m.split('-').map(Number);
		m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
	}
	const ends = months.map((m, i) => (i + 1 < months.length ? startOf(months[i + 1]) : Number.MAX_SAFE_INTEGER));
	return sql`CASE ${sql.join(
		months.map((m, i) => sql`WHEN occurred_at < ${ends[i]} THEN ${m}`),
		sql` `
	)} END`;
}

/** The newest entry for each channel, delivery mode and date is the one in force. */
export async function unitCostsInForce(): Promise<(UnitCost & { source: Source | null })[]> {
	const rows = await db().select().from(tables.unitCosts).orderBy(desc(tables.unitCosts.setAt), desc(tables.unitCosts.id));
	const seen = new Set<string>();
	const costs: (UnitCost & { source: Source | null })[] = [];
	for (const r of rows) {
		const key = `${r.channel}:${r.deliveryMode ?? ''}:${r.fromDate}`;
		if (seen.has(key)) continue;
		seen.add(key);
		costs.push({ channel: r.channel, deliveryMode: r.deliveryMode, from: r.fromDate, kr: r.kr, source: (r.source as Source | null) ?? null });
	}
	return costs;
}

/**
 * Targets for every service and year asked for: the newest setting, else the joint municipal
 * strategy's trajectory (its source said with it).
 */
export async function targetsFor(years: number[]): Promise<Target[]> {
	const services = await db().select({ slug: tables.services.slug }).from(tables.services);
	const set = await db().select().from(tables.serviceTargets).orderBy(asc(tables.serviceTargets.setAt), asc(tables.serviceTargets.id));
	const newest = new Map(set.map((r) => [`${r.serviceSlug}:${r.year}`, r.share]));
	return services.flatMap((s) =>
		years.map((year) => {
			const share = newest.get(`${s.slug}:${year}`);
			return share === undefined
				? { serviceSlug: s.slug, year, share: trajectoryShare(STRATEGY_TRAJECTORY.points, year), source: STRATEGY_TRAJECTORY.source }
				: { serviceSlug: s.slug, year, share, source: null };
		})
	);
}

/**
 * Graduation: of the citizens helped (guided or on their behalf; acting for another is no help
 * to the giver) in the period, how many later did a transaction digitally without help within
 * 90 days of their first help in the period. Read from the help facts: a citizen's first help
 * in the period is the earliest of their months' and services', and the first self-service at
 * or after it is the earliest of those the facts keep (each is at or after its own help).
 */
export async function graduation(p: Period, scope: Scope): Promise<{ helped: number; graduated: number }> {
	const [row] = await rows<{ helped: unknown; graduated: unknown }>(
		sql`SELECT COUNT(*) AS helped, COALESCE(SUM(CASE WHEN next_self <= t0 + ${90 * DAY} THEN 1 ELSE 0 END), 0) AS graduated
		    FROM (SELECT citizen_key, MIN(first_at) AS t0, MIN(next_self_at) AS next_self FROM help_facts
		          WHERE month IN (${monthsIn(p)})${inScope(scope, 'service_slug')} GROUP BY citizen_key) h`
	);
	return { helped: num(row.helped), graduated: num(row.graduated) };
}

/**
 * Digital drop-out: forms started online in the period by a known citizen, not submitted
 * within 7 days, whose citizen phoned or came to the counter about the same service in those
 * 7 days. Counted as the events come (journey_counts).
 */
export async function dropout(p: Period, scope: Scope): Promise<{ started: number; droppedOut: number }> {
	const [row] = await rows<{ started: unknown; droppedOut: unknown }>(
		sql`SELECT COALESCE(SUM(started), 0) AS started, COALESCE(SUM(dropped_out), 0) AS "droppedOut" FROM journey_counts
		    WHERE month IN (${monthsIn(p)})${inScope(scope, 'service_slug')}`
	);
	return { started: num(row.started), droppedOut: num(row.droppedOut) };
}

/** The drop-outs of the period by their form's page last seen ('' where no page was seen, as for a form begun before pages were counted). */
export async function dropoutPages(p: Period, scope: Scope): Promise<{ serviceSlug: string; page: string; droppedOut: number }[]> {
	const result = await rows<{ serviceSlug: string; page: string | null; droppedOut: unknown }>(
		sql`SELECT service_slug AS "serviceSlug", last_page AS page, COUNT(*) AS "droppedOut" FROM start_facts
		    WHERE month IN (${monthsIn(p)})${inScope(scope, 'service_slug')} AND manual_at IS NOT NULL AND submitted_at IS NULL
		    GROUP BY service_slug, last_page`
	);
	return result.map((r) => ({ serviceSlug: r.serviceSlug, page: r.page ?? '', droppedOut: num(r.droppedOut) }));
}

/**
 * Contacts from citizens exempt from mandatory digital self-service at the time, by reason
 * and channel: the report shows this group apart.
 */
export async function exemptContacts(p: Period, scope: Scope): Promise<{ reason: string; channel: string; count: number }[]> {
	// From the few exemptions to their citizens' events through the key index (CROSS JOIN keeps
	// SQLite to that order: it would otherwise start from the year's events); an event that two
	// exemptions cover (one service, and all) counts once.
	const end = sql`${endOf(p)}`;
	const result = await rows<{ reason: string; channel: string; count: unknown }>(
		sql`SELECT reason, channel, COUNT(*) AS count FROM (
				SELECT e.id, e.channel AS channel, MIN(x.reason) AS reason
				FROM exemptions x CROSS JOIN contact_events e
				WHERE e.citizen_key = x.citizen_key AND e.occurred_at + ${DAY} > x.created_at AND e.occurred_at >= ${startOf(p.months[0])}
				  AND e.occurred_at < ${dialectSql.least(sql`COALESCE(x.ended_at, ${end})`, end)}
				  AND (x.service_slug IS NULL OR x.service_slug = e.service_slug) AND e.event <> 'form_started'${inScope(scope, 'e.service_slug')}
				GROUP BY e.id, e.channel) covered
			GROUP BY reason, channel`
	);
	return result.map((r) => ({ ...r, count: num(r.count) }));
}

/** Visits at the counter in the period (appointments by their time, walk-ins by their ticket), of the services' types. */
export async function visitRows(p: Period, scope: Scope): Promise<VisitRow[]> {
	const from = startOf(p.months[0]);
	const to = endOf(p);
	const result = await rows<Record<string, unknown>>(
		sql`SELECT v.kind, v.type_slug AS "typeSlug", v.counter_id AS "counterId", v.booked_at AS "bookedAt", v.start, v.checked_in_at AS "checkedInAt",
		           v.called_at AS "calledAt", v.outcome
		    FROM visit_stats v JOIN appointment_types t ON t.slug = v.type_slug
		    WHERE ((v.kind = 'appointment' AND v.start >= ${from} AND v.start < ${to}) OR (v.kind = 'walk_in' AND v.booked_at >= ${from} AND v.booked_at < ${to}))${inScope(scope, 't.service_slug')}`
	);
	const time = (v: unknown) => (v === null || v === undefined ? null : num(v));
	return result.map((r) => {
		const start = time(r.start);
		const bookedAt = num(r.bookedAt);
		return {
			kind: r.kind as VisitRow['kind'],
			month: localDateOf(new Date(r.kind === 'appointment' && start !== null ? start : bookedAt)).slice(0, 7),
			typeSlug: String(r.typeSlug),
			counterId: (r.counterId as string | null) ?? null,
			bookedAt,
			start,
			checkedInAt: time(r.checkedInAt),
			calledAt: time(r.calledAt),
			outcome: r.outcome as VisitRow['outcome']
		};
	});
}

/** The funnel's counts for the drafts begun in the period's months. */
export async function pageCounts(p: Period, scope: Scope): Promise<PageCount[]> {
	const result = await rows<{ serviceSlug: string; page: string; reached: unknown; lastSeen: unknown }>(
		sql`SELECT service_slug AS "serviceSlug", page, SUM(reached) AS reached, SUM(last_seen) AS "lastSeen" FROM form_page_counts
		    WHERE month IN (${monthsIn(p)})${inScope(scope, 'service_slug')} GROUP BY service_slug, page`
	);
	return result.map((r) => ({ ...r, reached: num(r.reached), lastSeen: num(r.lastSeen) }));
}

/** "Hvordan gik det?" scores in the period; a score given outside any service counts in all services only. */
export async function scoreRows(p: Period, scope: Scope): Promise<ScoreRow[]> {
	const result = await rows<{ touchpoint: string; serviceSlug: string | null; score: unknown; count: unknown }>(
		sql`SELECT touchpoint, service_slug AS "serviceSlug", score, COUNT(*) AS count FROM feedback
		    WHERE month IN (${monthsIn(p)})${inScope(scope, 'service_slug')} GROUP BY touchpoint, service_slug, score`
	);
	return result.map((r) => ({ ...r, score: num(r.score), count: num(r.count) }));
}

/** Contacts per day, service, channel and kind, for KL's weekly channel counting. */
export async function weeklyCounts(p: Period, scope: Scope): Promise<{ day: string; serviceSlug: string; channel: string; kind: string; count: number }[]> {
	const result = await rows<{ at: unknown; serviceSlug: string; channel: string; kind: string; count: unknown }>(
		sql`SELECT occurred_at AS at, service_slug AS "serviceSlug", channel, kind, COUNT(*) AS count FROM contact_events
		    WHERE occurred_at >= ${startOf(p.months[0])} AND occurred_at < ${endOf(p)} AND event <> 'form_started'${inScope(scope, 'service_slug')}
		    GROUP BY occurred_at, service_slug, channel, kind`
	);
	return result.map((r) => ({ day: localDateOf(new Date(num(r.at))), serviceSlug: r.serviceSlug, channel: r.channel, kind: r.kind, count: num(r.count) }));
}
