import { expect, test, type Page } from '@playwright/test';
import { queryE2e } from './support/db';
import { expectAccessible, next, signInAsTestPerson, startService } from './support/helpers';

// Erik Prøvesen applies for a passport only here (other files use him for other forms).

test.use({ serviceWorkers: 'allow' });

/**
 * Resolves once the service worker has taken the page: what "installed" means to a citizen.
 * On a busy machine the first install can miss the page it was registered from (the page
 * navigated on while the worker precached); a page loaded after that is controlled.
 */
async function controlled(page: Page) {
	await expect
		.poll(
			async () => {
				const taken = await page.evaluate(() =>
					Promise.race([
						navigator.serviceWorker.ready.then(
							() =>
								!!navigator.serviceWorker.controller ||
								new Promise<boolean>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true }))
						),
						new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000))
					])
				);
				if (!taken) await page.reload();
				return taken;
			},
			{ timeout: 60_000, intervals: [0] }
		)
		.toBe(true);
}

/** Every path the service worker's caches hold. */
function cachedPaths(page: Page) {
	return page.evaluate(async () => {
		const paths: string[] = [];
		for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) paths.push(new URL(r.url).pathname);
		return paths;
	});
}

/** How many records the app keeps in IndexedDB. */
function storedRecords(page: Page) {
	return page.evaluate(async () => {
		if (!(await indexedDB.databases()).some((d) => d.name === 'indgang')) return 0;
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open('indgang');
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		let count = 0;
		for (const name of db.objectStoreNames) {
			count += await new Promise<number>((resolve) => {
				const req = db.transaction(name).objectStore(name).count();
				req.onsuccess = () => resolve(req.result);
			});
		}
		db.close();
		return count;
	});
}

async function submissionsFor(draftId: string): Promise<number> {
	const [row] = await queryE2e<{ n: number | string }>('select count(*) as n from submissions where idempotency_key = ?', draftId);
	return Number(row.n);
}

test('installs: a valid manifest in both languages, icons, and a service worker that controls the page', async ({ page, request }) => {
	await page.goto('/');
	await expectAccessible(page);
	const href = await page.locator('link[rel=manifest]').getAttribute('href');
	const manifest = await (await request.get(href!)).json();
	expect(manifest).toMatchObject({ name: 'Indgang – Eksempel Kommune', short_name: 'Indgang', lang: 'da', start_url: '/', display: 'standalone', theme_color: '#004993' });
	expect(manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`)).toEqual(
		expect.arrayContaining(['192x192 any', '512x512 any', '192x192 maskable', '512x512 maskable'])
	);
	for (const icon of manifest.icons) {
		const res = await request.get(icon.src);
		expect(res.status(), icon.src).toBe(200);
		expect(res.headers()['content-type']).toBe('image/png');
	}
	const english = await (await request.get(href!, { headers: { cookie: 'lang=en' } })).json();
	expect(english).toMatchObject({ name: 'Indgang – Eksempel Municipality', lang: 'en' });

	await controlled(page);
	expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/service-worker\.js$/);
});

test('offline: a public page comes from the cache, anything else shows the offline page', async ({ page, context }) => {
	await page.goto('/');
	await controlled(page);
	// Visited under the worker, the front page and the accessibility statement are kept.
	await page.reload();
	await page.goto('/tilgaengelighed');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

	await context.setOffline(true);
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Selvbetjening hos Eksempel Kommune' })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Selvbetjening hos Eksempel Kommune' })).toBeVisible();
	await page.goto('/mine-sager');
	await expect(page.getByRole('heading', { level: 1, name: 'Du er offline' })).toBeVisible();
	await expectAccessible(page);
	await page.goto('/tjenester/ansoeg-om-pas');
	await expect(page.getByRole('heading', { level: 1, name: 'Du er offline' })).toBeVisible();
	await context.setOffline(false);
	await page.getByRole('button', { name: 'Prøv igen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Ansøg om pas' })).toBeVisible();
});

test('a passport application finished offline waits, is sent when the network returns, and is submitted once', async ({ page, context }) => {
	await startService(page, 'Ansøg om pas');
	await signInAsTestPerson(page, 'Erik Prøvesen');
	await controlled(page);
	await page.getByLabel('Hvor høj er personen, passet er til?').fill('181');
	await next(page);
	await page.getByLabel('Nej').check();
	await next(page);
	const draftId = new URL(page.url()).pathname.split('/')[2];

	await context.setOffline(true);
	await page.getByRole('button', { name: /^Fortsæt$/ }).click(); // no travel planned: optional
	await expect(page.getByRole('heading', { level: 1, name: 'Hvordan kan vi kontakte dig?' })).toBeVisible();
	await expect(page.getByText('Du er offline. Dine svar gemmes på denne enhed')).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('E-mail').fill('ikke en adresse');
	await page.getByRole('button', { name: /^Fortsæt$/ }).click();
	await expect(page.getByRole('alert').getByRole('link', { name: /e-mail/i })).toBeVisible();
	await page.getByLabel('E-mail').fill('erik@example.dk');
	await page.getByRole('button', { name: /^Fortsæt$/ }).click();

	await expect(page.getByRole('heading', { level: 1, name: 'Tjek dine svar, før du sender' })).toBeVisible();
	await expect(page).toHaveURL(/\/tjek$/);
	await expect(page.locator('.answer-list')).toContainText('181');
	await expect(page.locator('.answer-list')).toContainText('erik@example.dk');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(page.getByRole('heading', { name: 'Din ansøgning venter på forbindelse' })).toBeVisible();
	await expectAccessible(page);
	expect(await submissionsFor(draftId)).toBe(0);

	await context.setOffline(false);
	await expect(page.getByRole('heading', { level: 1, name: 'Kvittering' })).toBeVisible();
	await expectAccessible(page);
	expect(await submissionsFor(draftId)).toBe(1);
	// Posting the same draft again (a second replay) still gives the one receipt.
	const again = await page.request.post(`/skema/${draftId}/tjek`, { form: {}, headers: { origin: new URL(page.url()).origin, accept: 'text/html' }, maxRedirects: 0 });
	expect(again.headers()['location']).toBe(new URL(page.url()).pathname);
	expect(await submissionsFor(draftId)).toBe(1);

	await page.goto('/mine-sager');
	await expect(page.locator('.case-card', { hasText: 'Ansøg om pas' }).filter({ hasText: 'Reference' })).toHaveCount(1);
	await expect(page.locator('.case-card', { hasText: 'Ansøg om pas' }).filter({ hasText: 'Reference' })).toContainText('Modtaget');
	expect((await cachedPaths(page)).filter((p) => /^\/(mine-sager|skema|kvittering|medarbejder)/.test(p))).toEqual([]);
});

test('typing is kept in the browser across a reload, and signing out leaves nothing behind', async ({ page }) => {
	await page.goto('/');
	await controlled(page);
	await startService(page, 'Ansøg om pas');
	await signInAsTestPerson(page, 'Erik Prøvesen');
	const height = page.getByLabel('Hvor høj er personen, passet er til?');
	// Typing before the page's script has started is not seen by it; the next keystroke is.
	await expect
		.poll(async () => {
			await height.fill('17');
			await height.pressSequentially('9');
			return storedRecords(page);
		})
		.toBe(1);
	await page.reload();
	await expect(height).toHaveValue('179');

	await page.getByRole('button', { name: 'Log af' }).click();
	await expect(page.getByText('Du er logget af')).toBeVisible();
	await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toEqual([]);
	// Signed in, nothing was stored (the public pages were dropped on the way to sign-in); what
	// the worker caches again afterwards is the app shell, never a page visited before.
	await expect.poll(async () => (await cachedPaths(page)).filter((p) => !p.startsWith('/_app/') && !p.startsWith('/offline/') && !/\.(svg|png)$/.test(p))).toEqual([]);
});
