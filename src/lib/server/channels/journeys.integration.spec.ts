/**
 * The journey facts are kept as events are recorded, in any order; they must be what counting
 * them again from the events gives, and the report's graduation and drop-out read from them must
 * be what following each citizen key through the raw events gives (the report's former queries,
 * kept here as the reference).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { instantAt } from '$lib/booking/time';
import { period, type Period } from '$lib/reports/period';
import { db, execute, rows, tables } from '$lib/server/db';
import { seed } from '$lib/server/db/seed';
import { useTestDatabase } from '$lib/server/db/testing';
import { dropout, graduation, rebuildContactCounts, type Scope } from '$lib/server/reports/data';
import { bulkInsertEvents, generateDemoEvents, mulberry32 } from '$lib/server/reports/demo';
import { recordContactEvent, type ContactEventInput } from './events';

useTestDatabase('journeys');
process.env.SEED_DEMO_DATA = 'false';

const DAY = 86_400_000;
const startOf = (p: Period) => instantAt(p.from, 0)!.getTime();
const endOf = (p: Period) => instantAt(p.to, 0)!.getTime();
const inScope = (scope: Scope, column: string) => (scope ? sql.raw(` AND ${column} IN (${scope.map((s) => `'${s}'`).join(', ')})`) : sql``);

/** Graduation straight from the events. */
async function graduationFromEvents(p: Period, scope: Scope) {
	const [row] = await rows<{ helped: unknown; graduated: unknown }>(
		sql`WITH helped AS (
				SELECT citizen_key, MIN(occurred_at) AS t0 FROM contact_events
				WHERE occurred_at >= ${startOf(p)} AND occurred_at < ${endOf(p)} AND citizen_key IS NOT NULL
				  AND assistance <> 'none' AND event <> 'form_started' AND assistance <> 'proxy'${inScope(scope, 'service_slug')}
				GROUP BY citizen_key)
			SELECT COUNT(*) AS helped, COALESCE(SUM(CASE WHEN EXISTS (
				SELECT 1 FROM contact_events e
				WHERE e.citizen_key = h.citizen_key AND e.occurred_at >= h.t0 AND e.occurred_at <= h.t0 + ${90 * DAY}
				  AND e.channel = 'digital' AND e.assistance = 'none' AND e.kind = 'transaction' AND e.event <> 'form_started') THEN 1 ELSE 0 END), 0) AS graduated
			FROM helped h`
	);
	return { helped: Number(row.helped), graduated: Number(row.graduated) };
}

/** Drop-out straight from the events. */
async function dropoutFromEvents(p: Period, scope: Scope) {
	const [{ started }] = await rows<{ started: unknown }>(
		sql`SELECT COUNT(*) AS started FROM contact_events WHERE event = 'form_started' AND channel = 'digital' AND citizen_key IS NOT NULL
		    AND occurred_at >= ${startOf(p)} AND occurred_at < ${endOf(p)}${inScope(scope, 'service_slug')}`
	);
	const [{ dropped }] = await rows<{ dropped: unknown }>(
		sql`SELECT COUNT(*) AS dropped FROM contact_events f
		    WHERE f.event = 'form_started' AND f.channel = 'digital' AND f.citizen_key IS NOT NULL
		      AND f.occurred_at >= ${startOf(p)} AND f.occurred_at < ${endOf(p)}${inScope(scope, 'f.service_slug')}
		      AND EXISTS (SELECT 1 FROM contact_events y WHERE y.citizen_key = f.citizen_key AND y.service_slug = f.service_slug
		                  AND y.channel IN ('phone', 'counter') AND y.occurred_at >= f.occurred_at AND y.occurred_at <= f.occurred_at + ${7 * DAY})
		      AND NOT EXISTS (SELECT 1 FROM contact_events x WHERE x.citizen_key = f.citizen_key AND x.service_slug = f.service_slug
		                      AND x.event = 'form_submitted' AND x.occurred_at >= f.occurred_at AND x.occurred_at <= f.occurred_at + ${7 * DAY})`
	);
	return { started: Number(started), droppedOut: Number(dropped) };
}

const facts = async () => ({
	help: (await db().select().from(tables.helpFacts)).map((r) => JSON.stringify(r)).sort(),
	starts: (await db().select().from(tables.startFacts)).map((r) => JSON.stringify(r)).sort(),
	counts: (await db().select().from(tables.journeyCounts)).filter((r) => r.started || r.droppedOut).map((r) => JSON.stringify(r)).sort()
});

const periods = [period('month', 2030, 2), period('quarter', 2030, 1), period('year', 2030)];
const scopes: Scope[] = [null, ['ansoeg-om-pas'], ['ansoeg-om-pas', 'anmeld-flytning']];

async function expectSameAsEvents() {
	for (const p of periods)
		for (const scope of scopes) {
			expect(await graduation(p, scope), `${p.kind} ${scope}`).toEqual(await graduationFromEvents(p, scope));
			expect(await dropout(p, scope), `${p.kind} ${scope}`).toEqual(await dropoutFromEvents(p, scope));
		}
}

beforeAll(async () => {
	await seed();
});

describe('journey facts', () => {
	it('kept event by event, in any order, equal a recount from the events and the raw journeys', async () => {
		const rnd = mulberry32(16);
		const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
		const services = ['ansoeg-om-pas', 'anmeld-flytning', 'nyt-sundhedskort'];
		const start = instantAt('2029-12-20', 0)!.getTime();
		const kinds: Omit<ContactEventInput, 'serviceSlug' | 'citizenCpr' | 'at'>[] = [
			{ event: 'form_started', channel: 'digital', assistance: 'none', kind: 'transaction' },
			{ event: 'form_submitted', channel: 'digital', assistance: 'none', kind: 'transaction' },
			{ event: 'form_submitted', channel: 'digital', assistance: 'guided', kind: 'transaction', staffRole: 'ambassador' },
			{ event: 'form_submitted', channel: 'counter', assistance: 'on_behalf', kind: 'transaction', staffRole: 'staff' },
			{ event: 'appointment_booked', channel: 'phone', assistance: 'on_behalf', kind: 'transaction', staffRole: 'staff' },
			{ event: 'registered', channel: 'counter', assistance: 'none', kind: 'information' },
			{ event: 'form_submitted', channel: 'digital', assistance: 'proxy', kind: 'transaction' },
			{ event: 'helped', channel: 'counter', assistance: 'guided', kind: 'information', staffRole: 'ambassador' }
		];
		// Thirty fictitious people (not CPR numbers: only their keyed hash is kept), 600 events over
		// four months in shuffled order, so that later events often arrive first.
		const events = Array.from({ length: 600 }, () => ({
			...pick(kinds),
			serviceSlug: pick(services),
			citizenCpr: `fiktiv-${Math.floor(rnd() * 30)}`,
			at: new Date(start + Math.floor(rnd() * 130) * DAY + Math.floor(rnd() * 8) * 3_600_000)
		}));
		for (const e of events) await recordContactEvent(e);
		const kept = await facts();
		expect(kept.help.length).toBeGreaterThan(20);
		expect(kept.starts.length).toBeGreaterThan(20);
		await expectSameAsEvents();
		const dropouts = (await dropout(period('year', 2030), null)).droppedOut;
		expect(dropouts).toBeGreaterThan(0);
		await rebuildContactCounts();
		expect(await facts()).toEqual(kept);
	});

	it('counted again after a bulk load give the raw journeys of the demo data', async () => {
		await execute(sql`DELETE FROM contact_events`);
		await bulkInsertEvents(generateDemoEvents({ end: instantAt('2031-01-01', 0)!, months: 13, contactsPerYear: 30_000, seed: 3 }));
		await rebuildContactCounts();
		const year = await graduation(period('year', 2030), null);
		expect(year.helped).toBeGreaterThan(100);
		expect(year.graduated).toBeGreaterThan(0);
		expect((await dropout(period('year', 2030), null)).droppedOut).toBeGreaterThan(0);
		await expectSameAsEvents();
	});
});
