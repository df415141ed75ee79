import { expect, test, type Browser, type Page } from '@playwright/test';
import { BASE_URL } from '../playwright.config';
import { chooseDayAndTime, expectAccessible, newPerson, next, orderBrokenHealthCard, signInAsStaff, signInAsTestPerson, staffLogin, submitAndReadReceipt } from './support/helpers';
import { queryE2e } from './support/db';

/**
 * The permission matrix: every route that takes an id, asked by everyone who must not see it.
 * Karen Adgangsen owns a submission, a draft, an appointment and a receipt e-mail; everyone else
 * asks for them by id. A denial is a 403, a 404, or a redirect to a sign-in or look-up page, and
 * its body never holds anything of Karen's. Karen herself, and the staff who may, get the page:
 * without that control a broken route would pass as "denied".
 */

const KAREN = ['Adgangsen', 'karen@example.dk', '301070', 'Det er gået i stykker'];

type Answer = { status: number; location: string; body: string };
type Denial = 403 | 404 | 'login' | 'staffLogin' | 'lookUp';

const redirects: Record<Exclude<Denial, number>, RegExp> = {
	login: /^\/log-ind\b/,
	staffLogin: /^\/medarbejder\/log-ind\b/,
	lookUp: /^\/medarbejder\/betjen\b/
};

/** One request with the page's cookies; redirects are not followed, so nothing behind one is read. */
async function ask(page: Page, url: string, form?: Record<string, string>): Promise<Answer> {
	const response = await page.request.fetch(url, {
		method: form ? 'POST' : 'GET',
		maxRedirects: 0,
		// A real browser's form post; without Origin the CSRF check would refuse it, and prove nothing.
		headers: form ? { origin: BASE_URL } : {},
		form
	});
	return { status: response.status(), location: response.headers()['location'] ?? '', body: await response.text() };
}

async function expectDenied(page: Page, who: string, url: string, denial: Denial, form?: Record<string, string>) {
	const answer = await ask(page, url, form);
	const what = `${who} ${form ? 'POST' : 'GET'} ${url}`;
	if (typeof denial === 'number') expect.soft(answer.status, what).toBe(denial);
	else {
		expect.soft([301, 302, 303, 307], what).toContain(answer.status);
		expect.soft(new URL(answer.location, BASE_URL).pathname, what).toMatch(redirects[denial]);
	}
	for (const secret of KAREN) expect.soft(answer.body, `${what} shows Karen's data`).not.toContain(secret);
}

async function expectAllowed(page: Page, url: string, shows: string) {
	const answer = await ask(page, url);
	expect.soft(answer.status, url).toBe(200);
	expect.soft(answer.body, url).toContain(shows);
}

async function citizen(browser: Browser, name: string) {
	const page = await newPerson(browser);
	await page.goto('/log-ind');
	await signInAsTestPerson(page, name);
	return page;
}

async function staffMember(browser: Browser, username: string) {
	const page = await newPerson(browser);
	await staffLogin(page, username);
	await expect(page.getByRole('button', { name: 'Log af' })).toBeVisible();
	return page;
}

test('the permission matrix: no one reaches a citizen\'s submission, draft, appointment or receipt but those who may', async ({ browser }) => {
	test.setTimeout(120_000);

	// Karen: a sent application, an unfinished one, and an appointment.
	const karen = await newPerson(browser);
	await karen.goto('/tjenester/nyt-sundhedskort');
	await karen.getByRole('link', { name: 'Start nu' }).click();
	await signInAsTestPerson(karen, 'Karen Adgangsen');
	await orderBrokenHealthCard(karen, 'karen@example.dk');
	const reference = await submitAndReadReceipt(karen);

	await karen.goto('/tjenester/nyt-sundhedskort');
	await karen.getByRole('link', { name: 'Start nu' }).click();
	await karen.getByLabel('Det er gået i stykker').check();
	await next(karen);
	const [, draftId] = new URL(karen.url()).pathname.match(/^\/skema\/([^/]+)\/[^/]+$/)!;
	const draftPage = `/skema/${draftId}/reason`;
	// Text on SQLite, an object from PostgreSQL's jsonb: compared as JSON either way.
	const draftAnswers = async () => {
		const answers = (await queryE2e<{ answers: unknown }>('SELECT answers FROM drafts WHERE id = ?', draftId))[0]?.answers;
		return typeof answers === 'string' ? answers : JSON.stringify(answers);
	};
	const answersBefore = await draftAnswers();
	expect(answersBefore).toContain('damaged');

	await karen.goto('/tidsbestilling/sundhedskort');
	await chooseDayAndTime(karen);
	await karen.getByLabel('E-mail').fill('karen@example.dk');
	await next(karen, 'Bestil tiden');
	await expect(karen.getByRole('heading', { name: 'Din tid er bestilt' })).toBeVisible();
	const booked = (await karen.locator('.reference').textContent())!.trim();

	const [{ submissionId }] = await queryE2e<{ submissionId: string }>('SELECT id AS "submissionId" FROM submissions WHERE reference = ?', reference);
	const [{ appointmentId }] = await queryE2e<{ appointmentId: string }>('SELECT id AS "appointmentId" FROM appointments WHERE reference = ?', booked);
	const [{ mailId }] = await queryE2e<{ mailId: number }>('SELECT id AS "mailId" FROM outbox WHERE submission_id = ?', submissionId);

	const citizenRoutes = [
		draftPage,
		`/skema/${draftId}/tjek`,
		`/kvittering/${reference}`,
		`/aftale/${booked}`,
		`/aftale/${booked}/flyt`,
		`/aftale/${booked}/aflys`,
		`/aftale/${booked}/kalender.ics`
	];
	// No upload exists for this form; every role below is refused before the file is looked up.
	const staffRoutes = [
		`/medarbejder/sager/${submissionId}`,
		`/medarbejder/sager/${submissionId}?formaal=casework`,
		`/medarbejder/sager/${submissionId}/filer/AAAAAAAAAAAAAAAAAAAA?formaal=casework`,
		`/medarbejder/aftaler/${appointmentId}`,
		`/medarbejder/udbakke/${mailId}`
	];

	// The controls: Karen reaches all of hers, and staff reach the staff pages.
	await expectAllowed(karen, draftPage, 'Bestil nyt sundhedskort');
	// An unfinished draft's check page sends its owner on to the first unanswered page.
	expect((await ask(karen, `/skema/${draftId}/tjek`)).location).toMatch(new RegExp(`^/skema/${draftId}/\\w+\\?`));
	await expectAllowed(karen, `/kvittering/${reference}`, reference);
	await expectAllowed(karen, `/aftale/${booked}`, booked);
	await expectAllowed(karen, `/aftale/${booked}/kalender.ics`, 'BEGIN:VCALENDAR');
	const staff = await staffMember(browser, 'medarbejder');
	await expectAllowed(staff, `/medarbejder/sager/${submissionId}?formaal=casework`, 'Karen Adgangsen');
	await expectAllowed(staff, `/medarbejder/aftaler/${appointmentId}`, booked);
	await expectAllowed(staff, `/medarbejder/udbakke/${mailId}`, 'karen@example.dk');

	const anonymous = await newPerson(browser);
	const erik = await citizen(browser, 'Erik Prøvesen');
	const ambassador = await staffMember(browser, 'ambassador');
	const manager = await staffMember(browser, 'leder');
	const admin = await staffMember(browser, 'admin');
	const serving = await newPerson(browser);
	await signInAsStaff(serving, 'medarbejder');
	await serving.goto('/medarbejder/betjen');
	await serving.getByLabel('Ved skranken').check();
	await serving.getByLabel('Hvad drejer henvendelsen sig om?').selectOption({ label: 'Bestil nyt sundhedskort' });
	await serving.getByLabel('Borgerens CPR-nummer').fill('170448-1234');
	await serving.getByRole('button', { name: 'Find borgeren og start betjeningen' }).click();
	await expect(serving.getByRole('region', { name: 'Du betjener en borger' })).toContainText('Gitte Hjælpsen');

	// A citizen's own pages: sign in first, someone else's is not there, helpers and managers have no business there.
	for (const url of citizenRoutes) {
		await expectDenied(anonymous, 'anonymous', url, 'login');
		await expectDenied(erik, 'another citizen', url, 404);
		await expectDenied(ambassador, 'ambassador', url, 403);
		await expectDenied(manager, 'manager', url, 403);
		await expectDenied(admin, 'admin', url, 403);
		await expectDenied(staff, 'staff serving no one', url, 'lookUp');
		await expectDenied(serving, 'staff serving Gitte', url, 404);
	}
	// Changes by the wrong person change nothing.
	await expectDenied(erik, 'another citizen', draftPage, 404, { reason: 'name_change' });
	await expectDenied(erik, 'another citizen', `/skema/${draftId}/tjek`, 404, {});
	await expectDenied(erik, 'another citizen', `/aftale/${booked}/aflys`, 404, {});
	await expectDenied(serving, 'staff serving Gitte', `/aftale/${booked}/aflys`, 404, {});
	await expectDenied(ambassador, 'ambassador', draftPage, 403, { reason: 'name_change' });
	expect(await draftAnswers()).toBe(answersBefore);
	expect(await queryE2e('SELECT 1 FROM appointments WHERE id = ? AND status = ?', appointmentId, 'booked')).toHaveLength(1);
	expect(await queryE2e('SELECT 1 FROM submissions WHERE citizen_id = (SELECT citizen_id FROM drafts WHERE id = ?)', draftId)).toHaveLength(1);

	// Case work is for staff: not for citizens, ambassadors, managers or administrators.
	for (const url of staffRoutes) {
		await expectDenied(anonymous, 'anonymous', url, 'staffLogin');
		await expectDenied(karen, 'the citizen herself', url, 'staffLogin');
		await expectDenied(ambassador, 'ambassador', url, 403);
		await expectDenied(manager, 'manager', url, 403);
		if (!url.includes('udbakke')) await expectDenied(admin, 'admin', url, 403);
	}
	await expectDenied(ambassador, 'ambassador', `/medarbejder/sager/${submissionId}?/status`, 403, { status: 'rejected' });
	await expectDenied(manager, 'manager', `/medarbejder/aftaler/${appointmentId}?/cancel`, 403, {});
	expect(await queryE2e('SELECT 1 FROM submissions WHERE id = ? AND status = ?', submissionId, 'received')).toHaveLength(1);
	expect(await queryE2e('SELECT 1 FROM appointments WHERE id = ? AND status = ?', appointmentId, 'booked')).toHaveLength(1);

	// Reports are the managers'; targets and rules the administrators'; citizens' data no ambassador's.
	const roleRoutes: [string, Page, Denial][] = [];
	for (const url of ['/medarbejder/rapport', '/medarbejder/rapport/eksport.csv'])
		roleRoutes.push([url, ambassador, 403], [url, staff, 403], [url, admin, 403], [url, karen, 'staffLogin']);
	for (const url of ['/medarbejder/maal', '/medarbejder/opsaetning'])
		roleRoutes.push([url, ambassador, 403], [url, staff, 403], [url, manager, 403], [url, karen, 'staffLogin']);
	for (const url of ['/medarbejder/sager', '/medarbejder/betjen', '/medarbejder/udbakke', '/mine-sager'])
		roleRoutes.push([url, ambassador, 403], [url, manager, 403]);
	for (const [url, page, denial] of roleRoutes) await expectDenied(page, await page.evaluate(() => document.title), url, denial);
	await expectDenied(staff, 'staff', '/medarbejder/maal?/targets', 403, { 'maal-nyt-sundhedskort-2026': '10' });
	await expectAllowed(manager, '/medarbejder/rapport', 'Kanalrapport');
	await expectAllowed(admin, '/medarbejder/maal', 'Mål');

	// The refusals a person sees are pages, in the portal's layout, and accessible.
	await erik.goto(`/kvittering/${reference}`);
	await expect(erik.getByRole('heading', { level: 1 })).toBeVisible();
	await expectAccessible(erik);
	await ambassador.goto('/medarbejder/rapport');
	await expectAccessible(ambassador);
});
