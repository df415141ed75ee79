import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { period } from '$lib/reports/period';
import { db, rows as rawRows, tables } from '$lib/server/db';
import { useTestDatabase } from '$lib/server/db/testing';
import { seed } from '$lib/server/db/seed';
import { assistances, channels, contactEventTypes, contactKinds, type ContactEvent } from '$lib/server/db/schema';
import { registerContact } from '$lib/server/channels/register';
import { countRows, dropout, graduation, rebuildContactCounts, targetsFor, unitCostsInForce } from './data';
import { channelReport } from './report';
import { addUnitCost, fillTargets, saveTargets } from './settings';

useTestDatabase('reports');
process.env.SEED_DEMO_DATA = 'false';

type Event = Omit<ContactEvent, 'id' | 'couldBeDigital' | 'referredToDigital' | 'staffRole' | 'staffUnit' | 'delivery'> & Partial<Pick<ContactEvent, 'staffRole' | 'staffUnit' | 'delivery'>>;
const event = (at: string, e: Partial<Event> = {}): Event => ({
	occurredAt: new Date(at),
	event: 'form_submitted',
	channel: 'digital',
	assistance: 'none',
	kind: 'transaction',
	serviceSlug: 'ansoeg-om-pas',
	citizenKey: null,
	...e
});
/** Events written straight into the table, as a bulk load would; the monthly counts are rebuilt after. */
const insert = async (...events: Event[]) => {
	await db().insert(tables.contactEvents).values(events);
	await rebuildContactCounts();
};

beforeAll(async () => {
	await seed();
});

describe('countRows', () => {
	it('cuts months at midnight in Copenhagen, not at midnight UTC', async () => {
		// 22:30 UTC on 31 March is 00:30 on 1 April in summer time; 23:30 UTC on 31 January is 00:30 on 1 February.
		await insert(
			event('2025-03-31T21:30:00Z', { channel: 'phone', event: 'registered' }),
			event('2025-03-31T22:30:00Z', { channel: 'phone', event: 'registered' }),
			event('2025-01-31T23:30:00Z', { channel: 'counter', event: 'registered' })
		);
		const rows = await countRows(period('year', 2025), ['ansoeg-om-pas']);
		const phone = (month: string) => rows.filter((r) => r.month === month && r.channel === 'phone').reduce((s, r) => s + r.count, 0);
		expect(phone('2025-03')).toBe(1);
		expect(phone('2025-04')).toBe(1);
		expect(rows.find((r) => r.channel === 'counter')?.month).toBe('2025-02');
		// New Year's Eve 23:30 UTC is already next year in Copenhagen.
		await insert(event('2024-12-31T23:30:00Z', { channel: 'written', event: 'registered' }));
		expect((await countRows(period('month', 2025, 1), ['ansoeg-om-pas'])).some((r) => r.channel === 'written')).toBe(true);
		expect((await countRows(period('month', 2024, 12), ['ansoeg-om-pas'])).some((r) => r.channel === 'written')).toBe(false);
	});

	it('keeps to the services asked for', async () => {
		await insert(event('2025-05-10T10:00:00Z', { serviceSlug: 'anmeld-flytning' }));
		expect(await countRows(period('month', 2025, 5), ['ansoeg-om-pas'])).toEqual([]);
		expect(await countRows(period('month', 2025, 5), null)).toHaveLength(1);
		expect(await countRows(period('month', 2025, 5), [])).toEqual([]);
	});
});

describe('targets and unit costs with history', () => {
	it('take the newest setting, and the strategy\'s trajectory where nothing is set, saying so', async () => {
		const before = (await targetsFor([2030])).find((t) => t.serviceSlug === 'anmeld-flytning')!;
		expect(before).toMatchObject({ share: 0.5, source: 'fkStrategy' });
		expect((await targetsFor([2013])).find((t) => t.serviceSlug === 'ansoeg-om-pas')).toMatchObject({ share: 0.367, source: 'fkStrategy' });
		await db().insert(tables.serviceTargets).values({ serviceSlug: 'anmeld-flytning', year: 2030, share: 0.7, setAt: new Date('2029-01-01') });
		await db().insert(tables.serviceTargets).values({ serviceSlug: 'anmeld-flytning', year: 2030, share: 0.9, setAt: new Date('2029-06-01') });
		expect((await targetsFor([2030, 2031])).filter((t) => t.serviceSlug === 'anmeld-flytning').map((t) => [t.share, t.source])).toEqual([
			[0.9, null],
			[0.5, 'fkStrategy']
		]);
	});

	it('price with the seeded defaults and a corrected entry replaces the one for the same date', async () => {
		expect((await unitCostsInForce()).find((c) => c.channel === 'phone')).toEqual({ channel: 'phone', deliveryMode: null, from: '2000-01-01', kr: 50, source: 'kanalpriser' });
		expect((await unitCostsInForce()).find((c) => c.deliveryMode === 'inbox')).toMatchObject({ channel: 'digital', kr: 40, source: 'retyping' });
		await db().insert(tables.unitCosts).values({ channel: 'phone', fromDate: '2031-01-01', kr: 60, setAt: new Date('2030-01-01') });
		await db().insert(tables.unitCosts).values({ channel: 'phone', fromDate: '2031-01-01', kr: 55, setAt: new Date('2030-02-01') });
		const phone = (await unitCostsInForce()).filter((c) => c.channel === 'phone');
		expect(phone).toEqual(
			expect.arrayContaining([
				{ channel: 'phone', deliveryMode: null, from: '2000-01-01', kr: 50, source: 'kanalpriser' },
				{ channel: 'phone', deliveryMode: null, from: '2031-01-01', kr: 55, source: null }
			])
		);
		expect(phone).toHaveLength(2);
	});
});

describe('the administrator\'s targets and unit costs', () => {
	const form = (fields: Record<string, string>) => {
		const data = new FormData();
		for (const [k, v] of Object.entries(fields)) data.set(k, v);
		return data;
	};
	const admin = async () => {
		const row = { id: 'admin-1', username: 'a', passwordHash: 'x', displayName: 'A', role: 'admin' as const, unit: 'Digitalisering', editableServices: null, email: null, lastLoginAt: null, totpKey: null, ssoSubject: null, active: true, createdAt: new Date() };
		await db().insert(tables.staffUsers).values(row).onConflictDoNothing();
		return row;
	};
	const fields = async (year: number, override: Record<string, string>) =>
		form({ ...Object.fromEntries((await targetsFor([year])).map((t) => [`maal-${t.serviceSlug}-${year}`, String(t.share * 100)])), ...override });

	it('saves only changed targets, as new rows, and names a share that is not a percent', async () => {
		const before = (await db().select().from(tables.serviceTargets)).length;
		expect(await saveTargets(await fields(2032, { 'maal-nyt-sundhedskort-2032': '101' }), [2032], await admin())).toEqual([{ fieldId: 'maal-nyt-sundhedskort-2032', code: 'percent' }]);
		expect(await saveTargets(await fields(2032, { 'maal-nyt-sundhedskort-2032': 'otte' }), [2032], await admin())).toHaveLength(1);
		expect(await db().select().from(tables.serviceTargets)).toHaveLength(before);
		expect(await saveTargets(await fields(2032, { 'maal-nyt-sundhedskort-2032': '85,5' }), [2032], await admin())).toEqual([]);
		expect(await db().select().from(tables.serviceTargets)).toHaveLength(before + 1);
		expect((await targetsFor([2032])).find((t) => t.serviceSlug === 'nyt-sundhedskort')!.share).toBeCloseTo(0.855);
	});

	it('fills a trajectory between two years for one service or all, and names what is wrong', async () => {
		const staff = await admin();
		const fill = (fields: Record<string, string>) =>
			fillTargets(form({ 'fill-service': 'anmeld-flytning', 'fill-from-year': '2040', 'fill-from-share': '60', 'fill-to-year': '2044', 'fill-to-share': '80', ...fields }), staff);
		expect((await fill({ 'fill-service': 'findes-ikke', 'fill-from-year': '20x', 'fill-from-share': '101', 'fill-to-share': '' })).map((e) => e.fieldId)).toEqual([
			'fill-service',
			'fill-from-year',
			'fill-from-share',
			'fill-to-share'
		]);
		// More than 30 years in one go is a typing error, not a strategy.
		expect((await fill({ 'fill-to-year': '2099' })).map((e) => e.fieldId)).toEqual(['fill-to-year']);
		expect(await fill({})).toEqual([]);
		const years = [2040, 2041, 2042, 2043, 2044];
		expect((await targetsFor(years)).filter((t) => t.serviceSlug === 'anmeld-flytning').map((t) => [t.share, t.source])).toEqual(years.map((_, i) => [expect.closeTo(0.6 + 0.05 * i, 9), null]));
		// Another service keeps the strategy's default.
		expect((await targetsFor([2042])).find((t) => t.serviceSlug === 'ansoeg-om-pas')).toMatchObject({ share: 0.5, source: 'fkStrategy' });
		expect(await fill({ 'fill-service': 'alle', 'fill-from-year': '2050', 'fill-to-year': '2050', 'fill-from-share': '55', 'fill-to-share': '55' })).toEqual([]);
		expect((await targetsFor([2050])).every((t) => t.share === 0.55 && t.source === null)).toBe(true);
	});

	it('adds a unit cost only with a channel, a real date and an amount', async () => {
		expect((await addUnitCost(form({ channel: 'fax', fromDate: '2032-02-30', kr: '1e9' }), await admin())).map((e) => e.fieldId)).toEqual(['channel', 'fromDate', 'kr']);
		expect(await addUnitCost(form({ channel: 'written', fromDate: '2032-01-01', kr: '99,50' }), await admin())).toEqual([]);
		expect(await unitCostsInForce()).toContainEqual({ channel: 'written', deliveryMode: null, from: '2032-01-01', kr: 99.5, source: null });
		// A price by delivery mode is for digital submissions only.
		expect((await addUnitCost(form({ channel: 'phone', deliveryMode: 'inbox', fromDate: '2032-01-01', kr: '30' }), await admin())).map((e) => e.fieldId)).toEqual(['deliveryMode']);
		expect(await addUnitCost(form({ channel: 'digital', deliveryMode: 'inbox', fromDate: '2032-01-01', kr: '45' }), await admin())).toEqual([]);
		expect(await unitCostsInForce()).toContainEqual({ channel: 'digital', deliveryMode: 'inbox', from: '2032-01-01', kr: 45, source: null });
	});
});

describe('journeys by the pseudonymous key', () => {
	it('counts a helped citizen as graduated only after a later unassisted digital transaction within 90 days', async () => {
		await insert(
			// A: helped at the counter in June, alone online in July: graduated.
			event('2026-06-02T09:00:00Z', { citizenKey: 'a', channel: 'counter', assistance: 'on_behalf', staffRole: 'staff' }),
			event('2026-07-01T09:00:00Z', { citizenKey: 'a' }),
			// B: guided in June, alone online only after 91 days: not graduated.
			event('2026-06-03T09:00:00Z', { citizenKey: 'b', assistance: 'guided', staffRole: 'ambassador' }),
			event('2026-09-02T09:00:01Z', { citizenKey: 'b' }),
			// C: helped, then only a question online: not a transaction.
			event('2026-06-04T09:00:00Z', { citizenKey: 'c', channel: 'phone', assistance: 'on_behalf', staffRole: 'staff' }),
			event('2026-06-05T09:00:00Z', { citizenKey: 'c', kind: 'information', event: 'registered' }),
			// D: never helped.
			event('2026-06-06T09:00:00Z', { citizenKey: 'd' })
		);
		expect(await graduation(period('month', 2026, 6), null)).toEqual({ helped: 3, graduated: 1 });
		expect(await graduation(period('month', 2026, 5), null)).toEqual({ helped: 0, graduated: 0 });
	});

	it('counts a drop-out only when a started form is not submitted and the citizen phones or comes within 7 days', async () => {
		const started = (key: string, at: string) => event(at, { citizenKey: key, event: 'form_started', serviceSlug: 'anmeld-flytning' });
		await insert(
			// E: started, phoned two days later: drop-out.
			started('e', '2026-10-01T09:00:00Z'),
			event('2026-10-03T09:00:00Z', { citizenKey: 'e', channel: 'phone', event: 'registered', serviceSlug: 'anmeld-flytning' }),
			// F: started and submitted, then phoned: not a drop-out.
			started('f', '2026-10-01T09:00:00Z'),
			event('2026-10-01T09:10:00Z', { citizenKey: 'f', serviceSlug: 'anmeld-flytning' }),
			event('2026-10-02T09:00:00Z', { citizenKey: 'f', channel: 'phone', event: 'registered', serviceSlug: 'anmeld-flytning' }),
			// G: started, came to the counter after 8 days: not within 7.
			started('g', '2026-10-01T09:00:00Z'),
			event('2026-10-09T09:00:00Z', { citizenKey: 'g', channel: 'counter', event: 'registered', serviceSlug: 'anmeld-flytning' }),
			// H: started, phoned about another service: not the same service.
			started('h', '2026-10-01T09:00:00Z'),
			event('2026-10-02T09:00:00Z', { citizenKey: 'h', channel: 'phone', event: 'registered', serviceSlug: 'ansoeg-om-pas' })
		);
		expect(await dropout(period('month', 2026, 10), null)).toEqual({ started: 4, droppedOut: 1 });
		expect(await dropout(period('month', 2026, 10), ['ansoeg-om-pas'])).toEqual({ started: 0, droppedOut: 0 });
	});
});

describe('the exempt group', () => {
	it('counts contacts of citizens exempt at the time, for their service or for all, by reason', async () => {
		const at = (iso: string) => new Date(iso);
		await db()
			.insert(tables.exemptions)
			.values([
				{ citizenKey: 'x1', serviceSlug: null, reason: 'language', createdAt: at('2027-06-01T00:00:00Z') },
				{ citizenKey: 'x2', serviceSlug: 'nyt-sundhedskort', reason: 'no_mitid', createdAt: at('2027-01-01T00:00:00Z'), endedAt: at('2027-06-15T00:00:00Z') }
			]);
		await insert(
			event('2027-05-20T10:00:00Z', { citizenKey: 'x1', channel: 'counter', event: 'registered', serviceSlug: 'nyt-sundhedskort' }), // before the exemption
			event('2027-06-10T10:00:00Z', { citizenKey: 'x1', channel: 'counter', event: 'registered', serviceSlug: 'nyt-sundhedskort' }),
			event('2027-06-11T10:00:00Z', { citizenKey: 'x1', channel: 'digital', assistance: 'on_behalf', serviceSlug: 'nyt-sundhedskort' }),
			event('2027-06-12T10:00:00Z', { citizenKey: 'x2', channel: 'phone', event: 'registered', serviceSlug: 'nyt-sundhedskort' }),
			event('2027-06-13T10:00:00Z', { citizenKey: 'x2', channel: 'phone', event: 'registered', serviceSlug: 'anmeld-flytning' }), // another service
			event('2027-06-20T10:00:00Z', { citizenKey: 'x2', channel: 'phone', event: 'registered', serviceSlug: 'nyt-sundhedskort' }), // after it ended
			event('2027-06-21T10:00:00Z', { citizenKey: 'y', channel: 'digital', serviceSlug: 'nyt-sundhedskort' })
		);
		const r = await channelReport(period('month', 2027, 6), ['nyt-sundhedskort']);
		expect(r.exempt.total).toBe(3);
		expect(r.exempt.byReason).toMatchObject({ language: 2, no_mitid: 1, disability: 0 });
		// Everyone else: 2 contacts (x2 after its end, y), 1 of them digital.
		expect(r.summary.contacts).toBe(5);
		expect(r.exempt.shareWithoutExempt).toBe(0.5);
	});
});

describe('the report', () => {
	it('counts a registered contact in its channel, and the trend shows the year before beside it', async () => {
		await registerContact(
			{ serviceSlug: 'fornyelse-koerekort', channel: 'counter', kind: 'information', couldBeDigital: true, referredToDigital: false, staffRole: 'staff', staffUnit: 'Borgerservice' },
			new Date('2027-03-10T10:00:00Z')
		);
		await insert(event('2026-03-10T10:00:00Z', { serviceSlug: 'fornyelse-koerekort' }));
		const r = await channelReport(period('month', 2027, 3), ['fornyelse-koerekort']);
		expect(r.summary.contacts).toBe(1);
		expect(r.summary.byChannel.counter).toBe(1);
		expect(r.summary.selfServiceShare).toBe(0);
		const march = r.trend.find((m) => m.month === '2027-03')!;
		expect(march).toMatchObject({ contacts: 1, share: 0, shareYearBefore: 1, target: 0.5 });
		expect(r.trend).toHaveLength(12);
		expect(r.trend.find((m) => m.month === '2027-04')!.share).toBeNull();
	});

	it('keeps the monthly counts in step with every event recorded, as a rebuild from the events finds them', async () => {
		await registerContact(
			{ serviceSlug: 'nyt-sundhedskort', channel: 'written', kind: 'transaction', couldBeDigital: false, referredToDigital: true, staffRole: 'staff', staffUnit: 'Borgerservice' },
			new Date('2027-08-31T22:30:00Z')
		);
		const kept = await db().select().from(tables.contactCounts);
		expect(kept.find((r) => r.month === '2027-09' && r.channel === 'written')?.count).toBe(1);
		await rebuildContactCounts();
		const sort = (rows: typeof kept) => rows.map((r) => JSON.stringify(r)).sort();
		expect(sort(await db().select().from(tables.contactCounts))).toEqual(sort(kept));
	});

	it('has no column for personal data, and every value is a code, a number, a time or a key', async () => {
		// The columns as the database has them (the tests above left rows in the table), on either engine.
		const [sample] = await rawRows<Record<string, unknown>>(sql`SELECT * FROM contact_events LIMIT 1`);
		expect(sample).toBeDefined();
		const columns = Object.keys(sample);
		expect(columns).toContain('citizen_key');
		expect(columns.filter((c) => /cpr|name|navn|address|adresse|mail|phone|telefon/i.test(c))).toEqual([]);
		const services = new Set((await db().select({ slug: tables.services.slug }).from(tables.services)).map((r) => r.slug));
		for (const row of await db().select().from(tables.contactEvents)) {
			expect(contactEventTypes).toContain(row.event);
			expect(channels).toContain(row.channel);
			expect(assistances).toContain(row.assistance);
			expect(contactKinds).toContain(row.kind);
			expect(services.has(row.serviceSlug), row.serviceSlug).toBe(true);
			// Keys here are the tests' own stand-ins or the keyed hash: never a CPR number or a name.
			if (row.citizenKey !== null) expect(row.citizenKey).toMatch(/^([0-9a-f]{32}|[a-z]\d?)$/);
		}
	});
});
