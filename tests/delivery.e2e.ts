import { createServer, type ServerResponse } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { sparePort } from '../playwright.config';
import { verifySignature } from '../src/lib/server/delivery/signing';
import { next, signInAsTestPerson, staffLogin, submitAndReadReceipt } from './support/helpers';
import { startPortal } from './support/portal';

const SECRET = 'e2e-delivery-secret-shared-with-the-case-system';

/**
 * The municipality's case system: checks every signature, keeps one case per idempotency key,
 * fetches the files by their signed links, and leaves the first request it gets unanswered.
 */
async function caseSystem(port: number) {
	const requests: { key: string; signed: boolean }[] = [];
	const cases = new Map<string, { reference: string; journalNumber: string }>();
	const held: ServerResponse[] = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const key = String(req.headers['idempotency-key']);
			const signed = verifySignature(SECRET, req.headers['x-indgang-signature'] as string, body, Math.floor(Date.now() / 1000));
			requests.push({ key, signed });
			if (!signed) return res.writeHead(401).end();
			if (requests.length === 1) return held.push(res);
			const json = JSON.parse(body) as { reference: string };
			if (!cases.has(key)) cases.set(key, { reference: json.reference, journalNumber: `SAG-2026-${String(cases.size + 1).padStart(4, '0')}` });
			res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ journalNumber: cases.get(key)!.journalNumber }));
		});
	});
	return {
		url: `http://127.0.0.1:${port}/indgang`,
		requests,
		cases,
		listen: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
		close: () => {
			for (const res of held) res.destroy();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

async function orderNameChangeCard(page: Page, person: string) {
	await page.goto('/tjenester/nyt-sundhedskort/start');
	await signInAsTestPerson(page, person);
	await page.getByLabel('Jeg har skiftet navn').check();
	await next(page);
	await page.getByLabel('Ja').check();
	await next(page);
	await page.getByLabel('E-mail').fill('borger@example.dk');
	await next(page);
	return submitAndReadReceipt(page);
}

test('every submission reaches the case system exactly once across its outage and a kill -9 of the sender, and staff see the journal number', async ({ browser }) => {
	test.setTimeout(180_000);
	const receiver = await caseSystem(sparePort(7));
	const env = { DELIVERY_SECRET: SECRET, OUTBOX_LEASE_SECONDS: '5', OUTBOX_RETRY_SECONDS: '1' };
	let portal = await startPortal('delivery-kill', sparePort(6), env);
	const context = () => browser.newContext({ baseURL: portal.url, viewport: { width: 360, height: 640 }, locale: 'da-DK' });
	try {
		// An administrator sends the service's submissions to the case system, as well as to the inbox.
		const admin = await (await context()).newPage();
		await staffLogin(admin, 'admin');
		await admin.goto('/medarbejder/tjenester/nyt-sundhedskort');
		await admin.getByLabel('Fagsystemet (webhook)').check();
		await admin.getByRole('button', { name: 'Gem tjenesten' }).click();
		await expect(admin.getByRole('link', { name: 'Skriv fagsystemets adresse, der begynder med https://' })).toBeVisible();
		await admin.getByLabel('Fagsystemets adresse (webhook)').fill(receiver.url);
		await admin.getByRole('button', { name: 'Gem tjenesten' }).click();
		await expect(admin.getByText('Tjenesten er gemt')).toBeVisible();

		// The case system is down while two citizens submit.
		const first = await orderNameChangeCard(await (await context()).newPage(), 'Erik Prøvesen');
		const second = await orderNameChangeCard(await (await context()).newPage(), 'Fatima Eksempel');
		const staff = await (await context()).newPage();
		await staffLogin(staff, 'medarbejder');
		await staff.goto('/medarbejder/udbakke');
		await expect(staff.getByRole('row', { name: /Fagsystem/ }).first()).toContainText('Venter');

		// Back up: the first delivery it sees hangs, and the sender dies with it in flight.
		await receiver.listen();
		await expect.poll(() => receiver.requests.length, { timeout: 60_000 }).toBe(1);
		await portal.stop('SIGKILL');
		portal = await startPortal('delivery-kill', sparePort(6), env, { keepData: true });
		await expect.poll(() => receiver.cases.size, { timeout: 90_000 }).toBe(2);

		expect(receiver.requests.every((r) => r.signed)).toBe(true);
		expect(new Set(receiver.requests.map((r) => r.key)).size).toBe(2);
		expect([...receiver.cases.values()].map((c) => c.reference).sort()).toEqual([first, second].sort());
		const journal = [...receiver.cases.values()].find((c) => c.reference === first)!.journalNumber;

		const after = await (await context()).newPage();
		await staffLogin(after, 'medarbejder');
		await after.goto('/medarbejder/sager');
		await after.getByRole('link', { name: first }).click();
		await after.getByLabel('Sagsbehandling').check();
		await after.getByRole('button', { name: 'Åbn sagen' }).click();
		await expect(after.locator('main')).toContainText(`Overført til fagsystemet, journalnr. ${journal}`);
		// Nothing is sent a third time once the case system has the case.
		const seen = receiver.requests.length;
		await after.waitForTimeout(3_000);
		expect(receiver.requests.length).toBe(seen);
	} finally {
		await portal.stop();
		await receiver.close();
	}
});
