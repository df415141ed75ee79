// Part 5 of `npm run bench`: throughput of a form page and a form POST with one and with two
// worker processes, as a ratio measured in one run (goal: two workers at least 1.6 times one).
//
// Two servers run side by side, each `node scripts/start.mjs` of the bench's build (INSTANCES=1
// and INSTANCES=2: node:cluster workers sharing one port, each running build/index.js), each on
// a fresh data directory with its own SQLite file, on ports in 4900-4999. On each, a test person
// of the MitID test login starts the passport application; its first page (the height) is the
// form page, and saving it (height=181, answered 303) the form POST. A static file
// (/favicon.svg) is measured the same way, to show what the load generator itself manages.
//
// Measurement as part 4's (scripts/bench-pwa.mjs): closed loops of BENCH_WORKERS_CONNECTIONS
// (default 16) keep-alive connections; first a warm-up of every case on both servers,
// BENCH_WORKERS_WARMUP seconds each (default 3); then BENCH_WORKERS_ROUNDS rounds (default 5),
// in which each case is measured on both servers right after each other, BENCH_WORKERS_SECONDS
// each (default 3), the one-worker server first in rounds 1, 3, 5, … and second in the others.
// Printed: the median of the rounds' ratios (two workers / one) with their min-max. The load
// generator runs in this process, on the same cores as the servers: on a machine with two cores
// it takes a share of what the second worker would have.
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort, serverEnv, startServer } from './servers.mjs';

const SECONDS = Number(process.env.BENCH_WORKERS_SECONDS || 3);
const WARMUP_SECONDS = Number(process.env.BENCH_WORKERS_WARMUP || 3);
const ROUNDS = Math.max(1, Number(process.env.BENCH_WORKERS_ROUNDS || 5));
const CONNECTIONS = Number(process.env.BENCH_WORKERS_CONNECTIONS || 16);
const GOAL = 1.6;
const SERVICE = 'ansoeg-om-pas';
const PERSON = 'Erik Prøvesen'; // lives alone: the passport form opens on its height page
const FORM_PAGE = /^\/skema\/[^/]+\/[\w-]+$/;

/** The MitID test login over plain HTTP as PERSON: the session cookie. */
async function signIn(origin) {
	const loginPage = await (await fetch(`${origin}/log-ind`)).text();
	const persons = [...loginPage.matchAll(/name="person" value="([^"]+)"[^>]*>\s*<label[^>]*>([^<]+)</g)].map((m) => ({ id: m[1], name: m[2].trim() }));
	const person = persons.find((p) => p.name === PERSON);
	if (!person) throw new Error(`the test login does not list ${PERSON} (it lists ${persons.length} persons)`);
	const res = await fetch(`${origin}/log-ind?/test`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: new URLSearchParams({ person: person.id, redirectTo: '/mine-sager' })
	});
	await res.arrayBuffer();
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('indgang_session='));
	if (res.status !== 303 || !cookie) throw new Error(`test login of ${PERSON} failed: HTTP ${res.status}`);
	return cookie;
}

/** The passport form's first page for the signed-in person. */
async function formPage(origin, cookie) {
	const start = await fetch(`${origin}/tjenester/${SERVICE}/start`, { redirect: 'manual', headers: { cookie, 'sec-fetch-site': 'same-origin' } });
	await start.arrayBuffer();
	const location = start.headers.get('location') ?? '';
	if (!FORM_PAGE.test(location) || location.endsWith('/tjek')) throw new Error(`${SERVICE}'s start did not lead to a form page: HTTP ${start.status} ${location}`);
	return location;
}

/** A closed loop of CONNECTIONS keep-alive clients for `seconds`: requests/s and latency. */
async function load(origin, { method = 'GET', path: p, headers = {}, body = null, expect }, seconds) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
	const url = new URL(p, origin);
	const latencies = [];
	let errors = 0;
	let firstError = null;
	const stopAt = performance.now() + seconds * 1000;
	const one = () =>
		new Promise((resolve) => {
			const t = performance.now();
			const req = http.request(
				{ agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: { 'accept-encoding': 'br, gzip', ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) } },
				(res) => {
					res.on('data', () => {});
					res.on('end', () => {
						if (res.statusCode === expect) latencies.push(performance.now() - t);
						else {
							errors++;
							firstError ??= `HTTP ${res.statusCode}`;
						}
						resolve();
					});
				}
			);
			req.on('error', (e) => {
				errors++;
				firstError ??= e.code ?? e.message;
				resolve();
			});
			if (body) req.write(body);
			req.end();
		});
	const start = performance.now();
	await Promise.all(
		Array.from({ length: CONNECTIONS }, async () => {
			while (performance.now() < stopAt) await one();
		})
	);
	const elapsed = (performance.now() - start) / 1000;
	agent.destroy();
	latencies.sort((a, b) => a - b);
	const q = (x) => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil(x * latencies.length) - 1))] ?? NaN;
	return { perSecond: latencies.length / elapsed, requests: latencies.length, errors, firstError, p50: q(0.5), p95: q(0.95) };
}

const median = (xs) => {
	const s = [...xs].sort((x, y) => x - y);
	const m = Math.floor(s.length / 2);
	return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The cases of one server: its own session and form page. */
function casesOf(origin, cookie, formPath) {
	const html = { accept: 'text/html' };
	return [
		{ label: 'form page (signed in)', path: formPath, headers: { ...html, cookie }, expect: 200 },
		{
			label: 'form POST (save a page, 303)',
			method: 'POST',
			path: formPath,
			headers: { ...html, cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'height=181',
			expect: 303
		},
		{ label: 'static file (/favicon.svg)', path: '/favicon.svg', expect: 200 }
	];
}

/**
 * `launcher`: { args, note } — `node scripts/start.mjs` of `appDir`, or the fallback
 * (bench/cluster.mjs, the same node:cluster set-up) when start.mjs would install dependencies.
 */
export async function runWorkersBench({ appDir, tempDir, launcher, log }) {
	const servers = [];
	try {
		for (const instances of [1, 2]) {
			const port = await freePort(4900);
			const dataDir = tempDir(`indgang-bench-workers${instances}-`);
			const origin = `http://127.0.0.1:${port}`;
			const env = serverEnv({
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: origin,
				DATA_DIR: dataDir,
				DATABASE_URL: path.join(dataDir, 'indgang.db'),
				INSTANCES: String(instances),
				SEED_DEMO_CONTACTS: 'false'
			});
			const server = await startServer({ label: `workers: ${instances} worker${instances === 1 ? '' : 's'}`, cwd: appDir, args: launcher.args, env, probePath: '/favicon.svg', listening: instances, log });
			const cookie = await signIn(origin);
			const formPath = await formPage(origin, cookie);
			servers.push({ instances, server, origin, formPath, cases: casesOf(origin, cookie, formPath) });
		}
		const [one, two] = servers;
		const labels = one.cases.map((c) => c.label);
		log(`workers: warm-up, ${WARMUP_SECONDS} s for each of ${labels.length} cases on both servers…`);
		for (const s of servers) for (const c of s.cases) await load(s.origin, c, WARMUP_SECONDS);
		const perCase = labels.map(() => []);
		for (let round = 0; round < ROUNDS; round++) {
			log(`workers: round ${round + 1}/${ROUNDS}: ${labels.length} cases on 1 and on 2 workers, ${CONNECTIONS} connections, ${SECONDS} s each…`);
			for (const i of labels.keys()) {
				const oneFirst = round % 2 === 0;
				const order = oneFirst ? [one, two] : [two, one];
				const first = await load(order[0].origin, order[0].cases[i], SECONDS);
				const second = await load(order[1].origin, order[1].cases[i], SECONDS);
				const [a, b] = oneFirst ? [first, second] : [second, first];
				perCase[i].push({ round: round + 1, oneFirst, one: a, two: b, ratio: b.perSecond / a.perSecond });
			}
		}
		const results = labels.map((label, i) => {
			const rounds = perCase[i];
			const ratios = rounds.map((r) => r.ratio);
			const side = (k) => ({
				perSecond: median(rounds.map((r) => r[k].perSecond)),
				p50: median(rounds.map((r) => r[k].p50)),
				p95: median(rounds.map((r) => r[k].p95)),
				errors: rounds.reduce((n, r) => n + r[k].errors, 0),
				firstError: rounds.map((r) => r[k].firstError).find(Boolean) ?? null
			});
			return { label, subject: i < 2, rounds, ratio: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) }, one: side('one'), two: side('two') };
		});
		const errorLines = servers.flatMap((s) =>
			s.server
				.output()
				.split('\n')
				.filter((l) => /error|exception|SQLITE_/i.test(l))
				.map((l) => `${s.instances}w: ${l}`)
		);
		return {
			launcher: launcher.note,
			servers: servers.map((s) => ({ instances: s.instances, origin: s.origin, startMs: s.server.startMs, formPath: s.formPath })),
			results,
			errorLines,
			cpus: os.cpus().length,
			loadavg: os.loadavg()
		};
	} finally {
		for (const s of servers) await s.server.stop();
		log('workers: servers stopped');
	}
}

export function printWorkers(r) {
	console.log(`\n5. Form page and form POST throughput with 1 and with 2 worker processes (${r.launcher}; goal: 2 workers >= ${GOAL}x 1 worker)`);
	for (const s of r.servers)
		console.log(`   ${s.instances} worker${s.instances === 1 ? ': ' : 's:'} ${s.origin}, its own SQLite file, up in ${(s.startMs / 1000).toFixed(1)} s; form page ${s.formPath.replace(/\/skema\/[^/]+/, '/skema/…')}`);
	console.log(
		`   ${CONNECTIONS} keep-alive connections (closed loop) from this process, on the same ${r.cpus} CPUs as the servers (load average ${r.loadavg.map((x) => x.toFixed(1)).join(', ')});` +
			` after a ${WARMUP_SECONDS} s warm-up of every case on both, ${ROUNDS} rounds of ${SECONDS} s per measurement, both servers right after each other, order swapped every round` +
			` (* = 2 workers measured first); ratio = 2 workers' req/s / 1 worker's req/s of the same round:`
	);
	for (const t of r.results) {
		const goal = t.subject ? `   goal >= ${GOAL}x: ${t.ratio.median >= GOAL ? 'met' : 'NOT met'}` : '   (the load generator alone: no goal)';
		console.log(
			`     ${t.label.padEnd(30)} 1 worker ${t.one.perSecond.toFixed(0).padStart(5)} req/s (p50 ${t.one.p50.toFixed(1)} ms, p95 ${t.one.p95.toFixed(1)} ms), ` +
				`2 workers ${t.two.perSecond.toFixed(0).padStart(5)} req/s (p50 ${t.two.p50.toFixed(1)} ms, p95 ${t.two.p95.toFixed(1)} ms)`
		);
		console.log(
			`       ratio median ${t.ratio.median.toFixed(3)}x (min ${t.ratio.min.toFixed(3)} – max ${t.ratio.max.toFixed(3)}; per round ${t.rounds.map((x) => `${x.ratio.toFixed(3)}${x.oneFirst ? '' : '*'}`).join(', ')})${goal}` +
				(t.one.errors || t.two.errors ? `   errors: 1 worker ${t.one.errors}${t.one.firstError ? ` (${t.one.firstError})` : ''}, 2 workers ${t.two.errors}${t.two.firstError ? ` (${t.two.firstError})` : ''}` : '')
		);
	}
	if (r.errorLines.length) console.log(`   server log: ${r.errorLines.length} error lines, first: ${r.errorLines.slice(0, 3).join(' / ')}`);
}
