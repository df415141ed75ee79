import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chooseDayAndTime, expectAccessible, newPerson, next, signInAsStaff, signInAsTestPerson, staffLogin, submitAndReadReceipt } from './support/helpers';
import { columnsOf, queryE2e } from './support/db';
import { BASE_URL } from '../playwright.config';

const OUTBOX = path.resolve('.test-data', 'e2e', 'outbox');

type EventRow = { event: string; channel: string; assistance: string; kind: string; staff_role: string | null; service_slug: string };

/**
 * A citizen's pseudonymous key, as the e2e server makes it: its secret is in its data folder,
 * where development keeps it (production keeps it outside).
 */
function keyOf(cpr: string): string {
	const secret = readFileSync(path.resolve('.test-data', 'e2e', 'citizen-key.secret'), 'utf8').trim();
	return createHmac('sha256', secret).update(cpr).digest('hex').slice(0, 32);
}

const eventIdsOf = async (where: string, value: string) =>
	new Set((await queryE2e<{ id: number | string }>(`SELECT id FROM contact_events WHERE ${where} = ?`, value)).map((r) => Number(r.id)));

/** Events keep only their day and random ids, so "this test's" is "not among those there before", in a fixed order. */
const ORDER = ['form_started', 'form_submitted', 'appointment_booked', 'appointment_moved', 'appointment_cancelled', 'registered', 'helped', 'referred_national'];
async function newEvents(where: string, value: string, before: Set<number>): Promise<EventRow[]> {
	const rows = await queryE2e<EventRow & { id: number | string }>(`SELECT id, event, channel, assistance, kind, staff_role, service_slug FROM contact_events WHERE ${where} = ?`, value);
	return rows
		.filter((r) => !before.has(Number(r.id)))
		.map(({ id: _id, ...e }) => e)
		.sort((a, b) => ORDER.indexOf(a.event) - ORDER.indexOf(b.event));
}

/** One citizen's journey: the events of their key that were not there before. */
const eventsBefore = (cpr: string) => eventIdsOf('citizen_key', keyOf(cpr));
const journey = (cpr: string, before: Set<number>) => newEvents('citizen_key', keyOf(cpr), before);
/** What a helper records without a case: no citizen, so found by its topic alone. */
const topicBefore = (topic: string) => eventIdsOf('service_slug', topic);
const helpEvents = (topic: string, before: Set<number>) => newEvents('service_slug', topic, before);

/** Staff look the citizen up: channel, purpose, CPR number. */
async function startServing(page: Page, o: { channel: 'Ved skranken' | 'I telefonen'; purpose: string; cpr: string }) {
	await page.getByRole('link', { name: 'Betjen en borger' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Betjen en borger' })).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel(o.channel).check();
	await page.getByLabel('Hvad drejer henvendelsen sig om?').selectOption({ label: o.purpose });
	await page.getByLabel('Borgerens CPR-nummer').fill(o.cpr);
	await page.getByRole('button', { name: 'Find borgeren og start betjeningen' }).click();
}

test('staff serve a citizen at the counter through a whole form and a booking, and the citizen sees who looked', async ({ page, browser }) => {
	// A form, a booking, an exemption and the citizen's own view: longer than the default minute on a busy machine.
	test.setTimeout(150_000);
	const before = await eventsBefore('1704481234');
	await signInAsStaff(page, 'medarbejder');

	// Nothing chosen, then a CPR number nobody has: clear messages, and what was typed stays.
	await page.getByRole('link', { name: 'Betjen en borger' }).click();
	await page.getByRole('button', { name: 'Find borgeren og start betjeningen' }).click();
	await expect(page.getByRole('link', { name: 'Vælg, hvad henvendelsen drejer sig om' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Skriv borgerens CPR-nummer' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Skriv borgerens CPR-nummer' }).click();
	await expect(page.getByLabel('Borgerens CPR-nummer')).toBeFocused();
	await page.getByLabel('Hvad drejer henvendelsen sig om?').selectOption({ label: 'Ansøg om pas' });
	await page.getByLabel('Borgerens CPR-nummer').fill('170448-9999');
	await page.getByRole('button', { name: 'Find borgeren og start betjeningen' }).click();
	await expect(page.getByRole('link', { name: /Vi kan ikke finde en borger/ })).toBeVisible();
	await expect(page.getByLabel('Borgerens CPR-nummer')).toHaveValue('170448-9999');
	await expect(page.getByLabel('Hvad drejer henvendelsen sig om?')).toHaveValue('ansoeg-om-pas');
	// The CPR number never travels in the address.
	expect(page.url()).not.toContain('170448');

	await page.getByLabel('Borgerens CPR-nummer').fill('170448-1234');
	await page.getByRole('button', { name: 'Find borgeren og start betjeningen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Du betjener Gitte Hjælpsen' })).toBeVisible();
	await expectAccessible(page);
	const banner = page.getByRole('region', { name: 'Du betjener en borger' });
	await expect(banner).toContainText('Gitte Hjælpsen (170448-xxxx) ved skranken');
	await expect(page.locator('body')).not.toContainText('170448-1234');

	// The citizen's own passport form, operated by staff; the banner stays on every page.
	await page.getByRole('link', { name: 'Udfyld: Ansøg om pas' }).click();
	// The banner is there before the form page is: wait for the page itself before checking it.
	await expect(page.getByLabel('Hvor høj er personen, passet er til?')).toBeVisible();
	await expect(banner).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('Hvor høj er personen, passet er til?').fill('162');
	await next(page);
	await expect(banner).toBeVisible();
	await page.getByLabel('Nej').check();
	await next(page);
	await next(page);
	await page.getByLabel('E-mail').fill('gitte@example.dk');
	await next(page);
	const caseReference = await submitAndReadReceipt(page);
	await expect(banner).toBeVisible();

	// Then the counter visit the passport needs, from the receipt, with the times held back for the counter.
	await page.getByRole('link', { name: 'Bestil tid i Borgerservice' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Bestil tid: Pas' })).toBeVisible();
	await chooseDayAndTime(page, { day: 3, time: 'last' });
	await expect(page.getByLabel('Navn')).toHaveValue('Gitte Hjælpsen');
	await expect(page.getByLabel('E-mail')).toHaveValue('gitte@example.dk');
	await next(page, 'Bestil tiden');
	await expect(page.getByRole('heading', { name: 'Din tid er bestilt' })).toBeVisible();
	const appointment = (await page.locator('.reference').textContent())!.trim();
	await expect(banner).toBeVisible();

	// She is exempt from mandatory self-service: recorded by key, shown on the overview.
	await banner.getByRole('link', { name: 'Oversigt' }).click();
	await page.getByRole('button', { name: 'Registrér fritagelse' }).click();
	await expect(page.getByRole('link', { name: 'Vælg, hvad borgeren er fritaget for' })).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('Fritaget for').selectOption({ label: 'Alle tjenester med obligatorisk selvbetjening' });
	await page.getByLabel('Mangler digitale færdigheder').check();
	await page.getByRole('button', { name: 'Registrér fritagelse' }).click();
	await expect(page.getByText('Fritagelsen er registreret.')).toBeVisible();
	await expect(page.locator('main')).toContainText('Alle tjenester med obligatorisk selvbetjening: Mangler digitale færdigheder');
	await expectAccessible(page);

	await banner.getByRole('button', { name: 'Afslut betjening' }).click();
	await expect(page.getByText('Betjeningen er afsluttet.')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Du betjener en borger' })).toHaveCount(0);
	// Served no more: the citizen's pages send staff back to look someone up.
	await page.goto('/mine-sager');
	await expect(page.getByRole('heading', { level: 1, name: 'Betjen en borger' })).toBeVisible();

	// Recorded as counter, on behalf, by staff; and the submission says the same.
	const events = await journey('1704481234', before);
	expect(events.map((e) => [e.event, e.service_slug])).toEqual([
		['form_started', 'ansoeg-om-pas'],
		['form_submitted', 'ansoeg-om-pas'],
		['appointment_booked', 'ansoeg-om-pas']
	]);
	for (const e of events) expect(e).toMatchObject({ channel: 'counter', assistance: 'on_behalf', staff_role: 'staff' });
	const [submission] = await queryE2e<{ channel: string; assistance: string; operator: string | null }>(
		'SELECT channel, assistance, operator_staff_id AS operator FROM submissions WHERE reference = ?',
		caseReference
	);
	expect(submission).toMatchObject({ channel: 'counter', assistance: 'on_behalf' });
	expect(submission.operator).toBeTruthy();

	// Gitte, on her own phone later: her case, her time, and who looked at her data.
	const gitte = await newPerson(browser);
	await gitte.goto('/mine-sager');
	await signInAsTestPerson(gitte, 'Gitte Hjælpsen');
	await expect(gitte.getByRole('heading', { level: 1, name: 'Mine sager' })).toBeVisible();
	await expectAccessible(gitte);
	await expect(gitte.locator('.case-card', { hasText: caseReference })).toContainText('Ansøg om pas');
	await expect(gitte.locator('.case-card', { hasText: appointment })).toContainText('Pas');
	const log = gitte.locator('.access-log');
	for (const what of ['Slog dig op i CPR for at betjene dig', 'Udfyldte din blanket for dig', 'Sendte eller ændrede status på din ansøgning', 'Bestilte eller ændrede din aftale', 'Registrerede din fritagelse for digital selvbetjening'])
		await expect(log.getByRole('row', { name: new RegExp(what) }).first()).toContainText('Medarbejder, Borgerservice');
	// Four pages filled in for her are one line, not four.
	await expect(log.getByRole('row', { name: /Udfyldte din blanket for dig/ })).toHaveCount(1);
	await expect(log.getByRole('row', { name: /Udfyldte din blanket for dig/ })).toContainText(/\(\d+ gange\)/);
	await expect(log).not.toContainText('Mette');
});

test('a citizen served on the phone gets the receipt by e-mail, and goes on himself with what the call left unfinished', async ({ page, browser }) => {
	const before = await eventsBefore('2311521234');
	await signInAsStaff(page, 'medarbejder');
	await startServing(page, { channel: 'I telefonen', purpose: 'Bestil nyt sundhedskort', cpr: '2311521234' });
	await expect(page.getByRole('region', { name: 'Du betjener en borger' })).toContainText('Hans Telefonsen (231152-xxxx) i telefonen');
	await page.getByRole('link', { name: 'Udfyld: Bestil nyt sundhedskort' }).click();
	await page.getByLabel('Jeg har mistet det').check();
	await next(page);
	await page.getByLabel('Jeg ved, at det nye kort koster 205 kr.').check();
	await next(page);
	await expect(page.getByLabel('Vej, husnummer, etage')).toHaveValue('Møllebakken 2');
	await next(page);
	await page.getByLabel('E-mail').fill('hans@example.dk');
	await next(page);
	const reference = await submitAndReadReceipt(page);

	await expect(async () => {
		const mail = readdirSync(OUTBOX)
			.filter((f) => f.includes('receipt') && f.endsWith('.eml'))
			.map((f) => readFileSync(path.join(OUTBOX, f), 'utf8'))
			.find((m) => m.includes(reference));
		expect(mail).toBeTruthy();
		expect(mail).toMatch(/^To: hans@example\.dk/m);
	}).toPass();
	const events = await journey('2311521234', before);
	expect(events.map((e) => [e.event, e.channel, e.assistance])).toEqual([
		['form_started', 'phone', 'on_behalf'],
		['form_submitted', 'phone', 'on_behalf']
	]);

	// Another order is begun, and the call ends before it is done.
	const banner = page.getByRole('region', { name: 'Du betjener en borger' });
	await banner.getByRole('link', { name: 'Oversigt' }).click();
	await page.getByRole('link', { name: 'Udfyld: Bestil nyt sundhedskort' }).click();
	await page.getByLabel('Jeg har mistet det').check();
	await next(page);
	await banner.getByRole('button', { name: 'Afslut betjening' }).click();
	await expect(page.getByText('Betjeningen er afsluttet.')).toBeVisible();

	// The draft is Hans's: on his own phone he goes on where the call stopped.
	const hans = await newPerson(browser);
	await hans.goto('/mine-sager');
	await signInAsTestPerson(hans, 'Hans Telefonsen');
	await hans.getByRole('link', { name: 'Fortsæt Bestil nyt sundhedskort' }).click();
	await expect(hans.getByLabel('Jeg ved, at det nye kort koster 205 kr.')).toBeVisible();
	await expectAccessible(hans);
	await hans.getByRole('link', { name: 'Tilbage' }).click();
	await expect(hans.getByLabel('Jeg har mistet det')).toBeChecked();
});

test('an ambassador guides a citizen with a help code, and the contact events say guided', async ({ page, browser }) => {
	// Three people on three devices.
	test.setTimeout(150_000);
	const [before, forgedBefore, mitidBefore] = await Promise.all([eventsBefore('0606901234'), topicBefore('ansoeg-om-pas-x'), topicBefore('hjaelp-mitid')]);
	await signInAsStaff(page, 'ambassador');
	await page.getByRole('link', { name: 'Hjælp til selvhjælp' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Hjælp til selvhjælp' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Lav en ny hjælpekode' }).click();
	const code = (await page.locator('.help-code [aria-hidden]').textContent())!.replace(/\D/g, '');
	expect(code).toMatch(/^\d{8}$/);
	await expect(page.getByRole('img', { name: /QR-kode/ })).toBeVisible();
	await expectAccessible(page);

	// A forged topic is refused and counts nothing.
	const forged = await page.request.post('/medarbejder/hjaelp?/help', { headers: { origin: BASE_URL }, form: { emne: 'ansoeg-om-pas-x' }, maxRedirects: 0 });
	expect(forged.status()).toBe(400);
	expect(await helpEvents('ansoeg-om-pas-x', forgedBefore)).toEqual([]);

	// Help without a transaction: one tap.
	await page.getByRole('button', { name: 'Installere MitID-appen' }).click();
	await expect(page.getByText('Registreret: Installere MitID-appen.')).toBeVisible();
	await expectAccessible(page);
	expect(await helpEvents('hjaelp-mitid', mitidBefore)).toContainEqual(
		expect.objectContaining({ event: 'helped', channel: 'counter', assistance: 'guided', kind: 'information', staff_role: 'ambassador' })
	);

	// Ida, on her own phone: a wrong code first, then the right one.
	const ida = await newPerson(browser);
	await ida.goto('/tjenester/nyt-sundhedskort');
	await ida.getByRole('link', { name: 'Start nu' }).click();
	await signInAsTestPerson(ida, 'Ida Vejledsen');
	await ida.getByRole('link', { name: 'Skriv hjælperens kode' }).click();
	await expect(ida.getByRole('heading', { level: 1, name: 'Får du hjælp lige nu?' })).toBeVisible();
	await expectAccessible(ida);
	await ida.getByLabel('Hjælperens kode').fill('12 3');
	await ida.getByRole('button', { name: 'Bekræft koden' }).click();
	await expect(ida.getByRole('link', { name: 'Koden skal være 8 cifre' })).toBeVisible();
	await expect(ida.getByLabel('Hjælperens kode')).toHaveValue('12 3');
	await ida.getByLabel('Hjælperens kode').fill(code === '00000000' ? '00000001' : '00000000');
	await ida.getByRole('button', { name: 'Bekræft koden' }).click();
	await expect(ida.getByRole('link', { name: /Koden passer ikke/ })).toBeVisible();
	await expectAccessible(ida);
	await ida.getByLabel('Hjælperens kode').fill(`${code.slice(0, 4)} ${code.slice(4)}`);
	await ida.getByRole('button', { name: 'Bekræft koden' }).click();
	await expect(ida.getByText('Tak. Nu ved vi, at du får hjælp.')).toBeVisible();
	await expect(ida.getByRole('region', { name: 'Du får hjælp' })).toContainText('Digital ambassadør');
	await expectAccessible(ida);

	await ida.goto('/tjenester/nyt-sundhedskort');
	await ida.getByRole('link', { name: 'Start nu' }).click();
	await ida.getByLabel('Jeg har mistet det').check();
	await next(ida);
	await ida.getByLabel('Jeg ved, at det nye kort koster 205 kr.').check();
	await next(ida);
	await next(ida);
	await ida.getByLabel('E-mail').fill('ida@example.dk');
	await next(ida);
	await submitAndReadReceipt(ida);

	// A used code is spent.
	const other = await newPerson(browser);
	await other.goto(`/hjaelp?kode=${code}`);
	await signInAsTestPerson(other, 'Karen Adgangsen');
	await expect(other.getByLabel('Hjælperens kode')).toHaveValue(code);
	await other.getByRole('button', { name: 'Bekræft koden' }).click();
	await expect(other.getByRole('link', { name: /Koden passer ikke/ })).toBeVisible();

	// She started alone and finished with help: each event says how it happened.
	const digital = await journey('0606901234', before);
	expect(digital.map((e) => [e.event, e.assistance, e.staff_role])).toEqual([
		['form_started', 'none', null],
		['form_submitted', 'guided', 'ambassador']
	]);
	// The helper's name is nowhere among the events: the table has no column for it.
	const columns = await columnsOf('contact_events');
	expect(columns).not.toContain('staff_id');
});

test('the kiosk warns, signs out after inactivity, and the next person finds nothing', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'da-DK' });
	const page = await context.newPage();
	await staffLogin(page, 'medarbejder');
	await page.goto('/medarbejder/kiosk');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Gør denne enhed til en kiosk og log mig af' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Selvbetjening hos Eksempel Kommune' })).toBeVisible();

	await page.clock.install();
	await page.goto('/tjenester/nyt-sundhedskort');
	await page.getByRole('link', { name: 'Start nu' }).click();
	await signInAsTestPerson(page, 'Jonas Kiosksen');
	await page.getByLabel('Jeg har mistet det').check();
	await next(page);
	const formUrl = page.url();
	// Something only this browser holds, as an offline draft would be.
	await page.evaluate(() => {
		localStorage.setItem('draft', 'Jonas');
		indexedDB.open('indgang-test', 1);
	});

	// Two minutes of quiet: a warning, and the citizen can stay.
	await page.clock.fastForward('02:05');
	const dialog = page.getByRole('dialog', { name: 'Er du her stadig?' });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('button', { name: 'Fortsæt' })).toBeFocused();
	await expectAccessible(page);
	await dialog.getByRole('button', { name: 'Fortsæt' }).click();
	await expect(dialog).toBeHidden();

	// Then three minutes of quiet: signed out, and told why.
	await page.clock.fastForward('03:05');
	await expect(page.getByText('Du er logget af, fordi der ikke skete noget i et stykke tid.')).toBeVisible();
	await expectAccessible(page);
	expect(await page.evaluate(() => localStorage.length)).toBe(0);
	expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);

	// The next person: no way back into Jonas's form, his name nowhere.
	await page.goBack();
	await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();
	await expect(page.getByRole('banner')).not.toContainText('Jonas');
	await page.goto(formUrl);
	await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();
	await page.goto('/mine-sager');
	await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();
	await expect(page.getByRole('banner')).not.toContainText('Jonas');

	// Signing out by hand, the kiosk asks how it went: one tap.
	await signInAsTestPerson(page, 'Jonas Kiosksen');
	await page.getByRole('button', { name: 'Log af' }).click();
	await page.getByRole('region', { name: 'Hvordan gik det?' }).getByRole('button', { name: '4: Godt' }).click();
	await expect(page.locator('main')).toContainText('Tak. Du gav 4 ud af 5.');
	await expect(page.getByRole('banner')).not.toContainText('Jonas');
	await context.close();
});

test('staff are warned before serving a citizen ends by itself, and before they are signed out', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'da-DK' });
	const page = await context.newPage();
	await staffLogin(page, 'medarbejder');
	await page.clock.install();
	await page.goto('/medarbejder/betjen');
	await page.getByLabel('I telefonen').check();
	await page.getByLabel('Hvad drejer henvendelsen sig om?').selectOption({ label: 'Generel vejledning' });
	await page.getByLabel('Borgerens CPR-nummer').fill('301070-1234');
	await page.getByRole('button', { name: 'Find borgeren og start betjeningen' }).click();
	const banner = page.getByRole('region', { name: 'Du betjener en borger' });
	await expect(banner).toBeVisible();

	// Fourteen quiet minutes: a warning before serving ends, and the staff member can go on.
	await page.clock.fastForward('14:05');
	const serving = page.getByRole('dialog', { name: 'Betjeningen slutter snart' });
	await expect(serving).toBeVisible();
	await expect(serving.getByRole('button', { name: 'Fortsæt betjeningen' })).toBeFocused();
	await expectAccessible(page);
	await serving.getByRole('button', { name: 'Fortsæt betjeningen' }).click();
	await expect(serving).toBeHidden();
	await expect(banner).toBeVisible();

	// Then fifteen: serving ends, the staff member is told why and is still signed in.
	await page.clock.fastForward('15:05');
	await expect(page.getByText('Betjeningen sluttede, fordi der ikke skete noget i 15 minutter.')).toBeVisible();
	await expect(banner).toBeHidden();
	await expectAccessible(page);

	// Thirty quiet minutes at the staff pages: a warning, then signed out, and told why.
	await page.clock.fastForward('29:05');
	const session = page.getByRole('dialog', { name: 'Du bliver snart logget af' });
	await expect(session).toBeVisible();
	await expect(session.getByRole('button', { name: 'Fortsæt' })).toBeFocused();
	await page.clock.fastForward('01:00');
	await expect(page.getByText('Du er logget af, fordi der ikke skete noget i et stykke tid.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Log ind som medarbejder' })).toBeVisible();
	await context.close();
});
