// `npm run bench`: the booking and report benchmarks of the issues, printed as a report (never
// asserted).
//
//  1. Free-slot search, in process (vitest, bench/booking.bench.ts): 20,000 appointments in a
//     fresh SQLite file, availability() over the whole horizon; target p95 < 20 ms.
//  2. Booking over real HTTP against a built server on a fresh data directory, signed in as the
//     demo staff user: a warm-up of 64 bookings (opens the keep-alive connections; not counted),
//     64 concurrent clients booking different times (throughput, latency), 64 clients racing for
//     one time (3 times with one counter left, 3 wholly free), then a count of double bookings
//     (active appointments overlapping on one counter) straight from the server's SQLite file.
//  3. Channel-shift report, in process (vitest, bench/report.bench.ts): 1,000,000 demo contact
//     events for one year in a fresh SQLite file, the manager's full report for the year (and for
//     a month and for one service) beside the same SQL statements run raw; target: ratio < 1.5
//     and < 300 ms.
//  4. PWA budgets (scripts/bench-pwa.mjs; its header has the details): first-load JavaScript and
//     total bytes of the front page (JS 60 KB) and of the first page of every form the running
//     server offers (JS 55,000 B each), compression and cache headers, Lighthouse 12 mobile scores
//     of the front page and the passport form, and throughput of the front page, a form page and
//     a form POST as ratios to a static file (warm-up, then rounds interleaving baseline and
//     subject; median ratio and its min-max); its own server on 4700-4799.
//
// The server is built from the current sources into a private temporary copy (so the shared
// build/ that other servers may be running from is never touched), started with `spawn` on a port
// in 4600-4699 and killed (that child only) at the end or on any error.
//
// Options: --no-build   serve the repository's existing build/ instead of building a private one
//          --skip-search / --skip-http / --skip-report / --skip-pwa   leave a part out
//          --keep       keep the temporary build and data directories
// Env (defaults in brackets): part 1: BENCH_APPOINTMENTS (20,000), BENCH_RUNS (200 timed calls
//      per case, after 20 warm-up calls); part 2: BENCH_CLIENTS (64), BENCH_BOOKINGS (640),
//      BENCH_SECONDS (cap of the throughput round, 20), BENCH_PORT (in 4600-4699, else a free one
//      there); part 3: BENCH_CONTACTS (1,000,000 events), BENCH_REPORT_RUNS (5 timed runs each,
//      after 1 warm-up); part 4: BENCH_PWA_PORT (in 4700-4799), BENCH_PWA_CONNECTIONS (16),
//      BENCH_PWA_WARMUP (3 s per case), BENCH_PWA_ROUNDS (5), BENCH_PWA_SECONDS (2 s per
//      measurement), BENCH_LH_RUNS (1), CHROMIUM_PATH (/usr/bin/chromium).
// Exit code 0 whenever the bench ran, targets met or not; non-zero only when it broke.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { printPwa, runPwaBench } from './bench-pwa.mjs';
import { startBuiltServer } from './bench-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const args = new Set(process.argv.slice(2));
const CLIENTS = Number(process.env.BENCH_CLIENTS || 64);
const BOOKINGS = Number(process.env.BENCH_BOOKINGS || 640);
const MAX_SECONDS = Number(process.env.BENCH_SECONDS || 20);
const CONTENTION_ROUNDS = 3; // of each kind: last free counter, and a wholly free time
const TYPE = 'pas';
const STAFF = { username: 'medarbejder', password: 'indgang-demo-2026' };
const t0 = Date.now();

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

function cleanup() {
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
// Part 1: free-slot search in process

/** One in-process bench file through the bench vitest config; its figures come back as JSON. */
function runVitestBench(file, what) {
	const out = path.join(tempDir('indgang-bench-out-'), 'result.json');
	const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
	const r = spawnSync(process.execPath, [vitest, 'run', '--config', 'bench/vitest.config.ts', '--reporter=dot', file], {
		env: { ...process.env, BENCH_OUT: out },
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

function runSearchBench() {
	log('free-slot search: seeding 20,000 appointments and timing availability() (vitest)…');
	return runVitestBench('bench/booking.bench.ts', 'search');
}

// ---------------------------------------------------------------------------------------------
// Part 2: booking over HTTP

function buildPrivateCopy() {
	const dir = tempDir('indgang-bench-build-');
	log(`building the server from the current sources in ${dir} (vite build)…`);
	// scripts/: vite.config.ts imports its build helpers from there (scripts/dkfds-css.js).
	for (const entry of ['src', 'static', 'drizzle', 'scripts']) cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
	for (const file of ['svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package.json']) cpSync(path.join(root, file), path.join(dir, file));
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
		if (res.status === 303 && /^\/medarbejder\/aftaler\/[^/?]+\?ny=1$/.test(location)) return { kind: 'ok', took };
		if (res.status === 409) return { kind: 'taken', took };
		return { kind: 'error', took, detail: `HTTP ${res.status}${location ? ` -> ${location}` : ''}` };
	} catch (e) {
		return { kind: 'error', took: performance.now() - t, detail: String(e?.cause?.code ?? e?.message ?? e) };
	}
}

async function warmUp(origin, cookie, times) {
	const results = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: CLIENTS }, async () => {
			while (next < times.length) results.push(await book(origin, cookie, times[next++], 'Opvarmning'));
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

function openDb(file) {
	return new Database(file, { readonly: true, fileMustExist: true });
}

/** Counters that serve the type, less those with an active appointment overlapping [t, t + duration). */
function capacityAt(dbFile, tid) {
	const db = openDb(dbFile);
	try {
		const start = Date.parse(tid);
		const { duration } = db.prepare('SELECT duration_minutes AS duration FROM appointment_types WHERE slug = ?').get(TYPE);
		const end = start + duration * 60_000;
		const counters = db
			.prepare('SELECT count(*) AS n FROM counter_types ct JOIN counters c ON c.id = ct.counter_id WHERE ct.type_slug = ? AND c.active = 1')
			.get(TYPE).n;
		const busy = db
			.prepare(
				`SELECT count(DISTINCT a.counter_id) AS n FROM appointments a JOIN counter_types ct ON ct.counter_id = a.counter_id AND ct.type_slug = ?
				 WHERE a.status <> 'cancelled' AND a.start < ? AND a."end" > ?`
			)
			.get(TYPE, end, start).n;
		const activeAtStart = db.prepare(`SELECT count(*) AS n FROM appointments WHERE status <> 'cancelled' AND start = ?`).get(start).n;
		return { capacity: counters - busy, activeAtStart };
	} finally {
		db.close();
	}
}

async function contentionRounds(origin, cookie, dbFile, lastSeatTimes, freshTimes) {
	const rounds = [];
	const plan = [
		...lastSeatTimes.slice(0, CONTENTION_ROUNDS).map((tid) => ({ tid, kind: 'last free counter' })),
		...freshTimes.slice(0, CONTENTION_ROUNDS).map((tid) => ({ tid, kind: 'wholly free time' }))
	];
	for (const { tid, kind } of plan) {
		const before = capacityAt(dbFile, tid);
		const results = await Promise.all(Array.from({ length: CLIENTS }, (_, c) => book(origin, cookie, tid, `Kapløb ${c}`)));
		const after = capacityAt(dbFile, tid);
		const ok = results.filter((r) => r.kind === 'ok').length;
		const errors = results.filter((r) => r.kind === 'error');
		rounds.push({
			tid,
			kind,
			expected: before.capacity,
			ok,
			taken: results.filter((r) => r.kind === 'taken').length,
			errors: errors.length,
			errorSamples: [...new Set(errors.map((e) => e.detail))].slice(0, 3),
			newRows: after.activeAtStart - before.activeAtStart,
			latency: stats(results.map((r) => r.took)),
			correct: ok === before.capacity && after.activeAtStart - before.activeAtStart === ok
		});
	}
	return rounds;
}

function doubleBookings(dbFile) {
	const db = openDb(dbFile);
	try {
		const pairs = db
			.prepare(
				`SELECT count(*) AS n FROM appointments a JOIN appointments b
				   ON a.counter_id = b.counter_id AND a.id < b.id
				  AND a.status <> 'cancelled' AND b.status <> 'cancelled'
				  AND a.start < b."end" AND b.start < a."end"`
			)
			.get().n;
		const rows = db.prepare(`SELECT count(*) AS n FROM appointments WHERE booked_by_staff_id IS NOT NULL`).get().n;
		const active = db.prepare(`SELECT count(*) AS n FROM appointments WHERE status <> 'cancelled'`).get().n;
		return { pairs, rows, active };
	} finally {
		db.close();
	}
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
	try {
		log(`signing in as ${STAFF.username}…`);
		const cookie = await signIn(origin);
		log(`collecting free ${TYPE} times from the staff picker…`);
		const offer = await freeTimes(origin, cookie);
		if (offer.times.length < CLIENTS + 2 * CONTENTION_ROUNDS) throw new Error(`only ${offer.times.length} free times offered`);
		// Keep a few wholly free times for the race rounds, out of the throughput round's way.
		const fresh = offer.times.filter((_, i) => i % 50 === 25).slice(0, CONTENTION_ROUNDS);
		const usable = offer.times.filter((t) => !fresh.includes(t));
		// Warm-up, not timed: loads the route modules, gets the JIT going and opens the clients'
		// keep-alive connections (64 connections opened at once onto a busy server are accepted
		// slowly, which would otherwise dominate the first requests' latency).
		const warmTimes = usable.filter((_, i) => i % 12 === 11).slice(0, CLIENTS);
		log(`${offer.times.length} free times on ${offer.days} days; warm-up: ${warmTimes.length} bookings, ${CLIENTS} at a time…`);
		const warm = await warmUp(origin, cookie, warmTimes);
		const forThroughput = usable.filter((t) => !warmTimes.includes(t));
		log(`throughput round: ${CLIENTS} clients…`);
		const throughput = await throughputRound(origin, cookie, forThroughput);
		log(`race rounds: ${CLIENTS} clients on one time at once…`);
		// Times the throughput round booked once: one of the two counters is left, so one seat.
		const step = Math.max(1, Math.floor(throughput.booked.length / CONTENTION_ROUNDS));
		const lastSeat = throughput.booked.filter((_, i) => i % step === Math.floor(step / 2));
		const rounds = await contentionRounds(origin, cookie, dbFile, lastSeat, fresh);
		const doubles = doubleBookings(dbFile);
		const errorLines = server.output().split('\n').filter((l) => /error|exception|SQLITE_/i.test(l));
		return { origin, offer, warm, throughput, rounds, doubles, errorLines };
	} finally {
		await server.stop();
		log('server stopped');
	}
}

// ---------------------------------------------------------------------------------------------
// Part 3: the channel-shift report in process

function runReportBench() {
	log(`channel-shift report: ${Number(process.env.BENCH_CONTACTS || 1_000_000).toLocaleString('en')} demo contact events, report vs raw SQL (vitest)…`);
	return runVitestBench('bench/report.bench.ts', 'report');
}

// ---------------------------------------------------------------------------------------------
// Report

function printSearch(s) {
	console.log('\n1. Free-slot search (in process, availability() over the whole horizon)');
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
		console.log(`   overlapping active appointments in that database afterwards: ${k.overlaps} (must be 0)${k.overlaps ? '  <-- DOUBLE BOOKED' : ''}`
		);
	}
}

function printHttp(h) {
	const t = h.throughput;
	console.log(`\n2. Booking over HTTP (${h.origin}, staff booking for a caller, type ${TYPE})`);
	console.log(`   staff picker offered ${h.offer.times.length} free times on ${h.offer.days} days; picker page GET p50 ${ms(stats(h.offer.pageTimes).p50)}, p95 ${ms(stats(h.offer.pageTimes).p95)}`);
	console.log(`   warm-up (not counted below): ${h.warm.requests} bookings ${h.throughput.clients} at a time, booked ${h.warm.ok}, p50 ${ms(h.warm.latency.p50)}, max ${ms(h.warm.latency.max)}`);
	console.log(`   ${t.clients} concurrent clients, different times each: ${t.requests} requests in ${t.seconds.toFixed(2)} s`);
	console.log(`     throughput: ${t.perSecond.toFixed(1)} bookings/s (${t.requestsPerSecond.toFixed(1)} requests/s)`);
	console.log(`     latency: p50 ${ms(t.latency.p50)}, p95 ${ms(t.latency.p95)}, max ${ms(t.latency.max)}`);
	console.log(`     fairness: each client booked ${t.perClient} times one after another; first client done after ${t.finished.first.toFixed(2)} s, last after ${t.finished.last.toFixed(2)} s`);
	console.log(`     booked ${t.ok}, taken (409) ${t.taken}, errors ${t.errors}${t.errorSamples.length ? ` (${t.errorSamples.join('; ')})` : ''}`);
	console.log(`   ${t.clients} clients racing for the same time, all at once:`);
	for (const r of h.rounds) {
		const verdict = r.correct ? 'ok' : 'WRONG';
		console.log(
			`     ${r.tid}  ${r.kind.padEnd(18)} booked ${r.ok} (expected ${r.expected}), taken ${r.taken}, errors ${r.errors}, p95 ${ms(r.latency.p95)}  ${verdict}` +
				(r.errorSamples.length ? ` (${r.errorSamples.join('; ')})` : '')
		);
	}
	const lastSeat = h.rounds.filter((r) => r.kind === 'last free counter');
	console.log(`     successes per time with one counter left: ${lastSeat.map((r) => r.ok).join(', ')} (must be exactly 1 each)`);
	console.log(`     (a ${TYPE} time has one seat per counter serving it, so a wholly free time takes as many bookings as counters)`);
	const answered = h.warm.ok + t.ok + h.rounds.reduce((s, r) => s + r.ok, 0);
	console.log(`   appointments in the database booked by staff: ${h.doubles.rows} (successes answered: ${answered})${h.doubles.rows === answered ? '' : '  MISMATCH'}`);
	console.log(`   double bookings: ${h.doubles.pairs} (must be 0)${h.doubles.pairs === 0 ? '' : '  <-- DOUBLE BOOKED'}`);
	if (h.errorLines.length) {
		console.log(`   server log: ${h.errorLines.length} error lines, first: ${h.errorLines.slice(0, 3).join(' / ')}`);
	}
}

function printReport(r) {
	const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
	console.log('\n3. Channel-shift report (in process: channelReport(), counts from the monthly contact_counts, beside the same figures computed raw from contact_events)');
	console.log(
		`   database: ${r.events.toLocaleString('en')} contact events inserted in ${(r.insertMs / 1000).toFixed(1)} s ` +
			`(${r.insertPerSecond.toLocaleString('en')}/s, one transaction), checkpoint ${r.checkpointMs} ms; file ${mb(r.dbBytes)}; ` +
			`indexes: ${r.indexes.join(', ')}`
	);
	console.log(`   events in the year before (the report's comparison year): ${r.eventsYearBefore.toLocaleString('en')}`);
	console.log(`   ${r.runs} timed runs each after ${r.warmup} warm-up, report and raw interleaved; raw = the GROUP BY over contact_events for both years plus the journey statements, prepared once, no JS arithmetic`);
	console.log(`   ${'case'.padEnd(34)} ${'report p50'.padStart(11)} ${'p95'.padStart(10)} ${'raw p50'.padStart(10)} ${'p95'.padStart(10)} ${'ratio'.padStart(6)}`);
	for (const c of r.cases) {
		const target = c.targeted
			? `   target: ratio < ${r.target.ratio} and < ${r.target.ms} ms: ${c.met ? 'met' : 'NOT met'}` +
				(c.met ? '' : ` (ratio ${c.metRatio ? 'met' : 'NOT met'}, time ${c.metMs ? 'met' : 'NOT met'})`)
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
		console.log('   query plans (EXPLAIN QUERY PLAN) of the year report:');
		for (const s of r.cases[0].statements) console.log(`     ${s.sql.slice(0, 40)}…\n       ${s.plan.join('\n       ')}`);
	}
}

let failed = false;
let search = null;
let http = null;
let report = null;
let pwa = null;
try {
	if (!args.has('--skip-search')) search = runSearchBench();
	if (!args.has('--skip-report')) report = runReportBench();
	if (!args.has('--skip-http')) http = await runHttpBench();
	if (!args.has('--skip-pwa')) pwa = await runPwaBench({ appDir: appDirOnce(), dataDir: tempDir('indgang-bench-pwa-'), log });
} catch (e) {
	failed = true;
	console.error(`\nbench broke: ${e?.stack ?? e}`);
} finally {
	cleanup();
}

console.log(`\n==== Indgang bench (${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} CPUs) ====`);
if (search) printSearch(search);
if (http) printHttp(http);
if (report) printReport(report);
if (pwa) printPwa(pwa);
console.log(`\nbench finished in ${((Date.now() - t0) / 1000).toFixed(1)} s${failed ? ' -- INCOMPLETE, see the error above' : ''}`);
process.exit(failed ? 1 : 0);
