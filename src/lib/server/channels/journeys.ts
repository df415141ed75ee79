import { and, eq, gt, gte, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { db, dialectSql, execute, rows, tables } from '$lib/server/db';
import type { Assistance, Channel, ContactEventType, ContactKind } from '$lib/server/db/schema';

const WEEK = 7 * 86_400_000;

/** An event as the journey facts see it: keyed, with its time and what it was. */
export interface JourneyEvent {
	id: number;
	at: number;
	month: string;
	citizenKey: string;
	serviceSlug: string;
	event: ContactEventType;
	channel: Channel;
	assistance: Assistance;
	kind: ContactKind;
}

/** The kinds of event the two journeys follow: in JavaScript for one event, in SQL for the rebuild (the equality test holds the two together). */
const isHelp = (e: JourneyEvent) => e.assistance !== 'none' && e.assistance !== 'proxy' && e.event !== 'form_started';
const isSelfService = (e: JourneyEvent) => e.channel === 'digital' && e.assistance === 'none' && e.kind === 'transaction' && e.event !== 'form_started';
const isStart = (e: JourneyEvent) => e.event === 'form_started' && e.channel === 'digital';
const isManual = (e: JourneyEvent) => e.channel === 'phone' || e.channel === 'counter';
const SELF_SQL = sql.raw(`channel = 'digital' AND assistance = 'none' AND kind = 'transaction' AND event <> 'form_started'`);
const HELP_SQL = sql.raw(`assistance <> 'none' AND assistance <> 'proxy' AND event <> 'form_started'`);

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

async function firstSelfServiceFrom(citizenKey: string, at: number): Promise<number | null> {
	const [r] = await rows<{ t: unknown }>(sql`SELECT MIN(occurred_at) AS t FROM contact_events WHERE citizen_key = ${citizenKey} AND occurred_at >= ${at} AND ${SELF_SQL}`);
	return num(r?.t);
}

async function firstInWeek(citizenKey: string, serviceSlug: string, at: number, which: SQL): Promise<number | null> {
	const [r] = await rows<{ t: unknown }>(
		sql`SELECT MIN(occurred_at) AS t FROM contact_events WHERE citizen_key = ${citizenKey} AND service_slug = ${serviceSlug}
		    AND occurred_at >= ${at} AND occurred_at <= ${at + WEEK} AND ${which}`
	);
	return num(r?.t);
}

const dropped = (f: { manualAt: Date | null; submittedAt: Date | null }) => (f.manualAt !== null && f.submittedAt === null ? 1 : 0);

async function countStart(month: string, serviceSlug: string, started: number, droppedOut: number) {
	if (!started && !droppedOut) return;
	const c = tables.journeyCounts;
	await db()
		.insert(c)
		.values({ month, serviceSlug, started, droppedOut })
		.onConflictDoUpdate({ target: [c.month, c.serviceSlug], set: { started: sql`${c.started} + ${started}`, droppedOut: sql`${c.droppedOut} + ${droppedOut}` } });
}

/**
 * Keeps the journey facts in step with one event just recorded, in its transaction: what the
 * full rebuild would find, whatever order the events come in. Only keyed events take part.
 */
export async function recordJourney(e: JourneyEvent): Promise<void> {
	const help = isHelp(e);
	const self = isSelfService(e);
	const start = isStart(e);
	const manual = isManual(e);
	const submitted = e.event === 'form_submitted';
	if (!help && !self && !start && !manual && !submitted) return;
	const lock = dialectSql.lockFor(`journey:${e.citizenKey}`);
	if (lock) await execute(lock);
	const h = tables.helpFacts;
	if (help) {
		// An earlier first help in its month moves the fact back, and its first self-service with it.
		const next = await firstSelfServiceFrom(e.citizenKey, e.at);
		await db()
			.insert(h)
			.values({ citizenKey: e.citizenKey, serviceSlug: e.serviceSlug, month: e.month, firstAt: new Date(e.at), nextSelfAt: next === null ? null : new Date(next) })
			.onConflictDoUpdate({
				target: [h.citizenKey, h.serviceSlug, h.month],
				set: {
					nextSelfAt: sql`CASE WHEN excluded.first_at < ${h.firstAt} THEN excluded.next_self_at ELSE ${h.nextSelfAt} END`,
					firstAt: sql`CASE WHEN excluded.first_at < ${h.firstAt} THEN excluded.first_at ELSE ${h.firstAt} END`
				}
			});
	}
	if (self)
		await db()
			.update(h)
			.set({ nextSelfAt: new Date(e.at) })
			.where(and(eq(h.citizenKey, e.citizenKey), lte(h.firstAt, new Date(e.at)), or(isNull(h.nextSelfAt), gt(h.nextSelfAt, new Date(e.at)))));

	const s = tables.startFacts;
	if (start) {
		const fact = {
			eventId: e.id,
			citizenKey: e.citizenKey,
			serviceSlug: e.serviceSlug,
			month: e.month,
			startedAt: new Date(e.at),
			manualAt: await firstInWeek(e.citizenKey, e.serviceSlug, e.at, sql.raw(`channel IN ('phone', 'counter')`)).then((t) => (t === null ? null : new Date(t))),
			submittedAt: await firstInWeek(e.citizenKey, e.serviceSlug, e.at, sql.raw(`event = 'form_submitted'`)).then((t) => (t === null ? null : new Date(t)))
		};
		await db().insert(s).values(fact);
		await countStart(e.month, e.serviceSlug, 1, dropped(fact));
	}
	if (manual || submitted) {
		// The forms of the week before that this call, visit or submission answers.
		const at = new Date(e.at);
		const facts = await db()
			.select()
			.from(s)
			.where(and(eq(s.citizenKey, e.citizenKey), eq(s.serviceSlug, e.serviceSlug), gte(s.startedAt, new Date(e.at - WEEK)), lte(s.startedAt, at)));
		for (const f of facts) {
			const next = {
				manualAt: manual && (f.manualAt === null || f.manualAt > at) ? at : f.manualAt,
				submittedAt: submitted && (f.submittedAt === null || f.submittedAt > at) ? at : f.submittedAt
			};
			if (next.manualAt === f.manualAt && next.submittedAt === f.submittedAt) continue;
			await db().update(s).set(next).where(eq(s.eventId, f.eventId));
			await countStart(f.month, f.serviceSlug, 0, dropped(next) - dropped(f));
		}
	}
}

/**
 * The page a started form's draft showed last, for the drop-out by page. The fact is found by
 * what the event keeps (key, service, day): the draft and the event stay unlinked. Two forms of
 * one service begun the same day by one citizen share the page of the later move.
 */
export async function startPageSeen(citizenKey: string, serviceSlug: string, startedAt: Date, page: string): Promise<void> {
	const s = tables.startFacts;
	await db()
		.update(s)
		.set({ lastPage: page })
		.where(and(eq(s.citizenKey, citizenKey), eq(s.serviceSlug, serviceSlug), eq(s.startedAt, startedAt)));
}

/**
 * The journey facts counted again from the events (`month` the events' local month, as the
 * monthly counts' CASE gives it): after a bulk load, and to prove the kept facts right.
 */
export async function rebuildJourneyFacts(month: SQL): Promise<void> {
	await execute(sql`DELETE FROM help_facts`);
	// The pages last seen have no source in the events: kept across the recount, by event.
	await execute(sql`CREATE TEMPORARY TABLE kept_pages AS SELECT event_id, last_page FROM start_facts WHERE last_page IS NOT NULL`);
	await execute(sql`DELETE FROM start_facts`);
	await execute(sql`DELETE FROM journey_counts`);
	await execute(
		sql`INSERT INTO help_facts (citizen_key, service_slug, month, first_at, next_self_at)
		    SELECT h.citizen_key, h.service_slug, h.month, h.first_at,
		           (SELECT MIN(e.occurred_at) FROM contact_events e WHERE e.citizen_key = h.citizen_key AND e.occurred_at >= h.first_at AND ${SELF_SQL})
		    FROM (SELECT citizen_key, service_slug, ${month} AS month, MIN(occurred_at) AS first_at FROM contact_events
		          WHERE citizen_key IS NOT NULL AND ${HELP_SQL} GROUP BY 1, 2, 3) h`
	);
	await execute(
		sql`INSERT INTO start_facts (event_id, citizen_key, service_slug, month, started_at, manual_at, submitted_at, last_page)
		    SELECT f.id, f.citizen_key, f.service_slug, ${month}, f.occurred_at,
		           (SELECT MIN(y.occurred_at) FROM contact_events y WHERE y.citizen_key = f.citizen_key AND y.service_slug = f.service_slug
		              AND y.channel IN ('phone', 'counter') AND y.occurred_at >= f.occurred_at AND y.occurred_at <= f.occurred_at + ${WEEK}),
		           (SELECT MIN(x.occurred_at) FROM contact_events x WHERE x.citizen_key = f.citizen_key AND x.service_slug = f.service_slug
		              AND x.event = 'form_submitted' AND x.occurred_at >= f.occurred_at AND x.occurred_at <= f.occurred_at + ${WEEK}),
		           (SELECT k.last_page FROM kept_pages k WHERE k.event_id = f.id)
		    FROM contact_events f WHERE f.event = 'form_started' AND f.channel = 'digital' AND f.citizen_key IS NOT NULL`
	);
	await execute(sql`DROP TABLE kept_pages`);
	await execute(
		sql`INSERT INTO journey_counts (month, service_slug, started, dropped_out)
		    SELECT month, service_slug, COUNT(*), SUM(CASE WHEN manual_at IS NOT NULL AND submitted_at IS NULL THEN 1 ELSE 0 END) FROM start_facts GROUP BY month, service_slug`
	);
}
