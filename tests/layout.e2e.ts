import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signInAsTestPerson, staffLogin } from './support/helpers';

/** The smallest phone (320 px, which is also 1280 px at 400 % zoom) and a desktop. */
const widths = [320, 1280];

async function expectFits(page: Page) {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow, `horizontal scrolling on ${page.url()}`).toBeLessThanOrEqual(0);
	await expectAccessible(page);
}

for (const width of widths) {
	test(`pages fit and pass axe at ${width} px`, async ({ page }) => {
		await page.setViewportSize({ width, height: 800 });
		for (const url of ['/', '/?q=pas', '/tjenester/ansoeg-om-pas', '/tidsbestilling', '/skaerm', '/tilgaengelighed', '/medarbejder/log-ind', '/findes-ikke']) {
			await page.goto(url);
			await expectFits(page);
		}
		await page.goto('/tjenester/ansoeg-om-pas/start');
		await signInAsTestPerson(page, 'Erik Prøvesen');
		await expect(page.getByRole('heading', { level: 1, name: 'Hvor høj er personen, passet er til?' })).toBeVisible();
		await expectFits(page);
		await page.getByRole('button', { name: 'Fortsæt', exact: true }).click();
		await expect(page.getByRole('alert')).toBeVisible();
		await expectFits(page);
		await page.goto('/mine-sager');
		await expectFits(page);
		await page.goto('/tidsbestilling/koerekort');
		await expectFits(page);
		await page.getByRole('group', { name: 'Hvilken dag vil du komme?' }).getByRole('radio').first().check();
		await page.getByRole('button', { name: 'Vis ledige tider' }).click();
		await expect(page.getByRole('group', { name: /^Hvilket tidspunkt/ })).toBeVisible();
		await expectFits(page);
	});
}

test('assisted pages fit at 320 px: the serving banner, the help code with its QR code, the kiosk set-up', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 800 });
	await staffLogin(page, 'medarbejder');
	for (const url of ['/medarbejder/betjen', '/medarbejder/kiosk', '/medarbejder/hjaelp']) {
		await page.goto(url);
		await expectFits(page);
	}
	await page.getByRole('button', { name: 'Lav en ny hjælpekode' }).click();
	await expect(page.getByRole('img', { name: /QR-kode/ })).toBeVisible();
	await expectFits(page);
	await page.goto('/medarbejder/betjen');
	await page.getByLabel('I telefonen').check();
	await page.getByLabel('Hvad drejer henvendelsen sig om?').selectOption({ label: 'Ansøg om pas' });
	await page.getByLabel('Borgerens CPR-nummer').fill('140299-1234');
	await page.getByRole('button', { name: 'Find borgeren og start betjeningen' }).click();
	await expect(page.getByRole('region', { name: 'Du betjener en borger' })).toBeVisible();
	await expectFits(page);
	await page.getByRole('link', { name: 'Udfyld: Ansøg om pas' }).click();
	await expectFits(page);
	await page.getByRole('region', { name: 'Du betjener en borger' }).getByRole('button', { name: 'Afslut betjening' }).click();
	await expectFits(page);
});

test('keyboard only: skip link, then the form in a sensible order', async ({ page }) => {
	await page.goto('/tjenester/anmeld-flytning');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Gå til sidens indhold' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeVisible();
	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: 'Tilbage' })).toBeFocused();
	// Tab on until the start button, then start with Enter.
	for (let i = 0; i < 10 && !(await page.getByRole('link', { name: 'Start nu' }).evaluate((el) => el === document.activeElement)); i++) {
		await page.keyboard.press('Tab');
	}
	await expect(page.getByRole('link', { name: 'Start nu' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();
});
