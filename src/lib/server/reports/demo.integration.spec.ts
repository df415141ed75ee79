import { beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { instantAt } from '$lib/booking/time';
import { period } from '$lib/reports/period';
import { db, first, tables } from '$lib/server/db';
import { useTestDatabase } from '$lib/server/db/testing';
import { assistances, channels, contactEventTypes, contactKinds, staffRoles } from '$lib/server/db/schema';
import { seed } from '$lib/server/db/seed';
import { helpTopics } from '$lib/server/assisted/help';
import { seedDocuments } from '$lib/server/forms/seed';
import { DEMO_BORGERSERVICE, DEMO_LIBRARY, generateDemoEvents, insertDemoEvents, type DemoEvent } from './demo';
import { channelReport } from './report';

// A real database of its own, migrated and seeded like the server does it, but without the
// seed's own demo data: the test inserts the events it checks.
useTestDatabase('demo');
process.env.SEED_DEMO_DATA = 'false';

/** 2026-01-01 00:00 in Copenhagen: the generated year is 2025. */
const END = instantAt('2026-01-01', 0)!;
const SIZE = 100_000;
const SERVICES = ['anmeld-flytning', 'opskrivning-dagtilbud', 'ansoeg-om-pas', 'fornyelse-koerekort', 'nyt-sundhedskort', 'personlig-vejledning', 'vaelg-laege', 'ansoeg-folkepension'];

let events: DemoEvent[];

beforeAll(async () => {
	await seed();
	events = [...generateDemoEvents({ end: END, contactsPerYear: SIZE, seed: 7 })];
});

const digitalShare = (list: DemoEvent[]) => {
	const contacts = list.filter((e) => e.event !== 'form_started');
	return contacts.filter((e) => e.channel === 'digital').length / contacts.length;
};

describe('generateDemoEvents', () => {
	it('generates about the requested number of events, in time order, all within the period', () => {
		expect(Math.abs(events.length - SIZE)).toBeLessThan(SIZE * 0.02);
		const start = instantAt('2025-01-01', 0)!.getTime();
		const outside = events.filter((e, i) => e.occurredAt < start || e.occurredAt >= END.getTime() || (i > 0 && e.occurredAt < events[i - 1].occurredAt));
		expect(outside).toEqual([]);
		const months = [...generateDemoEvents({ end: END, months: 3, contactsPerYear: SIZE, seed: 7 })];
		expect(Math.abs(months.length - SIZE / 4)).toBeLessThan(SIZE * 0.01);
		expect(months[0].occurredAt).toBeGreaterThanOrEqual(instantAt('2025-10-01', 0)!.getTime());
	});

	it('is deterministic for a seed, and another seed gives other events', () => {
		const again = [...generateDemoEvents({ end: END, contactsPerYear: SIZE, seed: 7 })];
		expect(again).toEqual(events);
		const other = [...generateDemoEvents({ end: END, contactsPerYear: 20_000, seed: 8 })];
		const same = [...generateDemoEvents({ end: END, contactsPerYear: 20_000, seed: 7 })];
		expect(other).not.toEqual(same);
	});

	it('shifts towards digital from the first quarter to the last', () => {
		const q = (from: string, to: string) => events.filter((e) => e.occurredAt >= instantAt(from, 0)!.getTime() && e.occurredAt < instantAt(to, 0)!.getTime());
		const first = digitalShare(q('2025-01-01', '2025-04-01'));
		const last = digitalShare(q('2025-10-01', '2026-01-01'));
		expect(last - first).toBeGreaterThan(0.05);
		const jan = digitalShare(q('2025-01-01', '2025-02-01'));
		const dec = digitalShare(q('2025-12-01', '2026-01-01'));
		expect(dec - jan).toBeGreaterThan(0.07);
	});

	it('holds only valid values', () => {
		const allowed = {
			event: new Set<string>(contactEventTypes),
			channel: new Set<string>(channels),
			assistance: new Set<string>(assistances),
			kind: new Set<string>(contactKinds),
			serviceSlug: new Set<string>([...SERVICES, ...helpTopics]),
			staffRole: new Set<string | null>([...staffRoles, null])
		};
		// Checked in plain code and reported together: 100,000 expect() calls would be slow.
		const wrong = (e: DemoEvent): string | null => {
			if (!allowed.event.has(e.event) || !allowed.channel.has(e.channel) || !allowed.assistance.has(e.assistance)) return 'enum';
			if (!allowed.kind.has(e.kind) || !allowed.serviceSlug.has(e.serviceSlug) || !allowed.staffRole.has(e.staffRole)) return 'enum';
			if (!Number.isInteger(e.occurredAt)) return 'occurredAt';
			// Help is given online; staff booking a time for a caller or visitor operate for them.
			// Medbetjening happens on the phone or at the counter; guided help is a digital contact.
			if (e.assistance === 'on_behalf' && e.channel !== 'phone' && e.channel !== 'counter') return 'on_behalf channel';
			// Help without a transaction happens in person; guided help with the portal is digital.
			if (e.assistance === 'guided' && e.channel !== (e.event === 'helped' ? 'counter' : 'digital')) return 'guided channel';
			if (e.assistance === 'none' && e.event !== 'registered' && e.staffRole !== null) return 'role without help';
			if (e.assistance === 'on_behalf' && e.staffRole !== 'staff') return 'on_behalf role';
			if (e.assistance === 'guided' && e.staffRole !== 'staff' && e.staffRole !== 'ambassador') return 'guided role';
			// A message from staff on a case is information; everything else done online is a transaction.
			if (e.channel === 'digital' && e.kind !== (e.event === 'case_message' ? 'information' : 'transaction')) return 'digital information';
			if (e.event === 'helped' && (e.kind !== 'information' || e.assistance !== 'guided')) return 'helped';
			if (e.event === 'registered') {
				if (e.channel === 'digital' || e.staffRole !== 'staff') return 'registered';
				if (typeof e.couldBeDigital !== 'boolean' || typeof e.referredToDigital !== 'boolean') return 'registered flags';
			} else if (e.couldBeDigital !== null || e.referredToDigital !== null) return 'flags on an event staff did not register';
			return null;
		};
		expect(events.map(wrong).filter(Boolean)).toEqual([]);
		const count = (f: (e: DemoEvent) => boolean) => events.filter(f).length;
		for (const event of contactEventTypes) expect(count((e) => e.event === event)).toBeGreaterThan(0);
		for (const channel of channels) expect(count((e) => e.channel === channel)).toBeGreaterThan(0);
		for (const a of assistances) expect(count((e) => e.assistance === a)).toBeGreaterThan(0);
		const started = count((e) => e.event === 'form_started');
		const submitted = count((e) => e.event === 'form_submitted');
		expect(submitted / started).toBeGreaterThan(0.8);
		expect(submitted / started).toBeLessThan(0.92);
	});

	it('holds no personal data: a 32-hex pseudonym or nothing, and no other free text', () => {
		const fields = ['occurredAt', 'event', 'channel', 'assistance', 'kind', 'serviceSlug', 'staffRole', 'staffUnit', 'citizenKey', 'couldBeDigital', 'referredToDigital', 'delivery'];
		const keys = new Set<string>();
		const expected = [...fields].sort().join();
		const units = [null, DEMO_BORGERSERVICE, DEMO_LIBRARY];
		const bad = events.filter(
			(e) =>
				Object.keys(e).sort().join() !== expected ||
				(e.citizenKey !== null && !/^[0-9a-f]{32}$/.test(e.citizenKey)) ||
				!units.includes(e.staffUnit) ||
				(e.staffUnit === null) !== (e.staffRole === null) ||
				![null, 'inbox'].includes(e.delivery)
		);
		expect(bad).toEqual([]);
		for (const e of events) if (e.citizenKey !== null) keys.add(e.citizenKey);
		expect(keys.size).toBeGreaterThan(5_000);
		expect(keys.size).toBeLessThanOrEqual(16_000); // 40,000 citizens for 250,000 events a year
		const digital = events.filter((e) => e.channel === 'digital');
		expect(digital.filter((e) => e.citizenKey).length / digital.length).toBeGreaterThan(0.9);
		const registered = events.filter((e) => e.event === 'registered' && e.channel !== 'written');
		const keyed = registered.filter((e) => e.citizenKey).length / registered.length;
		expect(keyed).toBeGreaterThan(0.1);
		expect(keyed).toBeLessThan(0.3);
	});
});

describe('insertDemoEvents and the report', () => {
	// A year of events loaded and reported on: slower than the default allows on a busy machine (PostgreSQL).
	it('inserts the generated year, and the report finds its journeys', { timeout: 120_000 }, async () => {
		const inserted = await insertDemoEvents({ end: END, contactsPerYear: SIZE, seed: 7, extras: true });
		expect(inserted).toBe(events.length);
		const rows = (await first(db().select({ n: count() }).from(tables.contactEvents)))!;
		expect(rows.n).toBe(inserted);

		const year = await channelReport(period('year', 2025), null, { pageOrder: (slug) => seedDocuments.find((d) => d.serviceSlug === slug)?.pages.map((p) => p.id) ?? [] });
		expect(year.summary.contacts).toBe(events.filter((e) => e.event !== 'form_started').length);
		expect(year.graduation.helped).toBeGreaterThan(0);
		expect(year.graduation.rate).toBeGreaterThan(0.1);
		expect(year.graduation.rate).toBeLessThan(0.8);
		expect(year.dropout.droppedOut).toBeGreaterThan(0);
		expect(year.trend[11].share! - year.trend[0].share!).toBeGreaterThan(0.07);

		// Beside the events: the counter, the funnels (their starts and submissions the events'), the scores.
		expect(year.counter.all.visits).toBeGreaterThan(5_000);
		expect(year.counter.all.waitMedian!).toBeLessThan(year.counter.all.waitP90!);
		const passport = year.funnels.find((f) => f.serviceSlug === 'ansoeg-om-pas')!;
		const online = (event: string) => events.filter((e) => e.serviceSlug === 'ansoeg-om-pas' && e.channel === 'digital' && e.event === event).length;
		expect(passport.started).toBe(online('form_started'));
		expect(passport.submitted).toBe(online('form_submitted'));
		expect(passport.pages.map((p) => p.page)).toEqual(['_start', 'applicant', 'child', 'other-parent', 'height', 'previous', 'previous-status', 'travel', 'contact', '_check']);
		// Every drop-out has its form's page last seen, and the pages add up to the drop-out.
		expect(year.dropoutPages.every((d) => d.page !== '')).toBe(true);
		const passportDropped = (await channelReport(period('year', 2025), ['ansoeg-om-pas'])).dropout.droppedOut;
		expect(passportDropped).toBeGreaterThan(0);
		expect(year.dropoutPages.filter((d) => d.serviceSlug === 'ansoeg-om-pas').reduce((n, d) => n + d.droppedOut, 0)).toBe(passportDropped);
		expect(year.feedback.all.count).toBe(12 * 190);
		expect(year.feedback.all.mean).toBeGreaterThan(3.5);

		const q1 = (await channelReport(period('quarter', 2025, 1), null)).summary.selfServiceShare!;
		const q4 = (await channelReport(period('quarter', 2025, 4), null)).summary.selfServiceShare!;
		expect(q4).toBeGreaterThan(q1);
	});
});
