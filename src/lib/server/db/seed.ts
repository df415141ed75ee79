import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import typeSeedTexts from '$lib/server/booking/seed-types.json';
import { seedDocuments } from '$lib/server/forms/seed';
import { seedForms } from '$lib/server/forms/store';
import serviceSeedFile from '$lib/server/services/seed.json';
import { seedDemoContacts, seedDemoData } from '$lib/server/config';
import { hashPassword } from '$lib/server/auth/password';
import { generateId } from '$lib/server/forms/reference';
import { defaultBookingSettings } from '$lib/server/booking/setup';
import { db, first, tables, transaction } from '.';
import { DEFAULT_UNIT_COSTS, DEFAULTS_FROM } from '$lib/reports/defaults';
import { rebuildContactCounts } from '$lib/server/reports/data';
import { insertDemoEvents } from '$lib/server/reports/demo';
import type { AppointmentTypeTexts, Service, StaffRole } from './schema';

/**
 * The starter catalogue: services with their texts and the four forms as data. Added when
 * missing, so what an administrator edits or retires stays as it is.
 */
const serviceSeeds = serviceSeedFile as unknown as (Omit<Service, 'sortOrder' | 'active'>)[];

const typeSeeds = [
	{ slug: 'pas', serviceSlug: 'ansoeg-om-pas', durationMinutes: 15, requiredFormId: 'pas', ticketPrefix: 'P' },
	{ slug: 'koerekort', serviceSlug: 'fornyelse-koerekort', durationMinutes: 15, requiredFormId: null, ticketPrefix: 'K' },
	{ slug: 'sundhedskort', serviceSlug: 'nyt-sundhedskort', durationMinutes: 10, requiredFormId: null, ticketPrefix: 'S' },
	{ slug: 'vejledning', serviceSlug: 'personlig-vejledning', durationMinutes: 20, requiredFormId: null, ticketPrefix: 'V' }
];

const hour = (h: number, m = 0) => h * 60 + m;
const weekdayHours = (closes: (weekday: number) => number, opens = hour(9)) =>
	[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens, closes: closes(weekday) }));
// Borgerservice hours as many municipalities keep them: long Thursday, short Friday.
const usualCloses = (weekday: number) => (weekday === 4 ? hour(17, 30) : weekday === 5 ? hour(13) : hour(15));

/** A fictitious address: the demo must not send anyone to a real town hall. */
const LOCATION = 'Borgerservice, Rådhustorvet 1, 9999 Indgang';
const counterSeeds = [
	{ id: 'skranke-1', names: { da: 'Skranke 1', en: 'Counter 1' }, types: ['pas', 'koerekort', 'sundhedskort'], hours: weekdayHours(usualCloses) },
	{ id: 'skranke-2', names: { da: 'Skranke 2', en: 'Counter 2' }, types: ['pas', 'koerekort', 'sundhedskort', 'vejledning'], hours: weekdayHours(usualCloses) },
	{
		id: 'samtalerum',
		names: { da: 'Samtalerummet', en: 'The meeting room' },
		types: ['vejledning'],
		hours: weekdayHours((weekday) => (weekday === 5 ? hour(12) : hour(14)), hour(10))
	}
];

/** Demo staff, one per role; the README lists them. Never created in production mode. */
export const demoStaff: { username: string; displayName: string; role: StaffRole; unit: string; editableServices?: string[] }[] = [
	{ username: 'medarbejder', displayName: 'Mette Medarbejder', role: 'staff', unit: 'Borgerservice' },
	// More of Borgerservice, the library and IT: a code from the app is good once, so people trying
	// the demo side by side (and the tests) each take an account of their own.
	{ username: 'medarbejder2', displayName: 'Morten Medarbejder', role: 'staff', unit: 'Borgerservice' },
	{ username: 'medarbejder3', displayName: 'Maja Medarbejder', role: 'staff', unit: 'Borgerservice' },
	{ username: 'medarbejder4', displayName: 'Mikkel Medarbejder', role: 'staff', unit: 'Borgerservice' },
	{ username: 'ambassador2', displayName: 'Aase Ambassadør', role: 'ambassador', unit: 'Biblioteket' },
	{ username: 'admin2', displayName: 'Anja Administrator', role: 'admin', unit: 'Digitalisering' },
	{ username: 'ambassador', displayName: 'Ali Ambassadør', role: 'ambassador', unit: 'Biblioteket' },
	{ username: 'leder', displayName: 'Lone Leder', role: 'manager', unit: 'Borgerservice' },
	{ username: 'admin', displayName: 'Adam Administrator', role: 'admin', unit: 'Digitalisering' },
	// Locked out on purpose by the rate-limit test, so no other test signs in as her.
	{ username: 'vikar', displayName: 'Vera Vikar', role: 'staff', unit: 'Borgerservice' },
	{ username: 'redaktoer', displayName: 'Rikke Redaktør', role: 'editor', unit: 'Sundhed og Omsorg', editableServices: ['nyt-sundhedskort', 'vaelg-laege'] }
];
export const DEMO_PASSWORD = 'indgang-demo-2026';
/**
 * The demo accounts' second factor, published in the README (so it protects nothing, as the
 * demo password does not): add it to an authenticator app, or print the current code with
 * `npm run admin -- demo-code`. Production accounts each get their own key from a set-up link.
 */
export const DEMO_TOTP_KEY_TEXT = 'INDGANGDEMOKEYFORTESTINGONLY2345';
export const DEMO_TOTP_KEY = Buffer.from(decodeBase32IgnorePadding(DEMO_TOTP_KEY_TEXT));

/** The starter appointment types' texts; the administrator edits them in the booking set-up. */
function typeTextsFor(slug: string): Record<'da' | 'en', AppointmentTypeTexts> {
	return (typeSeedTexts as Record<string, Record<'da' | 'en', AppointmentTypeTexts>>)[slug];
}

/** Counters, types, hours and rules: only what is missing, so an administrator's edits stay. */
async function seedBooking() {
	for (const [i, t] of typeSeeds.entries())
		await db()
			.insert(tables.appointmentTypes)
			.values({ ...t, texts: typeTextsFor(t.slug), sortOrder: i })
			.onConflictDoNothing();
	for (const [i, c] of counterSeeds.entries()) {
		const added = await db()
			.insert(tables.counters)
			.values({ id: c.id, names: c.names, location: LOCATION, sortOrder: i })
			.onConflictDoNothing()
			.returning({ id: tables.counters.id });
		if (!added.length) continue;
		await db()
			.insert(tables.counterTypes)
			.values(c.types.map((typeSlug) => ({ counterId: c.id, typeSlug })));
		await db()
			.insert(tables.openingHours)
			.values(c.hours.map((h) => ({ counterId: c.id, ...h })));
	}
	await db()
		.insert(tables.bookingSettings)
		.values({ id: 1, ...defaultBookingSettings })
		.onConflictDoNothing();
}

/**
 * Idempotent: runs at every start, adds what is missing and leaves edited rows alone. Several
 * instances starting at once each run it; every insert ignores what another already made.
 */
export async function seed(): Promise<void> {
	await transaction(async () => {
		for (const [i, s] of serviceSeeds.entries())
			await db()
				.insert(tables.services)
				.values({ ...s, sortOrder: i })
				.onConflictDoNothing();
		await seedForms(seedDocuments);
		await seedBooking();
		// The named defaults, each once; the administrator dates new ones. A database from before
		// prices by delivery mode gets those beside the prices it has.
		const priced = await db().select({ channel: tables.unitCosts.channel, mode: tables.unitCosts.deliveryMode }).from(tables.unitCosts);
		const missing = DEFAULT_UNIT_COSTS.filter((d) => !priced.some((p) => p.channel === d.channel && p.mode === d.deliveryMode));
		if (missing.length)
			await db()
				.insert(tables.unitCosts)
				.values(missing.map((d) => ({ channel: d.channel, deliveryMode: d.deliveryMode, fromDate: DEFAULTS_FROM, kr: d.kr, source: d.source, setAt: new Date(0) })));
	});
	// A database from before the monthly counts existed gets them once, from its events.
	const anyCount = await first(db().select().from(tables.contactCounts).limit(1));
	if (!anyCount && (await first(db().select({ id: tables.contactEvents.id }).from(tables.contactEvents).limit(1)))) await rebuildContactCounts();
	if (!seedDemoData()) return;
	for (const s of demoStaff) {
		const exists = await first(
			db().select({ id: tables.staffUsers.id, totpKey: tables.staffUsers.totpKey }).from(tables.staffUsers).where(eq(tables.staffUsers.username, s.username)).limit(1)
		);
		// A demo database from before second factors: its demo accounts get the demo key.
		if (exists && !exists.totpKey) await db().update(tables.staffUsers).set({ totpKey: DEMO_TOTP_KEY }).where(eq(tables.staffUsers.id, exists.id));
		if (exists) continue;
		await db()
			.insert(tables.staffUsers)
			.values({ id: generateId(), ...s, passwordHash: await hashPassword(DEMO_PASSWORD), totpKey: DEMO_TOTP_KEY, active: true, createdAt: new Date() })
			.onConflictDoNothing();
	}
	// Two years of demo contact events for the reports (a baseline year beside this one), with the
	// counter's visits, the funnels and the scores, once: never into a table that holds any.
	if (seedDemoContacts() && !(await first(db().select({ id: tables.contactEvents.id }).from(tables.contactEvents).limit(1))))
		await insertDemoEvents({ end: new Date(), months: 24, extras: true });
}
