import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { sparePort } from '../playwright.config';
import { signInByPosts } from './support/helpers';
import { startPortal } from './support/portal';

interface Received {
	key: string | undefined;
	reference: string;
	to: string;
}

/** An HTTP SMS gateway that records every request and leaves the first one unanswered. */
async function hangingGateway() {
	const received: Received[] = [];
	const held: ServerResponse[] = [];
	const server = createServer((req: IncomingMessage, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const json = JSON.parse(body) as { to: string; reference: string };
			received.push({ key: req.headers['idempotency-key'] as string | undefined, reference: json.reference, to: json.to });
			if (received.length === 1) held.push(res);
			else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(sparePort(5), '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
		received,
		close: () => {
			for (const res of held) res.destroy();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

async function staffBooksPhoneCaller(api: APIRequestContext, phone: string) {
	await signInByPosts((path, form) => api.post(path, { form, maxRedirects: 0 }), 'medarbejder');
	const picker = await (await api.get('/medarbejder/tidsbestilling?type=koerekort&kanal=phone')).text();
	// A week ahead: no reminder comes due while the test runs.
	const day = [...picker.matchAll(/name="dag" value="([\d-]+)"/g)][5][1];
	const dayPage = await (await api.get(`/medarbejder/tidsbestilling?type=koerekort&kanal=phone&dag=${day}`)).text();
	const time = dayPage.match(/name="tid" value="([^"]+)"/)![1];
	const booked = await api.post(`/medarbejder/tidsbestilling/bekraeft?type=koerekort&kanal=phone&tid=${encodeURIComponent(time)}`, {
		form: { key: `kill-test-${Date.now()}`, tid: time, navn: 'Olga Opringer', telefon: phone },
		maxRedirects: 0
	});
	expect(booked.status()).toBe(303);
}

test('an SMS in flight when the sender is killed is sent again after the restart, with the same key, and no more', async ({ playwright }) => {
	const gateway = await hangingGateway();
	// The dead sender's lease on the message runs out after 15 s; then the restarted one takes it.
	const env = { SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_TOKEN: 'test-token', OUTBOX_LEASE_SECONDS: '15' };
	let portal = await startPortal('outbox-kill', sparePort(4), env);
	try {
		let api = await playwright.request.newContext({ baseURL: portal.url, extraHTTPHeaders: { origin: portal.url, accept: 'text/html' } });
		await staffBooksPhoneCaller(api, '21 34 56 78');
		// The confirmation reached the gateway, which has not answered: kill the sender now.
		await expect.poll(() => gateway.received.length).toBe(1);
		await portal.stop('SIGKILL');
		await api.dispose();

		portal = await startPortal('outbox-kill', sparePort(4), env, { keepData: true });
		api = await playwright.request.newContext({ baseURL: portal.url, extraHTTPHeaders: { origin: portal.url, accept: 'text/html' } });
		await expect.poll(() => gateway.received.length, { timeout: 60_000 }).toBe(2);
		const [first, again] = gateway.received;
		expect(again).toEqual(first);
		expect(first.key).toMatch(/^appointment:/);
		expect(first.reference).toBe(first.key);
		expect(first.to).toBe('21345678');

		// Marked sent after the second try; nothing is left to send it a third time.
		await signInByPosts((path, form) => api.post(path, { form, maxRedirects: 0 }), 'medarbejder');
		await expect
			.poll(async () => {
				const html = await (await api.get('/medarbejder/udbakke')).text();
				return /Sendt/.test(html) && !/Venter/.test(html);
			})
			.toBe(true);
		expect(gateway.received).toHaveLength(2);
		await api.dispose();
	} finally {
		await portal.stop();
		await gateway.close();
	}
});
