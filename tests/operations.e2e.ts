import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { sparePort } from '../playwright.config';
import { startPortal } from './support/portal';

test('health checks: /healthz while the process answers, /readyz only with the database and every migration', async ({ request }) => {
	for (const [url, text] of [
		['/healthz', 'ok'],
		['/readyz', 'ready']
	]) {
		const r = await request.get(url);
		expect(r.status(), url).toBe(200);
		expect((await r.text()).trim()).toBe(text);
		expect(r.headers()['cache-control']).toBe('no-store');
		expect(r.headers()['set-cookie'], 'no session for a probe').toBeUndefined();
	}

	// A database that lacks a migration this build ships (rolled back, or an older copy): not ready.
	const portal = await startPortal('readyz', sparePort(12));
	try {
		expect((await fetch(`${portal.url}/readyz`)).status).toBe(200);
		const sqlite = new Database(path.join(portal.dataDir, 'indgang.db'));
		sqlite.prepare('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)').run();
		sqlite.close();
		const r = await fetch(`${portal.url}/readyz`);
		expect(r.status).toBe(503);
		expect((await r.text()).trim()).toBe('not ready: migrations');
		expect((await fetch(`${portal.url}/healthz`)).status).toBe(200);
	} finally {
		await portal.stop();
	}
});

test('SIGTERM: requests in flight are answered, then the process gives back its leases and ends cleanly', async () => {
	const portal = await startPortal('shutdown', sparePort(13), { JOB_TICK_SECONDS: '1' });
	let stopped = false;
	try {
		// A request on its way when the signal comes (its body half sent) is answered, not cut off.
		const body = 'username=medarbejder&password=not-the-password';
		const answered = new Promise<number>((resolve, reject) => {
			const req = httpRequest(`${portal.url}/medarbejder/log-ind`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), origin: portal.url, accept: 'text/html' }
			});
			req.on('response', (res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			});
			req.on('error', reject);
			req.write(body.slice(0, 20));
			setTimeout(() => {
				portal.process.kill('SIGTERM');
				setTimeout(() => req.end(body.slice(20)), 300);
			}, 300);
		});
		const exit = new Promise<number | null>((resolve) => portal.process.once('exit', (code) => resolve(code)));
		expect(await answered, 'a wrong password: the login page again').toBe(400);
		expect(await exit, portal.log.join('\n')).toBe(0);
		expect(portal.log.join('\n')).toContain('"msg":"stopped: requests answered');
		// No longer listening.
		await expect(fetch(`${portal.url}/healthz`)).rejects.toThrow();
		stopped = true;
		const sqlite = new Database(path.join(portal.dataDir, 'indgang.db'), { readonly: true });
		try {
			expect(sqlite.prepare('SELECT name FROM job_leases WHERE leased_by IS NOT NULL').all()).toEqual([]);
			expect(sqlite.prepare('SELECT count(*) AS n FROM job_leases').get()).toEqual({ n: 3 });
			expect(sqlite.prepare('SELECT id FROM outbox WHERE leased_by IS NOT NULL').all()).toEqual([]);
		} finally {
			sqlite.close();
		}
	} finally {
		if (!stopped) await portal.stop();
	}
});

test('npm run backup copies the SQLite database while the portal serves: a consistent, owner-only copy', async ({ request }) => {
	test.skip(existsSync(path.resolve('.test-data', 'e2e.database-url')), 'the suite runs on PostgreSQL: backups there are pg_dump’s (see the README)');
	const source = path.resolve('.test-data', 'e2e', 'indgang.db');
	const target = path.resolve('.test-data', `backup-${Date.now()}.db`);
	rmSync(target, { force: true });
	try {
		// Requests go on while it copies.
		const busy = Promise.all(Array.from({ length: 20 }, () => request.get('/').then((r) => r.status())));
		const run = spawnSync(process.execPath, ['scripts/backup.mjs', target], { env: { ...process.env, DATABASE_URL: source }, encoding: 'utf8' });
		expect(run.status, run.stderr).toBe(0);
		expect(await busy).toEqual(Array(20).fill(200));
		expect(run.stdout).toContain('Backed up');
		expect(statSync(target).mode & 0o077).toBe(0);
		const copy = new Database(target, { readonly: true });
		try {
			expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
			const services = copy.prepare('SELECT count(*) AS n FROM services').get() as { n: number };
			expect(services.n).toBeGreaterThan(0);
		} finally {
			copy.close();
		}
		// It never overwrites, and it says how to back up PostgreSQL instead.
		const again = spawnSync(process.execPath, ['scripts/backup.mjs', target], { env: { ...process.env, DATABASE_URL: source }, encoding: 'utf8' });
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('exists already');
		const pg = spawnSync(process.execPath, ['scripts/backup.mjs', `${target}.x`], { env: { ...process.env, DATABASE_URL: 'postgres://x@127.0.0.1/x' }, encoding: 'utf8' });
		expect(pg.stderr).toContain('pg_dump');
		expect(existsSync(`${target}.x`)).toBe(false);
	} finally {
		rmSync(target, { force: true });
	}
});

test('/metrics: absent without METRICS_TOKEN, refused without the bearer token, Prometheus text with it', async ({ request }) => {
	expect((await request.get('/metrics')).status()).toBe(404);
	const portal = await startPortal('metrics', sparePort(14), { METRICS_TOKEN: 'scrape-me-please' });
	try {
		for (let i = 0; i < 3; i++) expect((await fetch(`${portal.url}/tjenester/anmeld-flytning`)).status).toBe(200);
		expect((await fetch(`${portal.url}/metrics`)).status).toBe(401);
		expect((await fetch(`${portal.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-value' } })).status).toBe(401);
		const r = await fetch(`${portal.url}/metrics`, { headers: { authorization: 'Bearer scrape-me-please' } });
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toContain('text/plain; version=0.0.4');
		const text = await r.text();
		expect(text).toContain('indgang_http_requests_total{method="GET",route="/(public)/tjenester/[slug=slug]",status="2xx"} 3');
		expect(text).toMatch(/indgang_http_request_duration_seconds_bucket\{method="GET",route="\/\(public\)\/tjenester\/\[slug=slug\]",status="2xx",le="\+Inf"\} 3/);
		for (const gauge of ['indgang_outbox_pending', 'indgang_outbox_oldest_pending_age_seconds', 'indgang_job_lag_seconds{job="reminders"}', 'indgang_job_lag_seconds{job="purge"}'])
			expect(text).toContain(gauge);
		// Paths, which may hold a private link's token, are never a label: only route ids.
		expect(text).not.toContain('anmeld-flytning');
	} finally {
		await portal.stop();
	}
});

test('npm start with INSTANCES=2: two workers on one port share the work, /metrics counts both, SIGTERM ends both', async () => {
	const port = sparePort(15);
	const dataDir = path.resolve('.test-data', 'cluster');
	rmSync(dataDir, { recursive: true, force: true });
	const child = spawn(process.execPath, ['scripts/start.mjs'], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, INSTANCES: '2', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', SEED_DEMO_CONTACTS: 'false', METRICS_TOKEN: 'cluster-token' }
	});
	const log: string[] = [];
	child.stdout.on('data', (c: Buffer) => log.push(c.toString()));
	child.stderr.on('data', (c: Buffer) => log.push(c.toString()));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	try {
		const url = `http://127.0.0.1:${port}`;
		await expect.poll(() => log.join('').match(/Listening on/g)?.length ?? 0, { timeout: 60_000 }).toBe(2);
		const pids = new Set<number>();
		for (let i = 0; i < 40; i++) {
			const r = await fetch(`${url}/healthz`, { headers: { connection: 'close' } });
			expect(r.status).toBe(200);
		}
		for (const line of log.join('').split('\n')) {
			const m = line.match(/^\{.*"msg":"request".*\}$/) ? (JSON.parse(line) as { pid: number; route: string }) : null;
			if (m?.route === '/healthz') pids.add(m.pid);
		}
		expect(pids.size, 'both workers answered').toBe(2);
		// Whichever worker answers the scrape, it counts the requests of both.
		for (let i = 0; i < 3; i++) {
			const text = await (await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer cluster-token', connection: 'close' } })).text();
			expect(text).toContain('indgang_http_requests_total{method="GET",route="/healthz",status="2xx"} 40');
		}
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
		expect(log.join('').match(/"msg":"stopped: requests answered/g)).toHaveLength(2);
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL');
	}
});
