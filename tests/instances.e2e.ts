import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { sparePort } from '../playwright.config';
import { signInByPosts, next, signInAsTestPerson } from './support/helpers';
import { startPortal, type Portal } from './support/portal';

/**
 * Two server processes on one database, used at the same time, as a municipality runs them
 * behind a load balancer: on one SQLite file (two workers on one machine) and on one
 * PostgreSQL (two machines). The guarantees come from the database, so they hold across both.
 */

const PG = process.env.TEST_PG_URL;

/** A database of the test's own, and a way to read it. */
async function database(engine: 'sqlite' | 'pg', dataDir: string) {
	if (engine === 'sqlite') {
		const file = path.join(dataDir, 'indgang.db');
		return {
			url: file,
			query: async (text: string, ...params: unknown[]) => {
				const sqlite = new Database(file, { readonly: true, fileMustExist: true });
				try {
					return sqlite.prepare(text.replace(/\$\d+/g, '?')).all(...params) as Record<string, unknown>[];
				} finally {
					sqlite.close();
				}
			},
			execute: async (text: string, ...params: unknown[]) => {
				const sqlite = new Database(file, { fileMustExist: true });
				try {
					sqlite.pragma('busy_timeout = 5000');
					sqlite.prepare(text.replace(/\$\d+/g, '?')).run(...params);
				} finally {
					sqlite.close();
				}
			},
			drop: async () => {}
		};
	}
	const name = `indgang_instances_${Date.now().toString(36)}`;
	const admin = new pg.Client({ connectionString: PG });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${name}`);
	const url = new URL(PG!);
	url.pathname = `/${name}`;
	const pool = new pg.Pool({ connectionString: url.href, max: 2 });
	// An idle connection ended by the server (the database dropped WITH (FORCE) at the end) is expected, not a failure.
	pool.on('error', () => {});
	admin.on('error', () => {});
	return {
		url: url.href,
		query: async (text: string, ...params: unknown[]) => (await pool.query(text, params)).rows as Record<string, unknown>[],
		execute: async (text: string, ...params: unknown[]) => {
			await pool.query(text, params);
		},
		drop: async () => {
			await pool.end();
			await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await admin.end();
		}
	};
}

/** An SMS gateway that answers at once and records every request it gets. */
async function smsGateway() {
	const received: { key: string; to: string; text: string }[] = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString()));
		req.on('end', () => {
			const json = JSON.parse(body) as { to: string; message: string };
			received.push({ key: String(req.headers['idempotency-key']), to: json.to, text: json.message });
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** A request to one of the two portals, with its own Origin (each has its own ORIGIN). */
function via(api: APIRequestContext, portal: Portal) {
	const headers = { origin: portal.url, accept: 'text/html' };
	return {
		get: (p: string) => api.get(portal.url + p, { headers, maxRedirects: 0 }),
		post: (p: string, form: Record<string, string>) => api.post(portal.url + p, { headers, form, maxRedirects: 0 })
	};
}

for (const engine of ['sqlite', 'pg'] as const) {
	test(`two instances on ${engine === 'pg' ? 'PostgreSQL' : 'one SQLite file'}: a 100-way booking race books each desk once, 10 submits make one submission, each reminder is sent once, a killed instance loses nothing`, async ({ playwright, browser }) => {
		test.skip(engine === 'pg' && !PG, 'PostgreSQL not found: the test command starts one when Debian’s postgresql is installed');
		test.setTimeout(240_000);
		const name = `instances-${engine}`;
		const dataDir = path.resolve('.test-data', name);
		const gateway = await smsGateway();
		const portals: Portal[] = [];
		let db: Awaited<ReturnType<typeof database>> | undefined;
		const api = await playwright.request.newContext();
		try {
			if (engine === 'sqlite') {
				// One file, migrated once before the two share it (npm start, too, starts one worker first).
				// On PostgreSQL both start at once: the migration's advisory lock makes them take turns.
				portals.push(await startPortal(name, sparePort(8), {}));
				await portals[0].stop();
			}
			db = await database(engine, dataDir);
			const env = {
				DATABASE_URL: db.url,
				SMS_GATEWAY_URL: gateway.url,
				SMS_GATEWAY_TOKEN: 'test-token',
				JOB_TICK_SECONDS: '1',
				REMINDER_INTERVAL_SECONDS: '1',
				OUTBOX_LEASE_SECONDS: '15',
				CITIZEN_KEY_SECRET: 'two-instances-share-this-secret'
			};
			portals.length = 0;
			const [a, b] = await Promise.all([
				startPortal(name, sparePort(8 + (engine === 'pg' ? 2 : 0)), env, { keepData: true }),
				startPortal(name, sparePort(9 + (engine === 'pg' ? 2 : 0)), env, { keepData: true })
			]);
			portals.push(a, b);
			const both = [via(api, a), via(api, b)];

			// Staff signed in on one instance are signed in on the other (the session is in the database).
			await signInByPosts((path, form) => both[0].post(path, form), 'medarbejder');
			expect((await both[1].get('/medarbejder')).status()).toBe(200);

			// 1. A hundred phone bookings of one time, half through each instance.
			const picker = await (await both[1].get('/medarbejder/tidsbestilling?type=koerekort&kanal=phone')).text();
			const day = [...picker.matchAll(/name="dag" value="([\d-]+)"/g)][3][1];
			const dayPage = await (await both[0].get(`/medarbejder/tidsbestilling?type=koerekort&kanal=phone&dag=${day}`)).text();
			const time = dayPage.match(/name="tid" value="([^"]+)"/)![1];
			const confirm = `/medarbejder/tidsbestilling/bekraeft?type=koerekort&kanal=phone&tid=${encodeURIComponent(time)}`;
			const answers = await Promise.all(
				Array.from({ length: 100 }, (_, i) =>
					both[i % 2].post(confirm, { key: `booking-race-${engine}-${i}`, tid: time, navn: `Racer Nummer${i}`, telefon: '' })
				)
			);
			const statuses = answers.map((r) => r.status());
			expect(statuses.filter((s) => s >= 500), 'no server errors').toEqual([]);
			const booked = statuses.filter((s) => s === 303).length;
			const desks = Number((await db.query(`SELECT count(*) AS n FROM counter_types WHERE type_slug = 'koerekort'`))[0].n);
			expect(desks).toBeGreaterThan(1);
			expect(booked, 'one booking per desk').toBe(desks);
			const rows = await db.query(`SELECT counter_id FROM appointments WHERE status = 'booked' AND name LIKE 'Racer %'`);
			expect(rows).toHaveLength(desks);
			expect(new Set(rows.map((r) => r.counter_id)).size).toBe(desks);
			// The others were told the time is gone, on the page, not with an error.
			const refused = answers.find((r) => r.status() !== 303)!;
			expect(refused.status()).toBe(409);
			expect(await refused.text()).toContain('Tiden blev taget lige nu af en anden');

			// 2. Ten submits of one draft, through both instances at once: one submission, one receipt.
			const context = await browser.newContext();
			const page = await context.newPage();
			await page.goto(`${a.url}/tjenester/nyt-sundhedskort/start`);
			await signInAsTestPerson(page, 'Erik Prøvesen');
			await page.getByLabel('Jeg har skiftet navn').check();
			await next(page);
			await page.getByLabel('Ja').check();
			await next(page);
			await page.getByLabel('E-mail').fill('erik@example.dk');
			await next(page);
			const check = new URL(page.url()).pathname;
			expect(check).toMatch(/\/tjek$/);
			const before = Number((await db.query('SELECT count(*) AS n FROM submissions'))[0].n);
			const submits = await Promise.all(
				Array.from({ length: 10 }, (_, i) => {
					const portal = portals[i % 2];
					return page.request.post(portal.url + check, { form: {}, headers: { origin: portal.url, accept: 'text/html' }, maxRedirects: 0 });
				})
			);
			expect(submits.map((r) => r.status())).toEqual(Array(10).fill(303));
			expect(new Set(submits.map((r) => r.headers()['location'])).size).toBe(1);
			expect(Number((await db.query('SELECT count(*) AS n FROM submissions'))[0].n)).toBe(before + 1);
			await context.close();

			// 3. A reminder comes due while both instances look for due reminders every second.
			const later = [...picker.matchAll(/name="dag" value="([\d-]+)"/g)][0][1];
			const laterPage = await (await both[1].get(`/medarbejder/tidsbestilling?type=koerekort&kanal=phone&dag=${later}`)).text();
			const laterTime = laterPage.match(/name="tid" value="([^"]+)"/)![1];
			const reminded = await both[1].post(`/medarbejder/tidsbestilling/bekraeft?type=koerekort&kanal=phone&tid=${encodeURIComponent(laterTime)}`, {
				key: `reminder-test-${engine}`,
				tid: laterTime,
				navn: 'Rita Påmindelse',
				telefon: '21 34 56 78'
			});
			expect(reminded.status()).toBe(303);
			await expect.poll(() => gateway.received.filter((m) => m.to === '21345678').length, { timeout: 30_000 }).toBe(1);
			// As if booked two weeks ago, with reminders three days ahead (the most the set-up allows): due now.
			await db.execute(`UPDATE appointments SET updated_at = $1 WHERE name = 'Rita Påmindelse'`, Date.now() - 14 * 86_400_000);
			await db.execute('UPDATE booking_settings SET reminder_hours = 72');
			await expect.poll(() => gateway.received.filter((m) => m.to === '21345678').length, { timeout: 30_000 }).toBe(2);
			// Both instances go on looking every second: nothing more is sent.
			await new Promise((r) => setTimeout(r, 5_000));
			const sms = gateway.received.filter((m) => m.to === '21345678');
			expect(sms).toHaveLength(2);
			expect(new Set(sms.map((m) => m.key)).size).toBe(2);
			expect(sms[1].text).toMatch(/påmind|Husk/i);

			// 4. One instance is killed in the middle of a load of bookings, each with an SMS to send.
			const times = [...dayPage.matchAll(/name="tid" value="([^"]+)"/g)].map((m) => m[1]).filter((t) => t !== time).slice(0, 15);
			const load = times.flatMap((t, i) =>
				[0, 1].map((side) => {
					const phone = `3${String(i * 2 + side).padStart(7, '0')}`;
					return both[side]
						.post(`/medarbejder/tidsbestilling/bekraeft?type=koerekort&kanal=phone&tid=${encodeURIComponent(t)}`, { key: `kill-load-${engine}-${phone}`, tid: t, navn: `Belastning Nummer${phone}`, telefon: phone })
						.then(
							(r) => ({ phone, acknowledged: r.status() === 303 }),
							() => ({ phone, acknowledged: false })
						);
				})
			);
			await new Promise((r) => setTimeout(r, 50));
			await a.stop('SIGKILL');
			const outcome = await Promise.all(load);
			const acknowledged = outcome.filter((o) => o.acknowledged).map((o) => o.phone);
			expect(acknowledged.length, 'the surviving instance answered its share').toBeGreaterThanOrEqual(times.length / 2);
			// Nothing acknowledged is lost.
			const stored = (await db.query(`SELECT phone FROM appointments WHERE status = 'booked' AND name LIKE 'Belastning %'`)).map((r) => r.phone);
			expect(stored).toEqual(expect.arrayContaining(acknowledged));
			// Every booking that was stored gets its confirmation, from the survivor if need be (after the
			// dead instance's lease ran out), and once, but for the one message that was in flight.
			await expect
				.poll(() => stored.filter((phone) => !gateway.received.some((m) => m.to === phone)), { timeout: 60_000, intervals: [1_000] })
				.toEqual([]);
			const perPhone = stored.map((phone) => gateway.received.filter((m) => m.to === phone));
			const twice = perPhone.filter((m) => m.length > 1);
			expect(twice.length, 'sent twice: only a message in flight when the instance died').toBeLessThanOrEqual(1);
			for (const m of twice) expect(new Set(m.map((x) => x.key)).size, 'a repeat carries the same key').toBe(1);
			expect(perPhone.every((m) => m.length <= 2)).toBe(true);
		} finally {
			await api.dispose();
			await Promise.all(portals.map((p) => p.stop()));
			await gateway.close();
			await db?.drop();
		}
	});
}
