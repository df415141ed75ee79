import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIResponse, type Browser, type Page } from '@playwright/test';

let axeOff = false;
/**
 * axe runs inside the page, so it cannot run where JavaScript is off. The no-JS test turns it
 * off; every page it visits is the same server-rendered HTML that the other tests check.
 */
export function withoutAxe(off: boolean) {
	axeOff = off;
}

/**
 * Which page state is on screen: the page (its path with ids as :id), the width, the language,
 * and what changes what axe can find on one page: an error summary, an open dialog, which
 * fields and buttons show and which are marked invalid, a banner of assisted mode. A state
 * already checked in this worker is not checked again: the journeys pass the same pages many
 * times with other values, and axe is most of every test's time.
 */
async function shapeOf(page: Page): Promise<string> {
	return page.evaluate(() => {
		const visible = (el: Element) => (el as HTMLElement).offsetParent !== null || el.tagName === 'DIALOG';
		const parts = [
			String(window.innerWidth),
			document.documentElement.lang,
			location.pathname.replace(/[A-Za-z0-9_-]{20}|[A-Z0-9]{4}-[A-Z0-9]{4}|\d{4}-\d{2}-\d{2}/g, ':id'),
			...[...document.querySelectorAll('input, select, textarea, button, dialog[open], [role=alert], [role=dialog], .error-summary, .assisted-banner, table')]
				.filter(visible)
				.map((el) => `${el.tagName}.${(el as HTMLInputElement).type ?? ''}.${el.getAttribute('aria-invalid') ?? ''}.${el.className}`)
		];
		return parts.join('|');
	});
}
const checked = new Set<string>();

const contrastChecked = new Set<string>();

/**
 * WCAG 2.2 A and AA rules; every page state a test reaches is checked (once per worker).
 * Colour contrast, axe's slowest rule by far, follows from the page's CSS rather than its
 * state: it is checked on each page's first state at each width and language, not on every
 * error or answer after it.
 */
export async function expectAccessible(page: Page) {
	if (axeOff) return;
	const shape = await shapeOf(page);
	if (checked.has(shape)) return;
	const where = shape.split('|').slice(0, 3).join('|');
	let axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
	if (contrastChecked.has(where)) axe = axe.disableRules(['color-contrast']);
	// Violations only: axe then skips collecting every passing node.
	const results = await axe.options({ resultTypes: ['violations'] }).analyze();
	const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(summary, `axe violations on ${page.url()}`).toEqual([]);
	checked.add(shape);
	contrastChecked.add(where);
}

/** Continue to the next page and check it. */
export async function next(page: Page, label: RegExp | string = /^Fortsæt$/) {
	// With JavaScript the next page (or the error summary) comes by client-side navigation, which
	// no load event marks: wait until the address, the heading or the error summary has changed.
	const before = await page.evaluate(() => {
		document.querySelectorAll('main .error-summary').forEach((el) => el.setAttribute('data-seen', ''));
		return { href: location.href, h1: document.querySelector('main h1')?.textContent ?? '' };
	});
	await page.getByRole('button', { name: label }).click();
	await page
		.waitForFunction(
			(b) => location.href !== b.href || (document.querySelector('main h1')?.textContent ?? '') !== b.h1 || !!document.querySelector('main .error-summary:not([data-seen])'),
			before,
			{ timeout: 10_000 }
		)
		.catch(() => console.log(`next(): nothing new after "${String(label)}" (the same error again?)`));
	await page.waitForLoadState('load');
	await expectAccessible(page);
}

export async function signInAsTestPerson(page: Page, name: string) {
	await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel(name).check();
	await page.getByRole('button', { name: 'Log ind som testperson' }).click();
}

export async function fillDate(page: Page, legend: string | RegExp, isoDate: string) {
	const [y, m, d] = isoDate.split('-');
	const group = page.getByRole('group', { name: legend });
	await group.getByLabel('Dag').fill(String(Number(d)));
	await group.getByLabel('Måned').fill(String(Number(m)));
	await group.getByLabel('År').fill(y);
}

export function isoDaysFromToday(days: number): string {
	const now = new Date(new Date().toLocaleString('en-US', { timeZone: 'Europe/Copenhagen' }));
	now.setDate(now.getDate() + days);
	return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export async function startService(page: Page, serviceTitle: string) {
	await page.goto('/');
	await expectAccessible(page);
	await page.getByRole('link', { name: serviceTitle }).click();
	await expect(page.getByRole('heading', { level: 1, name: serviceTitle })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Start nu' }).click();
}

/** Day, then time, each from a radio list; returns the chosen time's label. */
export async function chooseDayAndTime(page: Page, o: { day?: number; time?: 'first' | 'last'; submit?: RegExp | string } = {}) {
	const days = page.getByRole('group', { name: 'Hvilken dag vil du komme?' });
	await expect(days).toBeVisible();
	await expectAccessible(page);
	await days.getByRole('radio').nth(o.day ?? 0).check();
	await next(page, 'Vis ledige tider');
	const times = page.getByRole('group', { name: /^Hvilket tidspunkt/ });
	await expect(times).toBeVisible();
	const index = o.time === 'last' ? -1 : 0;
	const label = (await times.locator('label').nth(index).textContent())!.trim();
	await times.getByRole('radio').nth(index).check();
	await next(page, o.submit ?? /^Fortsæt$/);
	return label;
}

/** The health card form, card broken, from its first page to the check page. */
export async function orderBrokenHealthCard(page: Page, email: string) {
	await page.getByLabel('Det er gået i stykker').check();
	await next(page);
	await page.getByLabel('Jeg ved, at det nye kort koster 205 kr.').check();
	await next(page);
	await page.getByLabel('Ja').check();
	await next(page);
	await page.getByLabel('E-mail').fill(email);
	await next(page);
}

/** Submits from the check page and returns the receipt's reference. */
export async function submitAndReadReceipt(page: Page) {
	await expect(page.getByRole('heading', { level: 1, name: 'Tjek dine svar, før du sender' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Kvittering' })).toBeVisible();
	await expectAccessible(page);
	const reference = (await page.locator('.receipt-reference strong').textContent())!.trim();
	expect(reference).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
	return reference;
}

export async function expectInMyCases(page: Page, serviceTitle: string, reference: string) {
	await page.getByRole('link', { name: 'Gå til Mine sager' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mine sager' })).toBeVisible();
	await expectAccessible(page);
	const card = page.locator('.case-card', { hasText: reference });
	await expect(card).toContainText(serviceTitle);
	await expect(card).toContainText('Modtaget');
}

/** A page in a context of its own (another person on another device), as axe requires. */
export async function newPerson(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'da-DK' });
	return context.newPage();
}

export const DEMO_PASSWORD = 'indgang-demo-2026';

/** The demo accounts' authenticator key, as the README publishes it. */
export const DEMO_TOTP_KEY = decodeBase32IgnorePadding('INDGANGDEMOKEYFORTESTINGONLY2345');

/** The authenticator app's code for a key, `ahead` time steps from now. */
export function appCode(key: Uint8Array = DEMO_TOTP_KEY, ahead = 0): string {
	return generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000) + ahead), 6);
}

/**
 * Which code the app would show when this is the `attempt`-th try: a code is good once per
 * account, and tests sign the same demo accounts in side by side, so after the current step
 * the next and the previous (both within the clock skew the portal allows) are tried, then the
 * next 30-second step is awaited.
 */
async function codeFor(page: Page, key: Uint8Array, attempt: number): Promise<string> {
	if (attempt > 0 && attempt % 3 === 0) await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 200);
	return appCode(key, [0, 1, -1][attempt % 3]);
}

/** The second step of a staff sign-in, as a staff member with the app does it. */
export async function enterAppCode(page: Page, key: Uint8Array = DEMO_TOTP_KEY) {
	for (let attempt = 0; attempt < 9; attempt++) {
		// In either language.
		await expect(page.getByRole('heading', { level: 1, name: /^(Bekræft med kode|Confirm with a code)$/ })).toBeVisible();
		await page.getByLabel(/^(Kode|Code)$/).fill(await codeFor(page, key, attempt));
		await page.getByRole('button', { name: /^(Log ind|Log in)$/ }).click();
		const refused = page.getByRole('alert').getByText(/Koden er allerede brugt|For mange forkerte forsøg|has been used already|Too many failed attempts/);
		const outcome = await Promise.race([
			page.waitForURL((url) => !url.pathname.endsWith('/log-ind/kode'), { timeout: 15_000 }).then(() => 'in' as const),
			refused.waitFor({ timeout: 15_000 }).then(() => 'refused' as const)
		]);
		if (outcome === 'in') return;
	}
	throw new Error('no unused app code in 90 seconds');
}

/** The same sign-in by plain HTTP posts (a test's API client), for tests that drive the portal without a page. */
export async function signInByPosts(post: (path: string, form: Record<string, string>) => Promise<APIResponse>, username: string) {
	expect((await post('/medarbejder/log-ind', { username: fromPool(username), password: DEMO_PASSWORD })).status()).toBe(303);
	for (let attempt = 0; attempt < 9; attempt++) {
		if (attempt > 0 && attempt % 3 === 0) await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200));
		if ((await post('/medarbejder/log-ind/kode', { code: appCode(DEMO_TOTP_KEY, [0, 1, -1][attempt % 3]) })).status() === 303) return;
	}
	throw new Error(`no unused app code for ${username} in 90 seconds`);
}

/**
 * Demo accounts of the same role and unit: a code from the app is good once per account, so
 * tests signing in side by side each take the next of them (staff tests never depend on the
 * name, only on the role and unit, which the citizen's access log shows).
 */
const POOLS: Record<string, string[]> = {
	medarbejder: ['medarbejder', 'medarbejder2', 'medarbejder3', 'medarbejder4'],
	ambassador: ['ambassador', 'ambassador2'],
	admin: ['admin', 'admin2']
};
let turn = 0;
function fromPool(username: string): string {
	const pool = POOLS[username];
	return pool ? pool[(turn++ + test.info().parallelIndex * 2) % pool.length] : username;
}

/** The first step of a staff sign-in: the username and password. */
export async function enterPassword(page: Page, username: string, password = DEMO_PASSWORD) {
	await page.goto('/medarbejder/log-ind');
	await page.getByLabel('Brugernavn').fill(username);
	await page.getByLabel('Adgangskode').fill(password);
	await page.getByRole('button', { name: 'Log ind' }).click();
}

/**
 * Wrong passwords until the account waits at least `seconds` before its next try (each wait is
 * sat out, since a try during a wait is not counted): returns the wait.
 */
export async function guessUntilHeldBack(page: Page, username: string, seconds: number): Promise<number> {
	const wait = page.getByRole('link', { name: /Vent (\d+) sekund/ });
	for (let i = 0; i < 12; i++) {
		await enterPassword(page, username, `forkert-${i}`);
		await expect(page.getByRole('alert')).toBeVisible();
		if (!(await wait.isVisible())) continue;
		const s = Number(/Vent (\d+)/.exec((await wait.textContent()) ?? '')![1]);
		if (s >= seconds) return s;
		await page.waitForTimeout(s * 1000 + 100);
	}
	throw new Error(`${username} was never held back ${seconds} s`);
}

/** Signs a demo staff member in (password, then the app's code) and lands where the login leads. */
export async function staffLogin(page: Page, username: string) {
	await enterPassword(page, fromPool(username));
	await enterAppCode(page);
}

/** As staffLogin, for tests that go on from the staff front page. */
export async function signInAsStaff(page: Page, username: string) {
	await staffLogin(page, username);
	await expect(page.getByRole('heading', { level: 1, name: 'Medarbejderforside' })).toBeVisible();
}

/** WCAG 1.4.12's text-spacing override, in a constructed sheet: the page's CSP (style-src 'self') refuses a <style>. */
const TEXT_SPACING =
	'* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
export async function overrideTextSpacing(page: Page, on: boolean) {
	await page.evaluate(
		([css, on]) => {
			const sheet = new CSSStyleSheet();
			sheet.replaceSync(css as string);
			document.adoptedStyleSheets = on ? [sheet] : [];
		},
		[TEXT_SPACING, on] as const
	);
}

/** A figure as the report shows it ("12.345", "52,3 %", "1.234 kr.", "4,5 min.", "+3,2", "–") as a number, the way a reader reads it. */
export function danishNumber(text: string): number | null {
	const t = text.replace(/\s*(%|kr\.|min\.|dage)$/, '').trim();
	if (t === '–') return null;
	return Number(t.replace(/\./g, '').replace(',', '.').replace('−', '-'));
}
