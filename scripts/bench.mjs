// `npm run bench`: the booking, report and throughput benchmarks of the issues, printed as a
// report (never asserted as timings; the one thing that must hold, no double booking, is counted
// and printed as such).
//
//  1. Free-slot search, in process (vitest, bench/booking.bench.ts): 20,000 appointments in a
//     fresh SQLite file, availability() over the whole horizon; target p95 < 20 ms. With
//     --search-pg also on PostgreSQL (the same file with TEST_PG_URL).
//  2. Booking over real HTTP against a built server on a fresh data directory (SQLite), signed in
//     as the demo staff user: a warm-up of 64 bookings (opens the keep-alive connections; not
//     counted), 64 concurrent clients booking different times (throughput, latency), 64 clients
//     racing for one time (3 times with one counter left, 3 wholly free), then a count of double
//     bookings (active appointments overlapping on one counter) straight from the server's
//     SQLite file.
//  2b. The booking race across two instances on PostgreSQL: a fresh database in the bench's
//     PostgreSQL, two built servers on it (`node build/index.js`, each its own port, ORIGIN and
//     DATA_DIR, SEED_DEMO_CONTACTS=false; the second started once the first has migrated and
//     seeded), the staff session of one used on both, a warm-up of 64 bookings through both,
//     then 100 clients (BENCH_RACE_CLIENTS) racing for one time, half through each instance
//     (3 times with one counter left, 3 wholly free), and the count of double bookings read from
//     PostgreSQL (must be 0). As tests/instances.e2e.ts does it, as a measurement.
//  3. Channel-shift report, in process (vitest, bench/report.bench.ts), on SQLite at 1,000,000
//     and at 5,000,000 demo contact events for one year (with the demo's counter visits, funnels
//     and scores) and on PostgreSQL (TEST_PG_URL) at 1,000,000, each in a fresh database: the
//     manager's full report for the year, every figure included (and for a month and for one
//     service), beside raw SQL on the driver (the GROUP BY over the events the kept counts save,
//     and the report's own statements: better-sqlite3 statements prepared once; node-postgres
//     queries as the report's own are sent); target (issue 16): year report p95 < 150 ms at a
//     million events and < 500 ms at five, on SQLite. On PostgreSQL also the first report
//     straight after the load, before ANALYZE.
//  4. PWA budgets (scripts/bench-pwa.mjs; its header has the details): first-load JavaScript and
//     total bytes of the front page (JS 60 KB) and of the first page of every form the running
//     server offers (JS 55,000 B each), compression and cache headers, Lighthouse 12 mobile scores
//     of the front page and the passport form, and throughput of the front page, a form page and
//     a form POST as ratios to a static file (warm-up, then rounds interleaving baseline and
//     subject; median ratio and its min-max); its own server on 4700-4799.
//  5. Form page and form POST throughput with 1 and with 2 worker processes (bench/workers.mjs;
//     its header has the details): `node scripts/start.mjs` with INSTANCES=1 and INSTANCES=2
//     side by side (ports 4900-4999), rounds interleaving the two as part 4 does; the median
//     ratio 2 vs 1 with its min-max (goal >= 1.6x).
//
// The server is built from the current sources into a private temporary copy (so the shared
// build/ that other servers may be running from is never touched), started with `spawn` on a port
// in 4600-4699 (2b: 4800-4899) and killed (that child only) at the end or on any error. The
// PostgreSQL parts use a throw-away cluster (scripts/pg-cluster.mjs: Debian's postgresql; removed
// at the end) or, when none is installed, are skipped with a line saying so.
//
// Options: --no-build   serve the repository's existing build/ instead of building a private one
//          --skip-search / --skip-http / --skip-report / --skip-pwa / --skip-workers   leave a part
//                       out (--skip-http: parts 2 and 2b; --skip-report: part 3 on both engines)
//          --skip-pg    leave out everything on PostgreSQL (2b, 3 on PostgreSQL)
//          --search-pg  part 1 on PostgreSQL as well
//          --keep       keep the temporary build and data directories
// Env (defaults in brackets): part 1: BENCH_APPOINTMENTS (20,000), BENCH_RUNS (200 timed calls
//      per case, after 20 warm-up calls); part 2: BENCH_CLIENTS (64), BENCH_BOOKINGS (640),
//      BENCH_SECONDS (cap of the throughput round, 20), BENCH_PORT (in 4600-4699, else a free one
//      there); part 2b: BENCH_RACE_CLIENTS (100); part 3: BENCH_CONTACTS (1,000,000 events),
//      BENCH_CONTACTS_LARGE (5,000,000 events on SQLite; 0 leaves that run out),
//      BENCH_REPORT_RUNS (5 timed runs each, after 1 warm-up), BENCH_PG_FIRST_TIMEOUT_MS (60,000:
//      the first report on PostgreSQL, each statement cut off after that); part 4: BENCH_PWA_PORT
//      (in 4700-4799), BENCH_PWA_CONNECTIONS (16), BENCH_PWA_WARMUP (3 s per case),
//      BENCH_PWA_ROUNDS (5), BENCH_PWA_SECONDS (2 s per measurement), BENCH_LH_RUNS (1),
//      CHROMIUM_PATH (/usr/bin/chromium); part 5: BENCH_WORKERS_CONNECTIONS (16),
//      BENCH_WORKERS_WARMUP (3 s), BENCH_WORKERS_ROUNDS (5), BENCH_WORKERS_SECONDS (3 s);
//      PostgreSQL: BENCH_PG_URL (a server URL to use instead of starting a cluster; the bench
//      makes and drops its own databases there), PG_BIN (the PostgreSQL bin folder).
// Exit code 0 whenever the bench ran, targets met or not; non-zero only when a part broke (the
// other parts still run and print).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { freePort, serverEnv, startServer } from '../bench/servers.mjs';
import { printWorkers, runWorkersBench } from '../bench/workers.mjs';
import { printPwa, runPwaBench } from './bench-pwa.mjs';
import { startBuiltServer } from './bench-server.mjs';
import { findPostgres, startCluster } from './pg-cluster.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const args = new Set(process.argv.slice(2));
const CLIENTS = Number(process.env.BENCH_CLIENTS || 64);
const BOOKINGS = Number(process.env.BENCH_BOOKINGS || 640);
const MAX_SECONDS = Number(process.env.BENCH_SECONDS || 20);
const RACE_CLIENTS = Number(process.env.BENCH_RACE_CLIENTS || 100);
const CONTENTION_ROUNDS = 3; // of each kind: last free counter, and a wholly free time
const TYPE = 'pas';
const STAFF = { username: 'medarbejder', password: 'indgang-demo-2026' };
const t0 = Date.now();
// The servers' demo year of contact events is nothing any part measures; it only costs start-up.
process.env.SEED_DEMO_CONTACTS ??= 'false';

const temps = [];

const log = (msg) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
const ms = (n) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : 'n/a');

function quantile(sorted, q) {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
function stats(values) {
	const s = [...values].sort((a, b) => a - b);
	return { count: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] ?? NaN };
}

function tempDir(prefix) {
	const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
	temps.push(dir);
	return dir;
}

/** The bench's PostgreSQL: { url, stop?, note } once started, { skipped } or { failed } otherwise. */
let postgresState = null;

function cleanup() {
	postgresState?.stop?.();
	if (args.has('--keep')) {
		if (temps.length) console.log(`kept: ${temps.join(', ')}`);
		return;
	}
	for (const dir of temps.splice(0)) {
		try {
			const link = path.join(dir, 'node_modules');
			if (existsSync(link)) unlinkSync(link); // the symlink to the repository's node_modules, never its contents
			rmSync(dir, { recursive: true, force: true });
		} catch {
			/* best effort */
		}
	}
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		cleanup();
		process.exit(130);
	});
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: a throw-away cluster, started when the first part needs it

async function postgres() {
	if (postgresState) return postgresState;
	if (args.has('--skip-pg')) return (postgresState = { skipped: 'left out (--skip-pg)' });
	if (process.env.BENCH_PG_URL) {
		postgresState = { url: process.env.BENCH_PG_URL, note: 'the server BENCH_PG_URL names' };
	} else {
		const bin = findPostgres();
		if (!bin) return (postgresState = { skipped: 'PostgreSQL not found (Debian package postgresql, or PG_BIN): the PostgreSQL parts are skipped' });
		log(`starting a throw-away PostgreSQL cluster (${bin})…`);
		try {
			const cluster = await startCluster(bin);
			postgresState = { url: cluster.url, stop: cluster.stop, note: `a throw-away cluster in ${cluster.dir}` };
		} catch (e) {
			postgresState = { failed: `PostgreSQL could not be started: ${e?.message ?? e}` };
			return postgresState;
		}
	}
	const admin = new pg.Client({ connectionString: postgresState.url });
	await admin.connect();
	try {
		postgresState.version = (await admin.query('SHOW server_version')).rows[0].server_version;
	} finally {
		await admin.end();
	}
	log(`PostgreSQL ${postgresState.version} at ${postgresState.url} (${postgresState.note})`);
	return postgresState;
}

/** The PostgreSQL server's URL, or a thrown reason when a part cannot have it. */
async function postgresUrl() {
	const state = await postgres();
	if (state.failed) throw new Error(state.failed);
	return state.url ?? null;
}

// ---------------------------------------------------------------------------------------------
// Parts 1 and 3: in process, through vitest

/** One in-process bench file through the bench vitest config; its figures come back as JSON. */
function runVitestBench(file, what, extraEnv = {}) {
	const out = path.join(tempDir('indgang-bench-out-'), 'result.json');
	const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
	const env = { ...process.env, BENCH_OUT: out, ...extraEnv };
	if (!extraEnv.TEST_PG_URL) delete env.TEST_PG_URL; // SQLite unless asked
	const r = spawnSync(process.execPath, [vitest, 'run', '--config', 'bench/vitest.config.ts', '--reporter=dot', file], {
		env,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	if (r.status !== 0 || !existsSync(out)) {
		process.stdout.write(r.stdout ?? '');
		process.stderr.write(r.stderr ?? '');
		throw new Error(`the in-process ${what} bench failed (vitest exit ${r.status})`);
	}
	return JSON.parse(readFileSync(out, 'utf8'));
}

function runSearchBench(engine, pgUrl) {
	const count = Number(process.env.BENCH_APPOINTMENTS || 20_000).toLocaleString('en');
	log(`free-slot search on ${engine === 'pg' ? 'PostgreSQL' : 'SQLite'}: seeding ${count} appointments and timing availability() (vitest)…`);
	return runVitestBench('bench/booking.bench.ts', `search (${engine})`, engine === 'pg' ? { TEST_PG_URL: pgUrl } : {});
}

function runReportBench(engine, pgUrl, contacts = Number(process.env.BENCH_CONTACTS || 1_000_000)) {
	log(`channel-shift report on ${engine === 'pg' ? 'PostgreSQL' : 'SQLite'}: ${contacts.toLocaleString('en')} demo contact events, report vs raw SQL (vitest)…`);
	return runVitestBench('bench/report.bench.ts', `report (${engine}, ${contacts})`, { BENCH_CONTACTS: String(contacts), ...(engine === 'pg' ? { TEST_PG_URL: pgUrl } : {}) });
}

// ---------------------------------------------------------------------------------------------
// Parts 2 and 2b: booking over HTTP

function buildPrivateCopy() {
	const dir = tempDir('indgang-bench-build-');
	log(`building the server from the current sources in ${dir} (vite build)…`);
	// scripts/: vite.config.ts imports its build helpers from there (scripts/dkfds-css.js), and
	// part 5 starts the copy's scripts/start.mjs.
	for (const entry of ['src', 'static', 'drizzle', 'scripts']) cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
	for (const file of ['svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package.json']) cpSync(path.join(root, file), path.join(dir, file));
	// With its own time: start.mjs installs (npm ci) when the lockfile is newer than node_modules,
	// and the copy's node_modules is the repository's.
	cpSync(path.join(root, 'package-lock.json'), path.join(dir, 'package-lock.json'), { preserveTimestamps: true });
	symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (r.status !== 0 || !existsSync(path.join(dir, 'build', 'index.js'))) {
		process.stdout.write(r.stdout ?? '');
		process.stderr.write(r.stderr ?? '');
		throw new Error(`vite build failed (exit ${r.status})`);
	}
	return dir;
}

function cookieOf(res) {
	const all = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie') ?? ''];
	const session = all.map((c) => c.split(';')[0]).find((c) => c.startsWith('indgang_session='));
	return session ?? null;
}

function formHeaders(origin, cookie) {
	return {
		origin,
		'content-type': 'application/x-www-form-urlencoded',
		accept: 'text/html',
		...(cookie ? { cookie } : {})
	};
}

async function signIn(origin) {
	const res = await fetch(`${origin}/medarbejder/log-ind`, {
		method: 'POST',
		redirect: 'manual',
		headers: formHeaders(origin, null),
		body: new URLSearchParams(STAFF)
	});
	await res.arrayBuffer();
	const cookie = cookieOf(res);
	if (res.status !== 303 || !cookie) throw new Error(`staff sign-in failed: HTTP ${res.status}, cookie ${cookie ? 'set' : 'missing'}`);
	return cookie;
}

async function getHtml(url, cookie) {
	const t = performance.now();
	const res = await fetch(url, { redirect: 'manual', headers: { accept: 'text/html', cookie } });
	const html = await res.text();
	const took = performance.now() - t;
	if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}`);
	return { html, took };
}

/** Every free time of the type as the staff picker offers it: the day list, then each day's radio list. */
async function freeTimes(origin, cookie) {
	const base = `${origin}/medarbejder/tidsbestilling?type=${TYPE}&kanal=phone`;
	const first = await getHtml(`${base}&alle=1`, cookie);
	const days = [...first.html.matchAll(/name="dag"[^>]*value="(\d{4}-\d{2}-\d{2})"/g)].map((m) => m[1]);
	if (days.length === 0) throw new Error('the staff picker lists no days (signed in? seeded?)');
	const pageTimes = [first.took];
	const times = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: 4 }, async () => {
			while (next < days.length) {
				const day = days[next++];
				const page = await getHtml(`${base}&dag=${day}`, cookie);
				pageTimes.push(page.took);
				for (const m of page.html.matchAll(/name="tid"[^>]*value="([^"]+)"/g)) times.push(m[1]);
			}
		})
	);
	times.sort();
	return { days: days.length, times: [...new Set(times)], pageTimes };
}

/** Times far enough ahead that none has begun before the bench races for it. */
const laterThanSoon = (tid) => Date.parse(tid) > Date.now() + 2 * 3_600_000;

let keyCounter = 0;
async function book(origin, cookie, tid, name) {
	const key = `bench-${randomBytes(8).toString('hex')}-${++keyCounter}`;
	const url = `${origin}/medarbejder/tidsbestilling/bekraeft?type=${TYPE}&kanal=phone&tid=${encodeURIComponent(tid)}`;
	const t = performance.now();
	try {
		const res = await fetch(url, {
			method: 'POST',
			redirect: 'manual',
			headers: formHeaders(origin, cookie),
			body: new URLSearchParams({ key, tid, navn: name })
		});
		await res.arrayBuffer();
		const took = performance.now() - t;
		const location = res.headers.get('location') ?? '';
		if (res.status === 303 && /^\/medarbejder\/aftaler\/[^/?]+\?ny=1$/.test(location)) return { kind: 'ok', took, origin };
		if (res.status === 409) return { kind: 'taken', took, origin };
		return { kind: 'error', took, origin, detail: `HTTP ${res.status}${location ? ` -> ${location}` : ''}` };
	} catch (e) {
		return { kind: 'error', took: performance.now() - t, origin, detail: String(e?.cause?.code ?? e?.message ?? e) };
	}
}

/** Bookings of `times`, `clients` at a time, the n-th through `origins[n % origins.length]`. */
async function warmUp(origins, cookie, times, clients = CLIENTS) {
	const results = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: clients }, async () => {
			while (next < times.length) {
				const n = next++;
				results.push(await book(origins[n % origins.length], cookie, times[n], 'Opvarmning'));
			}
		})
	);
	return { requests: results.length, ok: results.filter((r) => r.kind === 'ok').length, latency: stats(results.map((r) => r.took)) };
}

async function throughputRound(origin, cookie, times) {
	const perClient = Math.max(1, Math.min(Math.ceil(BOOKINGS / CLIENTS), Math.floor(times.length / CLIENTS)));
	// Client c books times c, c + CLIENTS, c + 2 * CLIENTS, …: disjoint shares, spread over the horizon.
	const shares = Array.from({ length: CLIENTS }, (_, c) => Array.from({ length: perClient }, (_, k) => times[c + k * CLIENTS]).filter(Boolean));
	const results = [];
	const booked = [];
	const finished = [];
	const stopAt = Date.now() + MAX_SECONDS * 1000;
	const start = performance.now();
	await Promise.all(
		shares.map(async (share, c) => {
			for (const tid of share) {
				if (Date.now() > stopAt) break;
				const r = await book(origin, cookie, tid, `Bench klient ${c}`);
				results.push(r);
				if (r.kind === 'ok') booked.push(tid);
			}
			finished.push((performance.now() - start) / 1000);
		})
	);
	finished.sort((a, b) => a - b);
	const seconds = (performance.now() - start) / 1000;
	const count = (k) => results.filter((r) => r.kind === k).length;
	const errors = results.filter((r) => r.kind === 'error');
	return {
		clients: CLIENTS,
		requests: results.length,
		seconds,
		ok: count('ok'),
		taken: count('taken'),
		errors: errors.length,
		errorSamples: [...new Set(errors.map((e) => e.detail))].slice(0, 3),
		perSecond: count('ok') / seconds,
		requestsPerSecond: results.length / seconds,
		latency: stats(results.map((r) => r.took)),
		finished: { first: finished[0], last: finished[finished.length - 1] },
		perClient: Math.max(...shares.map((x) => x.length)),
		booked
	};
}

/**
 * The server's database, read straight: its SQLite file (read-only, opened per query) or its
 * PostgreSQL database. Statements are written with $1, $2, … in order (SQLite gets `?`).
 */
function sqliteReader(file) {
	return {
		query: async (text, ...params) => {
			const db = new Database(file, { readonly: true, fileMustExist: true });
			try {
				return db.prepare(text.replace(/\$\d+/g, '?')).all(...params);
			} finally {
				db.close();
			}
		},
		close: async () => {}
	};
}
function pgReader(url) {
	const pool = new pg.Pool({ connectionString: url, max: 2 });
	pool.on('error', (e) => console.error('bench database reader:', e.message));
	return { query: async (text, ...params) => (await pool.query(text, params)).rows, close: () => pool.end() };
}
/** count(*) is a number on SQLite and a bigint string on PostgreSQL. */
const countOf = async (reader, text, ...params) => Number((await reader.query(text, ...params))[0].n);

/** Counters that serve the type, less those with an active appointment overlapping [t, t + duration). */
async function capacityAt(reader, tid) {
	const start = Date.parse(tid);
	const [{ duration }] = await reader.query('SELECT duration_minutes AS duration FROM appointment_types WHERE slug = $1', TYPE);
	const end = start + Number(duration) * 60_000;
	const counters = await countOf(reader, 'SELECT count(*) AS n FROM counter_types ct JOIN counters c ON c.id = ct.counter_id WHERE ct.type_slug = $1 AND c.active = TRUE', TYPE);
	const busy = await countOf(
		reader,
		`SELECT count(DISTINCT a.counter_id) AS n FROM appointments a JOIN counter_types ct ON ct.counter_id = a.counter_id AND ct.type_slug = $1
		 WHERE a.status <> 'cancelled' AND a.start < $2 AND a."end" > $3`,
		TYPE,
		end,
		start
	);
	const activeAtStart = await countOf(reader, `SELECT count(*) AS n FROM appointments WHERE status <> 'cancelled' AND start = $1`, start);
	return { capacity: counters - busy, activeAtStart };
}

async function contentionRounds(origins, cookie, reader, lastSeatTimes, freshTimes, clients = CLIENTS) {
	const rounds = [];
	const plan = [
		...lastSeatTimes.slice(0, CONTENTION_ROUNDS).map((tid) => ({ tid, kind: 'last free counter' })),
		...freshTimes.slice(0, CONTENTION_ROUNDS).map((tid) => ({ tid, kind: 'wholly free time' }))
	];
	for (const { tid, kind } of plan) {
		const before = await capacityAt(reader, tid);
		const results = await Promise.all(Array.from({ length: clients }, (_, c) => book(origins[c % origins.length], cookie, tid, `Kapløb ${c}`)));
		const after = await capacityAt(reader, tid);
		const ok = results.filter((r) => r.kind === 'ok');
		const errors = results.filter((r) => r.kind === 'error');
		rounds.push({
			tid,
			kind,
			expected: before.capacity,
			ok: ok.length,
			okPerOrigin: origins.map((o) => ok.filter((r) => r.origin === o).length),
			taken: results.filter((r) => r.kind === 'taken').length,
			errors: errors.length,
			errorSamples: [...new Set(errors.map((e) => e.detail))].slice(0, 3),
			newRows: after.activeAtStart - before.activeAtStart,
			latency: stats(results.map((r) => r.took)),
			correct: ok.length === before.capacity && after.activeAtStart - before.activeAtStart === ok.length
		});
	}
	return rounds;
}

async function doubleBookings(reader) {
	const pairs = await countOf(
		reader,
		`SELECT count(*) AS n FROM appointments a JOIN appointments b
		   ON a.counter_id = b.counter_id AND a.id < b.id
		  AND a.status <> 'cancelled' AND b.status <> 'cancelled'
		  AND a.start < b."end" AND b.start < a."end"`
	);
	const rows = await countOf(reader, `SELECT count(*) AS n FROM appointments WHERE booked_by_staff_id IS NOT NULL`);
	const active = await countOf(reader, `SELECT count(*) AS n FROM appointments WHERE status <> 'cancelled'`);
	return { pairs, rows, active };
}

/** The server the HTTP parts run: built once per bench run. */
let builtAppDir = null;
function appDirOnce() {
	if (builtAppDir) return builtAppDir;
	if (args.has('--no-build')) {
		if (!existsSync(path.join(root, 'build', 'index.js'))) throw new Error('--no-build: there is no build/index.js');
		log('using the existing build/ (--no-build)');
		builtAppDir = root;
	} else builtAppDir = buildPrivateCopy();
	return builtAppDir;
}

const serverErrorLines = (output) => output.split('\n').filter((l) => /error|exception|SQLITE_|deadlock|serializ/i.test(l));

async function runHttpBench() {
	const server = await startBuiltServer({
		appDir: appDirOnce(),
		dataDir: tempDir('indgang-bench-data-'),
		from: 4600,
		portEnv: 'BENCH_PORT',
		probePath: '/medarbejder/log-ind',
		log
	});
	const { origin, dbFile } = server;
	const reader = sqliteReader(dbFile);
	try {
		log(`signing in as ${STAFF.username}…`);
		const cookie = await signIn(origin);
		log(`collecting free ${TYPE} times from the staff picker…`);
		const offer = await freeTimes(origin, cookie);
		if (offer.times.length < CLIENTS + 2 * CONTENTION_ROUNDS) throw new Error(`only ${offer.times.length} free times offered`);
		// Keep a few wholly free times for the race rounds, out of the throughput round's way.
		const fresh = offer.times.filter((t, i) => i % 50 === 25 && laterThanSoon(t)).slice(0, CONTENTION_ROUNDS);
		const usable = offer.times.filter((t) => !fresh.includes(t));
		// Warm-up, not timed: loads the route modules, gets the JIT going and opens the clients'
		// keep-alive connections (64 connections opened at once onto a busy server are accepted
		// slowly, which would otherwise dominate the first requests' latency).
		const warmTimes = usable.filter((_, i) => i % 12 === 11).slice(0, CLIENTS);
		log(`${offer.times.length} free times on ${offer.days} days; warm-up: ${warmTimes.length} bookings, ${CLIENTS} at a time…`);
		const warm = await warmUp([origin], cookie, warmTimes);
		const forThroughput = usable.filter((t) => !warmTimes.includes(t));
		log(`throughput round: ${CLIENTS} clients…`);
		const throughput = await throughputRound(origin, cookie, forThroughput);
		log(`race rounds: ${CLIENTS} clients on one time at once…`);
		// Times the throughput round booked once: one of the two counters is left, so one seat.
		const bookedLater = throughput.booked.filter(laterThanSoon);
		const step = Math.max(1, Math.floor(bookedLater.length / CONTENTION_ROUNDS));
		const lastSeat = bookedLater.filter((_, i) => i % step === Math.floor(step / 2));
		const rounds = await contentionRounds([origin], cookie, reader, lastSeat, fresh);
		const doubles = await doubleBookings(reader);
		const errorLines = serverErrorLines(server.output());
		return { origin, offer, warm, throughput, rounds, doubles, errorLines };
	} finally {
		await reader.close();
		await server.stop();
		log('server stopped');
	}
}

/** Part 2b: two instances of the built server on one fresh PostgreSQL database, racing. */
async function runPgRaceBench(pgUrl) {
	const name = `indgang_bench_race_${process.pid}_${Date.now().toString(36)}`;
	const admin = new pg.Client({ connectionString: pgUrl });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${name}`);
	const url = new URL(pgUrl);
	url.pathname = `/${name}`;
	const servers = [];
	let reader = null;
	try {
		// One after the other: the first migrates the empty database and seeds it.
		for (const which of ['A', 'B']) {
			const port = await freePort(4800);
			const origin = `http://127.0.0.1:${port}`;
			const env = serverEnv({
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: origin,
				DATA_DIR: tempDir(`indgang-bench-pg-${which}-`),
				DATABASE_URL: url.href,
				SEED_DEMO_CONTACTS: 'false',
				// Both instances key citizens alike, as instances of one portal must.
				CITIZEN_KEY_SECRET: 'bench-two-instances-share-this-secret'
			});
			servers.push(await startServer({ label: `PostgreSQL race: instance ${which}`, cwd: appDirOnce(), args: ['build/index.js'], env, probePath: '/medarbejder/log-ind', log }));
		}
		const origins = servers.map((s) => s.origin);
		reader = pgReader(url.href);
		log(`PostgreSQL race: signing in as ${STAFF.username} on instance A…`);
		const cookie = await signIn(origins[0]);
		const onB = await fetch(`${origins[1]}/medarbejder`, { redirect: 'manual', headers: { accept: 'text/html', cookie } });
		await onB.arrayBuffer();
		if (onB.status !== 200) throw new Error(`the session made on instance A is not valid on instance B (GET /medarbejder: HTTP ${onB.status})`);
		log(`PostgreSQL race: collecting free ${TYPE} times from instance B's staff picker…`);
		const offer = await freeTimes(origins[1], cookie);
		const later = offer.times.filter(laterThanSoon);
		const fresh = later.filter((_, i) => i % 50 === 25).slice(0, CONTENTION_ROUNDS);
		const lastSeat = later.filter((_, i) => i % 50 === 10).slice(0, CONTENTION_ROUNDS);
		const warmTimes = later.filter((t, i) => i % 12 === 11 && !fresh.includes(t) && !lastSeat.includes(t)).slice(0, CLIENTS);
		if (fresh.length < CONTENTION_ROUNDS || lastSeat.length < CONTENTION_ROUNDS) throw new Error(`only ${offer.times.length} free times offered`);
		log(`PostgreSQL race: ${offer.times.length} free times on ${offer.days} days; warm-up: ${warmTimes.length} bookings through both, ${CLIENTS} at a time…`);
		const warm = await warmUp(origins, cookie, warmTimes);
		// One booking on each last-seat time first, so that one counter is left there.
		const setup = [];
		for (const [i, tid] of lastSeat.entries()) setup.push(await book(origins[i % 2], cookie, tid, 'Første booking'));
		const setupOk = setup.filter((r) => r.kind === 'ok').length;
		log(`PostgreSQL race: ${RACE_CLIENTS} clients on one time at once, half through each instance…`);
		const rounds = await contentionRounds(origins, cookie, reader, lastSeat, fresh, RACE_CLIENTS);
		const doubles = await doubleBookings(reader);
		const errorLines = servers.flatMap((s, i) => serverErrorLines(s.output()).map((l) => `${'AB'[i]}: ${l}`));
		return { database: name, servers: servers.map((s) => ({ origin: s.origin, startMs: s.startMs })), offer, warm, setupOk, setupTried: setup.length, rounds, doubles, errorLines };
	} finally {
		await reader?.close();
		for (const s of servers) await s.stop();
		log('PostgreSQL race: instances stopped');
		await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((e) => console.error(`dropping ${name}:`, e.message));
		await admin.end();
	}
}

// ---------------------------------------------------------------------------------------------
// Part 5: one worker against two

/**
 * `node scripts/start.mjs` of the build, unless its dependency check would install (npm ci onto
 * the repository's node_modules, through the copy's symlink): then bench/cluster.mjs.
 */
function workersLauncher(appDir) {
	const lock = path.join(appDir, 'package-lock.json');
	const marker = path.join(appDir, 'node_modules', '.package-lock.json');
	let reason = null;
	if (appDir === root) reason = '--no-build: the repository\u2019s own package-lock.json may change under the bench';
	else if (!existsSync(lock) || !existsSync(marker)) reason = 'no package-lock.json or node_modules/.package-lock.json';
	else if (statSync(marker).mtimeMs < statSync(lock).mtimeMs) reason = 'node_modules is older than package-lock.json, so start.mjs would run npm ci';
	if (!reason) return { args: ['scripts/start.mjs'], note: 'node scripts/start.mjs with INSTANCES=1 and INSTANCES=2' };
	return { args: [path.join(root, 'bench', 'cluster.mjs')], note: `bench/cluster.mjs with INSTANCES=1 and 2, node:cluster as scripts/start.mjs sets it up (start.mjs not used: ${reason})` };
}

// ---------------------------------------------------------------------------------------------
// Report

const engineName = (e) => (e === 'pg' ? 'PostgreSQL' : 'SQLite');

function printSearch(s) {
	console.log(`\n1. Free-slot search (in process, availability() over the whole horizon; ${engineName(s.engine)})`);
	const mix = Object.entries(s.statusMix)
		.map(([k, v]) => `${k} ${v}`)
		.join(', ');
	console.log(`   database: ${s.appointments} appointments (${mix}); future ${s.horizonDays}-day horizon ${s.futureFill}% booked (${s.futureActive}/${s.futurePositions} counter positions)`);
	console.log(`   ${s.runs} timed calls each after ${s.warmup} warm-up calls`);
	console.log(`   ${'case'.padEnd(28)} ${'count'.padStart(5)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'max'.padStart(9)}   returned`);
	for (const r of s.results) {
		const target = r.targeted ? `   target p95 < ${s.targetP95Ms} ms: ${r.met ? 'met' : 'NOT met'}` : '   (extra, no target)';
		console.log(`   ${r.label.padEnd(28)} ${String(r.count).padStart(5)} ${ms(r.p50).padStart(9)} ${ms(r.p95).padStart(9)} ${ms(r.max).padStart(9)}   ${r.days} days, ${r.slots} slots${target}`);
	}
	if (s.book) {
		const k = s.book;
		console.log(
			`   book() in process on the same database (staff, pas): booked p50 ${ms(k.booked.p50)}, p95 ${ms(k.booked.p95)} (${k.booked.count}); ` +
				`time taken p50 ${ms(k.taken.p50)}, p95 ${ms(k.taken.p95)} (${k.taken.count})${k.unexpected ? `; ${k.unexpected} UNEXPECTED outcomes` : ''}`
		);
		console.log(`   overlapping active appointments in that database afterwards: ${k.overlaps} (must be 0)${k.overlaps ? '  <-- DOUBLE BOOKED' : ''}`);
	}
}

function printRace(rounds, perOrigin) {
	for (const r of rounds) {
		const verdict = r.correct ? 'ok' : 'WRONG';
		const split = perOrigin ? `; ${r.okPerOrigin.map((n, i) => `${n} through ${'AB'[i]}`).join(', ')}` : '';
		console.log(
			`     ${r.tid}  ${r.kind.padEnd(18)} booked ${r.ok} (expected ${r.expected}${split}), taken ${r.taken}, errors ${r.errors}, p50 ${ms(r.latency.p50)}, p95 ${ms(r.latency.p95)}  ${verdict}` +
				(r.errorSamples.length ? ` (${r.errorSamples.join('; ')})` : '')
		);
	}
	const lastSeat = rounds.filter((r) => r.kind === 'last free counter');
	console.log(`     successes per time with one counter left: ${lastSeat.map((r) => r.ok).join(', ')} (must be exactly 1 each)`);
	console.log(`     (a ${TYPE} time has one seat per counter serving it, so a wholly free time takes as many bookings as counters)`);
}

function printDoubles(d, answered) {
	console.log(`   appointments in the database booked by staff: ${d.rows} (successes answered: ${answered})${d.rows === answered ? '' : '  MISMATCH'}`);
	console.log(`   double bookings: ${d.pairs} (must be 0)${d.pairs === 0 ? '' : '  <-- DOUBLE BOOKED'}`);
}

function printHttp(h) {
	const t = h.throughput;
	console.log(`\n2. Booking over HTTP (${h.origin}, one server on SQLite, staff booking for a caller, type ${TYPE})`);
	console.log(`   staff picker offered ${h.offer.times.length} free times on ${h.offer.days} days; picker page GET p50 ${ms(stats(h.offer.pageTimes).p50)}, p95 ${ms(stats(h.offer.pageTimes).p95)}`);
	console.log(`   warm-up (not counted below): ${h.warm.requests} bookings ${h.throughput.clients} at a time, booked ${h.warm.ok}, p50 ${ms(h.warm.latency.p50)}, max ${ms(h.warm.latency.max)}`);
	console.log(`   ${t.clients} concurrent clients, different times each: ${t.requests} requests in ${t.seconds.toFixed(2)} s`);
	console.log(`     throughput: ${t.perSecond.toFixed(1)} bookings/s (${t.requestsPerSecond.toFixed(1)} requests/s)`);
	console.log(`     latency: p50 ${ms(t.latency.p50)}, p95 ${ms(t.latency.p95)}, max ${ms(t.latency.max)}`);
	console.log(`     fairness: each client booked ${t.perClient} times one after another; first client done after ${t.finished.first.toFixed(2)} s, last after ${t.finished.last.toFixed(2)} s`);
	console.log(`     booked ${t.ok}, taken (409) ${t.taken}, errors ${t.errors}${t.errorSamples.length ? ` (${t.errorSamples.join('; ')})` : ''}`);
	console.log(`   ${t.clients} clients racing for the same time, all at once:`);
	printRace(h.rounds, false);
	printDoubles(h.doubles, h.warm.ok + t.ok + h.rounds.reduce((s, r) => s + r.ok, 0));
	if (h.errorLines.length) console.log(`   server log: ${h.errorLines.length} error lines, first: ${h.errorLines.slice(0, 3).join(' / ')}`);
}

function printPgRace(h, pgInfo) {
	console.log(`\n2b. Booking race across two instances on PostgreSQL (PostgreSQL ${pgInfo.version}, ${pgInfo.note}; fresh database ${h.database})`);
	const [a, b] = h.servers;
	console.log(
		`   instance A ${a.origin} up in ${(a.startMs / 1000).toFixed(1)} s (migrated and seeded the empty database), then instance B ${b.origin} up in ${(b.startMs / 1000).toFixed(1)} s;` +
			' each node build/index.js with its own PORT, ORIGIN and DATA_DIR, SEED_DEMO_CONTACTS=false, one DATABASE_URL'
	);
	console.log(`   staff signed in on A, the same session used on B; B's staff picker offered ${h.offer.times.length} free times on ${h.offer.days} days`);
	console.log(`   warm-up (not counted below): ${h.warm.requests} bookings through both, ${CLIENTS} at a time, booked ${h.warm.ok}, p50 ${ms(h.warm.latency.p50)}, max ${ms(h.warm.latency.max)}`);
	console.log(`   then one booking on each of ${h.setupTried} times (booked ${h.setupOk}), so that one counter is left there`);
	console.log(`   ${RACE_CLIENTS} clients racing for the same time, all at once, the even-numbered through A, the odd through B:`);
	printRace(h.rounds, true);
	printDoubles(h.doubles, h.warm.ok + h.setupOk + h.rounds.reduce((s, r) => s + r.ok, 0));
	if (h.errorLines.length) console.log(`   server logs: ${h.errorLines.length} error lines, first: ${h.errorLines.slice(0, 3).join(' / ')}`);
}

function printReport(r, n) {
	const mb = (x) => `${(x / 1e6).toFixed(1)} MB`;
	const pgEngine = r.engine === 'pg';
	console.log(
		`\n3${n}. Channel-shift report on ${engineName(r.engine)}, ${r.events.toLocaleString('en')} events (in process: channelReport() with every figure, counts from the monthly contact_counts and journeys from the kept facts, beside raw SQL)`
	);
	console.log(
		`   database: ${r.events.toLocaleString('en')} contact events inserted in ${(r.insertMs / 1000).toFixed(1)} s ` +
			`(${r.insertPerSecond.toLocaleString('en')}/s, one transaction), ${r.settle?.what ?? 'checkpoint'} ${r.settle?.ms ?? r.checkpointMs} ms; ${pgEngine ? 'database' : 'file'} ${mb(r.dbBytes)}; ` +
			`indexes: ${r.indexes.join(', ')}`
	);
	if (r.firstReportMs !== undefined) {
		const before = pgEngine ? (r.firstReportStatistics ? ' (autovacuum had already analyzed the table)' : ' (no statistics on the table yet: before ANALYZE)') : '';
		const slow = r.firstReportSlowest ? `; slowest statement ${ms(r.firstReportSlowest.ms)}: ${r.firstReportSlowest.sql}…` : '';
		const failed = r.firstReportError ? `  DID NOT FINISH: ${r.firstReportError}${r.firstReportTimeoutMs ? ` (statement_timeout ${r.firstReportTimeoutMs / 1000} s)` : ''}` : '';
		console.log(`   first report for the year straight after the load${before}: ${ms(r.firstReportMs)}${slow}${failed}`);
	}
	console.log(`   events in the year before (the report's comparison year): ${r.eventsYearBefore.toLocaleString('en')}`);
	console.log(
		`   ${r.runs} timed runs each after ${r.warmup} warm-up, report and raw interleaved; raw = the GROUP BY over contact_events for both years plus the report's own statements, ` +
			(pgEngine
				? 'sent straight to node-postgres as the report sends its own (unnamed: planned per call), no JS arithmetic'
				: 'better-sqlite3 statements prepared once, no JS arithmetic')
	);
	console.log(`   ${'case'.padEnd(34)} ${'report p50'.padStart(11)} ${'p95'.padStart(10)} ${'raw p50'.padStart(10)} ${'p95'.padStart(10)} ${'ratio'.padStart(6)}`);
	for (const c of r.cases) {
		const target = c.targeted
			? `   target: p95 < ${r.target.ms} ms: ${c.met ? 'met' : 'NOT met'}`
			: '   (extra, no target)';
		console.log(
			`   ${c.label.padEnd(34)} ${ms(c.report.p50).padStart(11)} ${ms(c.report.p95).padStart(10)} ${ms(c.raw.p50).padStart(10)} ${ms(c.raw.p95).padStart(10)} ${`${c.ratio.toFixed(2)}x`.padStart(6)}${target}`
		);
	}
	for (const c of r.cases) {
		const f = c.figures;
		console.log(`   ${c.label}: where the raw time goes (p50 of each statement alone)${f ? `; ${f.contacts.toLocaleString('en')} contacts, graduation ${f.graduation.graduated}/${f.graduation.helped}, drop-out ${f.dropout.droppedOut}/${f.dropout.started}` : ''}`);
		for (const s of c.statements) console.log(`     ${ms(s.p50).padStart(10)}  ${String(s.rows).padStart(5)} rows  ${s.sql}`);
	}
	const slow = r.cases.some((c) => !c.met);
	if (slow) {
		console.log(`   query plans (${pgEngine ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'}) of the year report:`);
		const line = (l) => (l.length > 150 ? `${l.slice(0, 150)}…` : l);
		for (const s of r.cases[0].statements) console.log(`     ${s.sql.slice(0, 40)}…\n       ${s.plan.slice(0, 12).map(line).join('\n       ')}${s.plan.length > 12 ? `\n       … (${s.plan.length - 12} more lines)` : ''}`);
	}
}

function printReportComparison(a, b) {
	console.log(`\n3c. The report on SQLite and on PostgreSQL, side by side (p50; the same ${a.events.toLocaleString('en')} events, the same statements)`);
	console.log(`   ${'case'.padEnd(34)} ${'SQLite report'.padStart(14)} ${'PostgreSQL'.padStart(11)} ${'SQLite raw'.padStart(11)} ${'PostgreSQL'.padStart(11)}`);
	for (const [i, c] of a.cases.entries()) {
		const d = b.cases[i];
		if (!d) continue;
		console.log(`   ${c.label.padEnd(34)} ${ms(c.report.p50).padStart(14)} ${ms(d.report.p50).padStart(11)} ${ms(c.raw.p50).padStart(11)} ${ms(d.raw.p50).padStart(11)}`);
	}
	console.log(`   load of the events: SQLite ${(a.insertMs / 1000).toFixed(1)} s, PostgreSQL ${(b.insertMs / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------
// Run

const failures = [];
/** Runs one part; a part that breaks is reported and the others still run. */
async function part(name, fn) {
	try {
		return await fn();
	} catch (e) {
		failures.push({ name, error: e });
		console.error(`\n${name} broke: ${e?.stack ?? e}`);
		return null;
	}
}
/** The URL for a PostgreSQL part, or null (skipped, with the reason kept for the report). */
async function pgFor(name) {
	if (postgresState?.failed) return null; // reported once, where it first failed
	return part(`PostgreSQL (for ${name})`, postgresUrl);
}

const results = { search: null, searchPg: null, http: null, pgRace: null, reportSqlite: null, reportSqliteLarge: null, reportPg: null, pwa: null, workers: null };
if (!args.has('--skip-search')) {
	results.search = await part('part 1 (free-slot search)', () => runSearchBench('sqlite'));
	if (args.has('--search-pg')) {
		const url = await pgFor('part 1');
		if (url) results.searchPg = await part('part 1 on PostgreSQL', () => runSearchBench('pg', url));
	}
}
if (!args.has('--skip-report')) {
	results.reportSqlite = await part('part 3 (report on SQLite)', () => runReportBench('sqlite'));
	const large = Number(process.env.BENCH_CONTACTS_LARGE ?? 5_000_000);
	if (large > 0) results.reportSqliteLarge = await part('part 3 (report on SQLite, large)', () => runReportBench('sqlite', null, large));
	const url = await pgFor('part 3');
	if (url) results.reportPg = await part('part 3 (report on PostgreSQL)', () => runReportBench('pg', url));
}
if (!args.has('--skip-http')) {
	results.http = await part('part 2 (booking over HTTP)', runHttpBench);
	const url = await pgFor('part 2b');
	if (url) results.pgRace = await part('part 2b (booking race across two instances on PostgreSQL)', () => runPgRaceBench(url));
}
if (!args.has('--skip-pwa')) results.pwa = await part('part 4 (PWA budgets)', () => runPwaBench({ appDir: appDirOnce(), dataDir: tempDir('indgang-bench-pwa-'), log }));
if (!args.has('--skip-workers')) results.workers = await part('part 5 (1 vs 2 worker processes)', () => runWorkersBench({ appDir: appDirOnce(), tempDir, launcher: workersLauncher(appDirOnce()), log }));
cleanup();

console.log(`\n==== Indgang bench (${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} CPUs) ====`);
const pgInfo = postgresState ?? { skipped: 'not needed by the parts run' };
if (pgInfo.url) console.log(`PostgreSQL: ${pgInfo.version}, ${pgInfo.note}`);
else console.log(`PostgreSQL: ${pgInfo.skipped ?? pgInfo.failed}`);
if (results.search) printSearch(results.search);
if (results.searchPg) printSearch(results.searchPg);
if (results.http) printHttp(results.http);
if (!args.has('--skip-http')) {
	if (results.pgRace) printPgRace(results.pgRace, pgInfo);
	else console.log(`\n2b. Booking race across two instances on PostgreSQL: NOT run (${pgInfo.skipped ?? pgInfo.failed ?? 'it broke, see the error above'})`);
}
if (results.reportSqlite) printReport(results.reportSqlite, 'a');
if (results.reportSqliteLarge) printReport(results.reportSqliteLarge, 'a2');
if (!args.has('--skip-report')) {
	if (results.reportPg) printReport(results.reportPg, 'b');
	else console.log(`\n3b. Channel-shift report on PostgreSQL: NOT run (${pgInfo.skipped ?? pgInfo.failed ?? 'it broke, see the error above'})`);
	if (results.reportSqlite && results.reportPg) printReportComparison(results.reportSqlite, results.reportPg);
}
if (results.pwa) printPwa(results.pwa);
if (results.workers) printWorkers(results.workers);
for (const f of failures) console.log(`\n${f.name}: BROKE: ${String(f.error?.message ?? f.error).split('\n')[0]}`);
console.log(`\nbench finished in ${((Date.now() - t0) / 1000).toFixed(1)} s${failures.length ? ` -- INCOMPLETE: ${failures.map((f) => f.name).join('; ')} broke, see above` : ''}`);
process.exit(failures.length ? 1 : 0);
