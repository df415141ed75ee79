import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, overrideTextSpacing, signInAsStaff, signInAsTestPerson, staffLogin } from './support/helpers';

/** The smallest phone (320 px, which is also 1280 px at 400 % zoom) and a desktop. */
const widths = [320, 1280];


/** No sideways scrolling and no axe violation; on the narrowest screen also with WCAG text spacing. */
async function expectFits(page: Page) {
	const narrow = (page.viewportSize()?.width ?? 0) <= 320;
	for (const spacing of narrow ? [false, true] : [false]) {
		await overrideTextSpacing(page, spacing);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow, `horizontal scrolling on ${page.url()}${spacing ? ' with text spacing' : ''}`).toBeLessThanOrEqual(0);
		await expectAccessible(page);
	}
	await overrideTextSpacing(page, false);
}

/** WCAG's contrast ratio of two CSS colours (rgb()/rgba() as getComputedStyle gives them; alpha ignored). */
function contrast(a: string, b: string) {
	const luminance = (css: string) => {
		const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
			const c = Number(v) / 255;
			return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

/**
 * The focused element's ring (its outline, else the colours of its box-shadows) and what it
 * touches: the ground around the element (the nearest ancestor with a background) and the
 * element's own background.
 */
async function focusRing(target: Locator) {
	return target.evaluate((el) => {
		const ground = (node: Element | null): string => {
			for (let e = node; e; e = e.parentElement) {
				const bg = getComputedStyle(e).backgroundColor;
				if (bg && !/rgba\(.*,\s*0\)$/.test(bg) && bg !== 'transparent') return bg;
			}
			return 'rgb(255, 255, 255)';
		};
		const cs = getComputedStyle(el);
		const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 ? [cs.outlineColor] : [];
		const shadows = cs.boxShadow === 'none' ? [] : (cs.boxShadow.match(/rgba?\([^)]*\)/g) ?? []);
		return { colours: [...outline, ...shadows], width: parseFloat(cs.outlineWidth) || 0, around: ground(el.parentElement), own: ground(el) };
	});
}

/** The strongest colour of the ring against each of the given grounds. */
function ringContrast(ring: { colours: string[] }, ...grounds: string[]) {
	return Math.max(0, ...ring.colours.map((c) => Math.min(...grounds.map((g) => contrast(c, g)))));
}

for (const width of widths) {
	test(`pages fit and pass axe at ${width} px`, async ({ page }) => {
		await page.setViewportSize({ width, height: 800 });
		for (const url of ['/', '/?q=pas', '/tjenester/ansoeg-om-pas', '/tidsbestilling', '/skaerm', '/tilgaengelighed', '/privatliv', '/medarbejder/log-ind', '/findes-ikke']) {
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
	await expect(page).toHaveURL(/\/skema\//);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expectFits(page);
	await page.getByRole('region', { name: 'Du betjener en borger' }).getByRole('button', { name: 'Afslut betjening' }).click();
	await expect(page.getByRole('region', { name: 'Du betjener en borger' })).toBeHidden();
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

test('the error summary takes focus with a ring of at least 3:1 against white and against itself (WCAG 1.4.11)', async ({ page }) => {
	await page.goto('/tjenester/ansoeg-om-pas/start');
	await signInAsTestPerson(page, 'Erik Prøvesen');
	await page.getByRole('button', { name: 'Fortsæt', exact: true }).click();
	const summary = page.locator('.error-summary');
	await expect(summary).toBeFocused();
	const ring = await focusRing(summary);
	expect(ring.width, 'outline width').toBeGreaterThanOrEqual(2);
	expect(contrast(ring.around, 'rgb(255, 255, 255)')).toBe(1);
	for (const ground of [ring.around, ring.own]) {
		expect(ringContrast(ring, ground), `focus ring ${ring.colours.join(', ')} on ${ground}`).toBeGreaterThanOrEqual(3);
	}
	await expectAccessible(page);
});

test('the other focus rings of app.css: a scroll region on white, the serving banner\'s buttons on its dark ground', async ({ page }) => {
	await signInAsStaff(page, 'medarbejder');
	const region = page.getByRole('region', { name: 'Indbakke' });
	await region.focus();
	await expect(region).toBeFocused();
	const regionRing = await focusRing(region);
	expect(ringContrast(regionRing, regionRing.around), `scroll region ring ${regionRing.colours.join(', ')}`).toBeGreaterThanOrEqual(3);

	await page.goto('/medarbejder/betjen');
	await page.getByLabel('Ved skranken').check();
	await page.getByLabel('Hvad drejer henvendelsen sig om?').selectOption({ label: 'Ansøg om pas' });
	await page.getByLabel('Borgerens CPR-nummer').fill('140299-1234');
	await page.getByRole('button', { name: 'Find borgeren og start betjeningen' }).click();
	const banner = page.getByRole('region', { name: 'Du betjener en borger' });
	for (const target of [banner.getByRole('link').first(), banner.getByRole('button', { name: 'Afslut betjening' })]) {
		// Keyboard focus, as the ring is for: Tab onto it from the element before.
		await target.focus();
		await page.keyboard.press('Shift+Tab');
		await page.keyboard.press('Tab');
		await expect(target).toBeFocused();
		const ring = await focusRing(target);
		expect(ringContrast(ring, ring.around), `banner ring ${ring.colours.join(', ')} on ${ring.around}`).toBeGreaterThanOrEqual(3);
	}
	await banner.getByRole('button', { name: 'Afslut betjening' }).click();
});

test('a signed-in form page at 360 x 640: a compact header, the question and its field on the first screen', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 640 });
	await page.goto('/tjenester/ansoeg-om-pas/start');
	await signInAsTestPerson(page, 'Erik Prøvesen');
	const h1 = page.getByRole('heading', { level: 1, name: 'Hvor høj er personen, passet er til?' });
	await expect(h1).toBeVisible();
	// Header and the guided-help prompt under it: at most a fifth of the screen (188 px before).
	const top = await page.evaluate(() => Math.max(...['header', '.help-prompt'].map((s) => document.querySelector(s)?.getBoundingClientRect().bottom ?? 0)));
	expect(top, 'bottom of the header and the help prompt').toBeLessThanOrEqual(128);
	for (const [name, target] of [
		['the question', h1],
		['its field', page.getByRole('textbox').first()],
		['the Fortsæt button', page.getByRole('button', { name: 'Fortsæt', exact: true })]
	] as const) {
		const box = (await target.boundingBox())!;
		expect(box.y + box.height, `${name} ends on the first screen`).toBeLessThan(640);
	}
	// Still a banner with the navigation landmark, and every target there at least 44 x 44 px (WCAG 2.5.8 asks 24).
	const banner = page.getByRole('banner');
	await expect(banner.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mine sager' })).toBeVisible();
	await expect(banner.getByRole('button', { name: 'Log af' })).toBeVisible();
	await expect(banner.getByRole('link', { name: 'English' })).toBeVisible();
	for (const target of await banner.locator('a:visible, button:visible').all()) {
		const box = (await target.boundingBox())!;
		const name = (await target.textContent())?.trim();
		expect(box.width, `width of ${name}`).toBeGreaterThanOrEqual(44);
		expect(box.height, `height of ${name}`).toBeGreaterThanOrEqual(44);
	}
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await expectAccessible(page);
	// The desktop header is as before: the site's name beside the navigation.
	await page.setViewportSize({ width: 1280, height: 800 });
	await expect(banner.getByRole('link', { name: 'Indgang' })).toBeVisible();
	await expectAccessible(page);
});

/** The design system's icon in an alert or a link: drawn (the sprite's symbol arrived), and hidden from assistive technology. */
async function expectIcon(icon: Locator) {
	await expect(icon).toBeVisible();
	await expect(icon).toHaveAttribute('aria-hidden', 'true');
	await expect(icon).toHaveAttribute('focusable', 'false');
	const box = (await icon.boundingBox())!;
	expect(box.width).toBeGreaterThanOrEqual(16);
	expect(box.height).toBeGreaterThanOrEqual(16);
	// The drawing itself, not only the box: a <use> whose symbol did not load measures 0 x 0.
	await expect.poll(() => icon.locator('path, use').first().evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(4);
}

test('alerts show their icon per variant and the back link its arrow, hidden from screen readers', async ({ page }) => {
	await page.goto('/log-ind?fejl=provider_error');
	for (const variant of ['error', 'warning']) {
		const icon = page.locator(`.alert-${variant} > svg.icon-svg.alert-icon`);
		await expectIcon(icon);
		await expect(icon.locator('use')).toHaveAttribute('href', new RegExp(`\\.svg#${variant}$`));
	}
	await expectAccessible(page);

	// A staff page with both: the day programme of a day that cannot be read, and its back link.
	await signInAsStaff(page, 'medarbejder');
	await page.goto('/medarbejder/dagsprogram?dag=2026-02-31');
	await expectIcon(page.locator('.alert-warning > svg.alert-icon'));
	const back = page.getByRole('link', { name: 'Tilbage', exact: true });
	await expectIcon(back.locator('svg.icon-svg'));
	// The arrow sits left of the text, inside the link's own padding, and the link is named by its text alone.
	const [arrow, link] = [(await back.locator('svg').boundingBox())!, (await back.boundingBox())!];
	expect(arrow.x).toBeLessThan(link.x + 16);
	await expectAccessible(page);

	// And a success alert: after signing out.
	await page.getByRole('button', { name: 'Log af' }).click();
	await expectIcon(page.locator('.alert-success > svg.alert-icon'));
	await expectAccessible(page);
});
