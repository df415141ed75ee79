import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { BASE_URL, sparePort } from '../playwright.config';
import { next, signInAsTestPerson, staffLogin, startService } from './support/helpers';
import { startPortal } from './support/portal';

test('ten parallel submits of the same form give one submission and one receipt', async ({ page }) => {
	const urls: string[] = [];
	page.on('request', (r) => urls.push(r.url()));
	await startService(page, 'Bestil nyt sundhedskort');
	await signInAsTestPerson(page, 'Erik Prøvesen');
	await page.getByLabel('Jeg har skiftet navn').check();
	await next(page);
	await page.getByLabel('Ja').check();
	await next(page);
	await page.getByLabel('E-mail').fill('erik@example.dk');
	await next(page);
	const checkUrl = page.url();
	expect(checkUrl).toMatch(/\/tjek$/);

	const responses = await Promise.all(
		Array.from({ length: 10 }, () =>
			page.request.post(checkUrl, { form: {}, headers: { origin: BASE_URL, accept: 'text/html' }, maxRedirects: 0 })
		)
	);
	const locations = responses.map((r) => r.headers()['location']);
	expect(responses.map((r) => r.status())).toEqual(Array(10).fill(303));
	expect(new Set(locations).size).toBe(1);
	expect(locations[0]).toMatch(/^\/kvittering\/[A-Z0-9]{4}-[A-Z0-9]{4}$/);

	await page.goto('/mine-sager');
	await expect(page.locator('.case-card', { hasText: 'Bestil nyt sundhedskort' }).filter({ hasText: 'Reference' })).toHaveCount(1);
	// No CPR number in any URL the browser asked for.
	expect(urls.filter((u) => /\d{6}-?\d{4}/.test(u))).toEqual([]);
});

test('everything under DATA_DIR is readable by the portal alone: database, WAL, uploads, outbox', async () => {
	// The first test of this file sent a receipt, so the outbox holds a file by now.
	const root = path.resolve('.test-data', 'e2e');
	const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		return e.isDirectory() ? [full, ...walk(full)] : [full];
	});
	const entries = [root, ...walk(root)];
	const onSqlite = !existsSync(path.resolve('.test-data', 'e2e.database-url'));
	expect(entries.map((f) => path.relative(root, f))).toEqual(expect.arrayContaining(onSqlite ? ['indgang.db', 'indgang.db-wal', 'outbox'] : ['outbox']));
	const open = entries.filter((f) => (statSync(f).mode & 0o077) !== 0).map((f) => `${path.relative(root, f) || '.'} ${(statSync(f).mode & 0o777).toString(8)}`);
	expect(open).toEqual([]);
});

test('security headers, cookie flags and no caching of personal pages', async ({ page, request }) => {
	const front = await request.get('/');
	const h = front.headers();
	expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(h['content-security-policy']).toContain("script-src 'self' 'nonce-");
	expect(h['x-frame-options']).toBe('DENY');
	expect(h['referrer-policy']).toBe('same-origin');
	expect(h['x-content-type-options']).toBe('nosniff');
	expect(h['cross-origin-resource-policy']).toBe('same-origin');
	expect(h['permissions-policy']).not.toContain('interest-cohort');
	// HSTS only where ORIGIN is https; the test server is plain http on localhost.
	expect(h['strict-transport-security']).toBeUndefined();

	await page.goto('/log-ind?redirectTo=/mine-sager');
	await signInAsTestPerson(page, 'Fatima Eksempel');
	await expect(page.getByRole('heading', { level: 1, name: 'Mine sager' })).toBeVisible();
	const session = (await page.context().cookies()).find((c) => c.name === 'indgang_session')!;
	expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
	const mine = await page.request.get('/mine-sager');
	expect(mine.headers()['cache-control']).toBe('private, no-store');

	// Without an Origin (and with no content type) a logout is refused and the session lives on.
	const bare = await page.request.post('/log-ud', { maxRedirects: 0 });
	expect(bare.status()).toBe(403);
	expect((await page.request.get('/mine-sager', { maxRedirects: 0 })).status()).toBe(200);
	const bareSession = await page.request.post('/session', { maxRedirects: 0 });
	expect(bareSession.status()).toBe(403);

	// Logging out ends the session on the server and clears what the browser stored.
	const logout = await page.request.post('/log-ud', { headers: { origin: BASE_URL }, maxRedirects: 0 });
	expect(logout.status()).toBe(303);
	expect(logout.headers()['clear-site-data']).toContain('"storage"');
	const after = await page.request.get('/mine-sager', { maxRedirects: 0 });
	expect(after.status()).toBe(303);
	expect(after.headers()['location']).toMatch(/^\/log-ind/);
});

test('the test login asks for a person when none is chosen', async ({ page }) => {
	await page.goto('/log-ind');
	await page.getByRole('button', { name: 'Log ind som testperson' }).click();
	await expect(page.getByRole('alert').getByRole('link', { name: 'Vælg den testperson, du vil logge ind som' })).toHaveAttribute('href', '#person-0');
	await expect(page.locator('header')).not.toContainText('Log af');
});

test('a cross-site form post is refused', async ({ request }) => {
	const res = await request.post('/medarbejder/log-ind', {
		form: { username: 'medarbejder', password: 'x' },
		headers: { origin: 'https://evil.example' }
	});
	expect(res.status()).toBe(403);
});

test('a malformed upload body is a clear 400, not a server error', async ({ request }) => {
	const res = await request.post('/medarbejder/log-ind', {
		headers: { origin: BASE_URL, 'content-type': 'multipart/form-data; boundary=x', accept: 'text/html' },
		data: 'not multipart at all'
	});
	expect(res.status()).toBe(400);
	expect(await res.text()).toContain('Vi kunne ikke læse det, du sendte');
});

test('the language follows the switcher and the browser, and <html lang> says which', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'da');
	await page.getByRole('link', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Self-service at Eksempel Municipality');
	await page.getByRole('link', { name: 'Dansk' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'da');
});

test.describe('an English browser', () => {
	test.use({ locale: 'en-GB' });
	test('gets English from Accept-Language, and the accessibility statement is linked from the footer', async ({ page }) => {
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.getByRole('link', { name: 'Accessibility statement' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Accessibility statement' })).toBeVisible();
	});
});

test('an id taken from input is checked for shape and length before it goes anywhere', async ({ page }) => {
	await staffLogin(page, 'medarbejder');
	const huge = 'x'.repeat(1_000_000);
	const mark = await page.request.post('/medarbejder/dagsprogram?/mark', {
		headers: { origin: BASE_URL, accept: 'text/html' },
		form: { id: huge, action: 'check_in' },
		maxRedirects: 0
	});
	expect(mark.status()).toBe(400);
	expect(mark.headers()['location']).toBeUndefined();
	// Route parameters of the wrong shape are no route at all.
	for (const url of [`/medarbejder/sager/${'a'.repeat(300)}`, '/medarbejder/aftaler/..%2F..%2Fetc', '/medarbejder/udbakke/1e9', '/kvittering/not-a-reference']) {
		expect((await page.request.get(url, { maxRedirects: 0 })).status(), url).toBe(404);
	}
	// The day programme's own query is not copied into the redirect either.
	const day = await page.request.post(`/medarbejder/dagsprogram?/mark&skranke=${'y'.repeat(5000)}&dag=${'z'.repeat(100)}`, {
		headers: { origin: BASE_URL, accept: 'text/html' },
		form: { id: 'AAAAAAAAAAAAAAAAAAAA', action: 'check_in' },
		maxRedirects: 0
	});
	expect(day.status()).toBe(303);
	expect(day.headers()['location']).toBe('/medarbejder/dagsprogram#r-AAAAAAAAAAAAAAAAAAAA');
});

test('HSTS where the portal is served over https, and a malformed request logs one line, not a stack', async () => {
	const portal = await startPortal('security-https', sparePort(2), { ORIGIN: 'https://indgang.example.dk' });
	try {
		const front = await fetch(`${portal.url}/`);
		expect(front.headers.get('strict-transport-security')).toBe('max-age=31536000');
		const before = portal.log.length;
		const bad = [
			fetch(`${portal.url}/%E0%A4%A`),
			fetch(`${portal.url}/medarbejder/log-ind`, {
				method: 'POST',
				headers: { origin: 'https://indgang.example.dk', 'content-type': 'multipart/form-data; boundary=x', accept: 'text/html' },
				body: 'not multipart at all'
			}),
			fetch(`${portal.url}/session`, { method: 'POST', headers: { origin: 'https://indgang.example.dk', 'content-type': 'application/json' }, body: '{' })
		];
		const statuses = (await Promise.all(bad)).map((r) => r.status);
		expect(statuses.every((s) => s >= 400 && s < 500), String(statuses)).toBe(true);
		await new Promise((r) => setTimeout(r, 300));
		// JSON lines only: a request line for each, and at most one more line each, never a stack.
		const entries = portal.log
			.slice(before)
			.filter((l) => l.trim())
			.map((l) => JSON.parse(l) as { level: string; msg: string; error?: { stack?: string } });
		expect(entries.filter((e) => e.msg === 'request').length).toBeGreaterThanOrEqual(bad.length);
		expect(entries.filter((e) => e.level !== 'info').length).toBeLessThanOrEqual(bad.length);
		expect(entries.filter((e) => e.error?.stack)).toEqual([]);
	} finally {
		await portal.stop();
	}
});
