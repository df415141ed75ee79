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

/** WCAG relative luminance contrast of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
	const lum = (css: string) => {
		const [r, g, bl] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
			const c = Number(v) / 255;
			return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
	};
	const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

test('on a 360 x 640 phone, signed in, a form page shows its question without scrolling; the error summary’s focus ring has 3:1', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 640 });
	await page.goto('/tjenester/ansoeg-om-pas/start');
	await signInAsTestPerson(page, 'Erik Prøvesen');
	const question = page.getByRole('heading', { level: 1, name: 'Hvor høj er personen, passet er til?' });
	await expect(question).toBeVisible();
	expect(await page.evaluate(() => window.scrollY)).toBe(0);
	const input = page.getByRole('textbox').first();
	const box = await input.boundingBox();
	expect(box, 'the answer field').not.toBeNull();
	expect(box!.y + box!.height, 'the answer field ends on the first screen').toBeLessThanOrEqual(640);
	// The compact header keeps its links and buttons big enough to hit (WCAG 2.5.8: 24 px).
	for (const target of await page.locator('header a:visible, header button:visible').all()) {
		const b = await target.boundingBox();
		expect(b!.height, await target.innerText()).toBeGreaterThanOrEqual(24);
	}

	await page.getByRole('button', { name: 'Fortsæt', exact: true }).click();
	const summary = page.locator('.error-summary');
	await expect(summary).toBeFocused();
	const ring = await summary.evaluate((el) => {
		const style = getComputedStyle(el);
		return { outline: style.outlineColor, width: parseFloat(style.outlineWidth), around: getComputedStyle(document.body).backgroundColor, inside: style.backgroundColor };
	});
	expect(ring.width).toBeGreaterThanOrEqual(2);
	expect(contrast(ring.outline, ring.around), `focus ring ${ring.outline} on ${ring.around}`).toBeGreaterThanOrEqual(3);
	expect(contrast(ring.outline, ring.inside), `focus ring ${ring.outline} on ${ring.inside}`).toBeGreaterThanOrEqual(3);
});

test('the design system’s icons show: an alert’s icon and the back link’s arrow, within the CSP', async ({ page }) => {
	const refused: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
	});
	await page.goto('/tjenester/anmeld-flytning');
	const arrow = page.getByRole('link', { name: 'Tilbage' }).locator('svg');
	await expect(arrow).toBeVisible();
	expect((await arrow.boundingBox())!.width).toBeGreaterThan(8);
	await page.goto('/log-ind');
	const icon = page.locator('.alert-warning svg.alert-icon');
	await expect(icon).toBeVisible();
	// The sprite the icon points to is served, as SVG, and holds the symbol.
	const href = await icon.locator('use').getAttribute('href');
	const [file, symbol] = href!.split('#');
	const sprite = await page.request.get(file);
	expect(sprite.status()).toBe(200);
	expect(sprite.headers()['content-type']).toContain('image/svg+xml');
	expect(await sprite.text()).toContain(`id="${symbol}"`);
	expect((await icon.boundingBox())!.width).toBeGreaterThan(8);
	expect(refused).toEqual([]);
});
