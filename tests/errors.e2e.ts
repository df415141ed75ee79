import { expect, test, type Page } from '@playwright/test';
import { BASE_URL, sparePort } from '../playwright.config';
import { enterAppCode, expectAccessible, signInAsStaff, signInAsTestPerson } from './support/helpers';
import { startPortal } from './support/portal';

/** The portal's own page: its language, its title, header, footer and skip link, and axe. */
async function expectOwnErrorPage(page: Page, heading: string | RegExp, lang = 'da') {
	await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', lang);
	await expect(page).toHaveTitle(/ – Indgang$/);
	await expect(page.getByRole('banner')).toBeVisible();
	await expect(page.getByRole('contentinfo')).toContainText('Tilgængelighedserklæring');
	await expect(page.getByRole('link', { name: 'Gå til sidens indhold' })).toBeAttached();
	await expectAccessible(page);
}

for (const [username, role, extra] of [
	['ambassador', 'digital ambassadør', 'Lav en hjælpekode til borgeren'],
	['leder', 'leder', null],
	['admin', 'administrator', null]
] as const) {
	test(`a ${role} who presses "Start nu" is told why and what to do instead`, async ({ page }) => {
		await signInAsStaff(page, username);
		await page.goto('/tjenester/ansoeg-om-pas');
		await page.getByRole('link', { name: 'Start nu' }).click();
		await expectOwnErrorPage(page, 'Selvbetjeningen er for borgere');
		await expect(page.locator('main')).toContainText(`Du er logget ind som ${role}.`);
		if (extra) await expect(page.getByRole('link', { name: extra })).toHaveAttribute('href', '/medarbejder/hjaelp');
		else await expect(page.locator('main')).toContainText('Betjen en borger');
		// A real way back: to the service page the button was on, and the staff front page.
		await page.getByRole('link', { name: 'Gå tilbage til den side, du kom fra' }).click();
		await expect(page).toHaveURL(/\/tjenester\/ansoeg-om-pas$/);
		await page.goBack();
		await expect(page.getByRole('link', { name: 'Gå til medarbejderforsiden' })).toHaveAttribute('href', '/medarbejder');
	});
}

test('errors in every route group are the portal’s own page, in the user’s language', async ({ page, browser }) => {
	// Public: a page that does not exist, from a link on the front page's language.
	await page.goto('/findes-ikke');
	await expectOwnErrorPage(page, 'Siden findes ikke');
	await expect(page.getByRole('link', { name: 'Gå til forsiden' })).toHaveAttribute('href', '/');

	// An endpoint's error (a private calendar link that is not one) is drawn as a page too.
	const ics = await page.goto('/aftale/ikke-en-noegle/kalender.ics');
	expect(ics?.status()).toBe(404);
	await expectOwnErrorPage(page, 'Siden findes ikke');

	// Citizen: a form that is not this citizen's.
	await page.goto('/log-ind?redirectTo=/mine-sager');
	await signInAsTestPerson(page, 'Karen Adgangsen');
	const missing = await page.goto('/skema/findes-ikke/start');
	expect(missing?.status()).toBe(404);
	await expectOwnErrorPage(page, 'Siden findes ikke');

	// A request that changed something without coming from the portal: refused, and said so.
	const forged = await page.request.post('/log-ud', { headers: { accept: 'text/html' }, maxRedirects: 0 });
	expect(forged.status()).toBe(403);
	expect(await forged.text()).toContain('Vi kunne ikke tage imod det, du sendte');
	await page.goto('/mine-sager');
	await expect(page.getByRole('heading', { level: 1, name: 'Mine sager' })).toBeVisible();

	// Staff, in English: a page the role may not open.
	const staff = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-GB' });
	const ambassador = await staff.newPage();
	await ambassador.goto('/medarbejder/log-ind');
	await ambassador.getByLabel('Username').fill('ambassador');
	await ambassador.getByLabel('Password').fill('indgang-demo-2026');
	await ambassador.getByRole('button', { name: 'Log in' }).click();
	await enterAppCode(ambassador);
	const report = await ambassador.goto('/medarbejder/rapport');
	expect(report?.status()).toBe(403);
	await expect(ambassador.getByRole('heading', { level: 1, name: 'You do not have access' })).toBeVisible();
	await expect(ambassador.locator('html')).toHaveAttribute('lang', 'en');
	await expect(ambassador).toHaveTitle(/ – Indgang$/);
	await expect(ambassador.getByRole('link', { name: 'Go to the staff front page' })).toBeVisible();
	await expectAccessible(ambassador);
	await staff.close();

	// A body larger than any request may be, and one that cannot be read.
	const big = await page.request.post('/medarbejder/log-ind', {
		headers: { origin: BASE_URL, accept: 'text/html' },
		multipart: { username: 'x', file: { name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(13 * 1024 * 1024) } }
	});
	expect(big.status()).toBe(413);
	expect(await big.text()).toContain('Det, du sendte, er for stort');
	const broken = await page.request.post('/medarbejder/log-ind', {
		headers: { origin: BASE_URL, 'content-type': 'multipart/form-data; boundary=x', accept: 'text/html' },
		data: 'not multipart at all'
	});
	expect(broken.status()).toBe(400);
	expect(await broken.text()).toContain('Vi kunne ikke læse det, du sendte');

	// A server fault is drawn by the same page.
	await page.goto('/fejl?status=500');
	await expectOwnErrorPage(page, 'Der skete en fejl');
});

test('with the MitID broker unreachable, the citizen is told so, with the phone number, opening hours and a way to try again', async ({ page }) => {
	// A broker on a port nobody listens on.
	const portal = await startPortal('errors-idp-down', sparePort(1), { OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_CLIENT_ID: 'indgang' });
	try {
		await page.goto(`${portal.url}/tjenester/nyt-sundhedskort`);
		await page.getByRole('link', { name: 'Start nu' }).click();
		await page.getByRole('link', { name: 'Log ind med MitID' }).click();
		await expectOwnErrorPage(page, 'MitID kan ikke nås lige nu');
		await expect(page.locator('main').getByRole('link', { name: '70 00 00 00' })).toHaveAttribute('href', 'tel:+4570000000');
		await expect(page.locator('main .contact-hours')).toContainText('Torsdag');
		// The citizen's place is kept: trying again goes on to the form they started.
		const retry = page.getByRole('link', { name: 'Prøv at logge ind igen' });
		await expect(retry).toHaveAttribute('href', /^\/log-ind\/oidc\?redirectTo=%2Ftjenester%2Fnyt-sundhedskort%2Fstart$/);
	} finally {
		await portal.stop();
	}
});

test('the accessibility statement follows Digitaliseringsstyrelsen’s structure, and /was finds it', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('contentinfo').getByRole('link', { name: 'Tilgængelighedserklæring' }).click();
	await expect(page).toHaveURL(/\/tilgaengelighed$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Tilgængelighedserklæring' })).toBeVisible();
	for (const heading of ['Oplever du indhold, der ikke er tilgængeligt?', 'Overholdelsesstatus', 'Indhold, der ikke er tilgængeligt', 'Udarbejdelse af denne erklæring', 'Håndhævelsesprocedure'])
		await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible();
	const main = page.locator('main');
	await expect(main).toContainText('delvist i overensstemmelse');
	await expect(main).not.toContainText('ingen kendte problemer');
	await expect(main.getByRole('link', { name: 'borgerservice@eksempel-kommune.dk' })).toHaveAttribute('href', 'mailto:borgerservice@eksempel-kommune.dk');
	await expect(main.getByRole('link', { name: '70 00 00 00' })).toHaveAttribute('href', 'tel:+4570000000');
	await expect(main.getByRole('link', { name: 'Klag til Digitaliseringsstyrelsen' })).toHaveAttribute('href', /^https:\/\/digst\.dk\//);
	await expectAccessible(page);
	const was = await page.request.get('/was', { maxRedirects: 0 });
	expect(was.headers()['location']).toBe('/tilgaengelighed');
});

test('with ACCESSIBILITY_STATEMENT_URL set, the footer and /was point to the statement in WAS-Tool', async ({ page }) => {
	const statement = 'https://www.was.digst.dk/indgang-eksempel-kommune-dk';
	const portal = await startPortal('errors-was', sparePort(3), { ACCESSIBILITY_STATEMENT_URL: statement });
	try {
		await page.goto(`${portal.url}/`);
		await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Tilgængelighedserklæring' })).toHaveAttribute('href', statement);
		const was = await page.request.get(`${portal.url}/was`, { maxRedirects: 0 });
		expect(was.status()).toBe(302);
		expect(was.headers()['location']).toBe(statement);
	} finally {
		await portal.stop();
	}
});
