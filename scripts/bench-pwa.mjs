// Part 4 of `npm run bench`: the PWA budgets of issue 6, measured against a built server of its
// own (port 4700-4799, a fresh data directory), never asserted:
//
//  a. First load, cold cache, of the front page and a form page (a signed-in citizen's passport
//     application) in Debian's Chromium: bytes on the wire (compressed, headers included) of
//     JavaScript and of everything, against 60 KB and 150 KB. The service worker is blocked
//     there: what it precaches after the page is up is reported on its own line.
//  b. Headers: compressed pages and assets, long-lived immutable caching of hashed assets,
//     no-store for pages with personal data.
//  c. Lighthouse 12, its default mobile configuration (simulated slow 4G, a mid-range phone), on
//     the same two pages: performance >= 95, accessibility 100, best practices 100.
//  d. Throughput for the front page, the form page and the form's POST, each beside a static file
//     from the same server in the same run, as a ratio (no target: the ratio is the figure).
import { existsSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startBuiltServer } from './bench-server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const BUDGET = { js: 60 * 1024, total: 150 * 1024 };
const LIGHTHOUSE_MIN = { performance: 95, accessibility: 100, 'best-practices': 100 };
const SECONDS = Number(process.env.BENCH_PWA_SECONDS || 5);
const CONNECTIONS = Number(process.env.BENCH_PWA_CONNECTIONS || 16);
const LH_RUNS = Number(process.env.BENCH_LH_RUNS || 1);
const SERVICE = 'ansoeg-om-pas';
const PERSON = 'Erik Prøvesen'; // lives alone: the passport form opens on its height page

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** The MitID test login over plain HTTP, then the service's start button: a form page's URL. */
async function citizenWithDraft(origin) {
	const loginPage = await (await fetch(`${origin}/log-ind`)).text();
	// <input … id="person-N" name="person" value="ID" /> <label … for="person-N">Name</label>
	const id = [...loginPage.matchAll(/name="person" value="([^"]+)"[^>]*>\s*<label[^>]*>([^<]+)</g)].find((m) => m[2].trim() === PERSON)?.[1];
	if (!id) throw new Error('the test login lists no test persons');
	const res = await fetch(`${origin}/log-ind?/test`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: new URLSearchParams({ person: id, redirectTo: '/mine-sager' })
	});
	const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('indgang_session='));
	if (res.status !== 303 || !cookie) throw new Error(`test login failed: HTTP ${res.status}`);
	const start = await fetch(`${origin}/tjenester/${SERVICE}/start`, { redirect: 'manual', headers: { cookie, 'sec-fetch-site': 'same-origin' } });
	const location = start.headers.get('location') ?? '';
	if (!/^\/skema\/[^/]+\/[\w-]+$/.test(location)) throw new Error(`starting ${SERVICE} did not open a form page (${start.status} ${location})`);
	return { cookie, formPath: location };
}

// ---------------------------------------------------------------------------------------------
// a. first-load bytes

async function firstLoad(browser, url, cookie) {
	const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 360, height: 640 } });
	if (cookie) {
		const [name, value] = cookie.split('=');
		await context.addCookies([{ name, value, url }]);
	}
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	const types = new Map();
	const resources = [];
	cdp.on('Network.responseReceived', (e) => types.set(e.requestId, { type: e.type, url: e.response.url, encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] }));
	// dataReceived counts the body as it came (compressed); loadingFinished adds the headers.
	const bodies = new Map();
	cdp.on('Network.dataReceived', (e) => bodies.set(e.requestId, (bodies.get(e.requestId) ?? 0) + e.encodedDataLength));
	cdp.on('Network.loadingFinished', (e) => resources.push({ ...types.get(e.requestId), bytes: e.encodedDataLength, body: bodies.get(e.requestId) ?? 0 }));
	await page.goto(url, { waitUntil: 'networkidle' });
	await context.close();
	const scripts = resources.filter((r) => r.type === 'Script');
	const js = scripts.reduce((s, r) => s + r.body, 0);
	const jsWire = scripts.reduce((s, r) => s + r.bytes, 0);
	const total = resources.reduce((s, r) => s + r.bytes, 0);
	const byType = {};
	for (const r of resources) byType[r.type] = (byType[r.type] ?? 0) + r.bytes;
	const uncompressed = resources.filter((r) => ['Script', 'Stylesheet', 'Document'].includes(r.type) && !r.encoding).map((r) => new URL(r.url).pathname);
	return { requests: resources.length, js, jsWire, total, byType, uncompressed };
}

/** What the service worker fetches in the background after the first load: its precache list. */
function precacheSize(appDir) {
	const client = path.join(appDir, 'build', 'client');
	let files = 0;
	let bytes = 0;
	const walk = (dir) => {
		for (const name of readdirSync(dir)) {
			const file = path.join(dir, name);
			if (statSync(file).isDirectory()) walk(file);
			// As src/service-worker.ts picks them: no old font formats, of the subsets only Latin-1.
			else if (!/\.(br|gz|woff|ttf|eot|otf)$/.test(name) && !(/\.woff2$/.test(name) && !/-Latin1\./.test(name)) && name !== 'service-worker.js') {
				files++;
				bytes += statSync(existsSync(`${file}.br`) ? `${file}.br` : file).size;
			}
		}
	};
	if (existsSync(client)) walk(client);
	return { files, bytes };
}

// ---------------------------------------------------------------------------------------------
// b. headers

async function headerChecks(origin, cookie, formPath) {
	const head = async (p, extra = {}) => {
		const res = await fetch(`${origin}${p}`, { headers: { 'accept-encoding': 'br, gzip', ...extra } });
		const body = await res.text();
		return { res, body };
	};
	const front = await head('/');
	const script = /<link[^>]+href="(\/_app\/immutable\/[^"]+\.js)"/.exec(front.body)?.[1] ?? /(\/_app\/immutable\/[^"']+\.js)/.exec(front.body)?.[1];
	const css = /(\/_app\/immutable\/[^"']+\.css)/.exec(front.body)?.[1];
	const asset = script ? await head(script) : null;
	const style = css ? await head(css) : null;
	const form = await head(formPath, { cookie });
	const sw = await head('/service-worker.js');
	const checks = [
		['front page compressed', front.res.headers.get('content-encoding') ?? 'none', !!front.res.headers.get('content-encoding')],
		['form page compressed', form.res.headers.get('content-encoding') ?? 'none', !!form.res.headers.get('content-encoding')],
		['form page not cached', form.res.headers.get('cache-control'), /no-store/.test(form.res.headers.get('cache-control') ?? '')],
		['hashed JS compressed', asset?.res.headers.get('content-encoding') ?? 'none', !!asset?.res.headers.get('content-encoding')],
		['hashed JS cached for a year', asset?.res.headers.get('cache-control'), /max-age=31536000/.test(asset?.res.headers.get('cache-control') ?? '') && /immutable/.test(asset?.res.headers.get('cache-control') ?? '')],
		['hashed CSS compressed', style?.res.headers.get('content-encoding') ?? 'none', !!style?.res.headers.get('content-encoding')],
		['hashed CSS cached for a year', style?.res.headers.get('cache-control'), /max-age=31536000/.test(style?.res.headers.get('cache-control') ?? '')],
		['service worker revalidated', sw.res.headers.get('cache-control') ?? 'none', !/max-age=[1-9]/.test(sw.res.headers.get('cache-control') ?? '')]
	];
	return checks.map(([what, value, ok]) => ({ what, value: value ?? 'none', ok }));
}

// ---------------------------------------------------------------------------------------------
// c. Lighthouse

async function lighthouseRuns(targets, log) {
	const { default: lighthouse } = await import('lighthouse');
	const { launch } = await import('chrome-launcher');
	const results = [];
	for (const { label, url, cookie } of targets) {
		const runs = [];
		for (let i = 0; i < LH_RUNS; i++) {
			log(`PWA: Lighthouse (mobile) on the ${label}${LH_RUNS > 1 ? `, run ${i + 1}/${LH_RUNS}` : ''}…`);
			const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
			try {
				const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: Object.keys(LIGHTHOUSE_MIN), ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}) };
				const result = await lighthouse(url, flags);
				const lhr = result.lhr;
				const scores = Object.fromEntries(Object.keys(LIGHTHOUSE_MIN).map((k) => [k, Math.round((lhr.categories[k]?.score ?? 0) * 100)]));
				const failing = Object.values(lhr.audits)
					.filter((a) => a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual' && a.score !== null && a.score < 1)
					.filter((a) => Object.keys(LIGHTHOUSE_MIN).some((c) => lhr.categories[c]?.auditRefs.some((r) => r.id === a.id && r.weight > 0)))
					.map((a) => `${a.id} (${a.displayValue ?? Math.round(a.score * 100)})`);
				const m = (id) => lhr.audits[id]?.numericValue;
				runs.push({ scores, failing, version: lhr.lighthouseVersion, fcp: m('first-contentful-paint'), lcp: m('largest-contentful-paint'), tbt: m('total-blocking-time'), cls: m('cumulative-layout-shift') });
			} finally {
				await chrome.kill();
			}
		}
		// The median run by performance, so one noisy run neither passes nor fails the budget.
		runs.sort((a, b) => a.scores.performance - b.scores.performance);
		results.push({ label, url, runs, median: runs[Math.floor(runs.length / 2)] });
	}
	return results;
}

// ---------------------------------------------------------------------------------------------
// d. throughput

/** A closed loop of `CONNECTIONS` keep-alive clients for `seconds`: requests/s and latency. */
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

async function throughput(origin, cookie, formPath, log) {
	const html = { accept: 'text/html' };
	const cases = [
		{ label: 'static file (/favicon.svg), baseline', path: '/favicon.svg', expect: 200 },
		{ label: 'front page', path: '/', headers: html, expect: 200 },
		{ label: 'form page (signed in)', path: formPath, headers: { ...html, cookie }, expect: 200 },
		{
			label: 'form POST (save a page, 303)',
			method: 'POST',
			path: formPath,
			headers: { ...html, cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
			body: 'height=181',
			expect: 303
		}
	];
	const results = [];
	for (const c of cases) {
		log(`PWA: throughput of ${c.label}, ${CONNECTIONS} connections, ${SECONDS} s after a 1 s warm-up…`);
		await load(origin, c, 1);
		results.push({ ...c, ...(await load(origin, c, SECONDS)) });
	}
	// The baseline again at the end: a drift between the two says how noisy the machine was.
	log('PWA: the baseline again…');
	const again = await load(origin, cases[0], SECONDS);
	return { results, baselineAgain: again };
}

// ---------------------------------------------------------------------------------------------

export async function runPwaBench({ appDir, dataDir, log }) {
	// localhost, not 127.0.0.1: the origin the manifest and the service worker are checked on.
	const server = await startBuiltServer({ appDir, dataDir, from: 4700, portEnv: 'BENCH_PWA_PORT', probePath: '/favicon.svg', host: 'localhost', log: (m) => log(`PWA: ${m}`) });
	const { origin } = server;
	try {
		const { cookie, formPath } = await citizenWithDraft(origin);
		const { chromium } = await import('@playwright/test');
		const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS.filter((f) => !f.startsWith('--headless')) });
		let sizes;
		try {
			log('PWA: first load of the front page and the form page (cold cache, service worker blocked)…');
			sizes = [
				{ label: 'front page', path: '/', ...(await firstLoad(browser, `${origin}/`)) },
				{ label: `form page (${formPath.replace(/\/skema\/[^/]+/, '/skema/…')})`, path: formPath, ...(await firstLoad(browser, `${origin}${formPath}`, cookie)) }
			];
		} finally {
			await browser.close();
		}
		const headers = await headerChecks(origin, cookie, formPath);
		const lighthouse = await lighthouseRuns(
			[
				{ label: 'front page', url: `${origin}/` },
				{ label: 'form page', url: `${origin}${formPath}`, cookie }
			],
			log
		);
		const speed = await throughput(origin, cookie, formPath, log);
		return { origin, sizes, precache: precacheSize(appDir), headers, lighthouse, speed };
	} finally {
		await server.stop();
		log('PWA: server stopped');
	}
}

export function printPwa(r) {
	const mark = (ok) => (ok ? 'met' : 'NOT met');
	console.log(`\n4. PWA budgets (${r.origin}; issue 6)`);
	console.log('   first load, cold cache, Chromium: JavaScript as compressed bodies (with its response headers in brackets); total as bytes on the wire, headers included:');
	for (const s of r.sizes) {
		const parts = Object.entries(s.byType)
			.sort((a, b) => b[1] - a[1])
			.map(([k, v]) => `${k.toLowerCase()} ${kb(v)}`)
			.join(', ');
		console.log(
			`     ${s.label.padEnd(34)} JS ${kb(s.js).padStart(9)} [${kb(s.jsWire)}] (budget ${kb(BUDGET.js)}: ${mark(s.js <= BUDGET.js)})   total ${kb(s.total).padStart(9)} (budget ${kb(BUDGET.total)}: ${mark(s.total <= BUDGET.total)})   ${s.requests} requests: ${parts}`
		);
		if (s.uncompressed.length) console.log(`       sent uncompressed: ${s.uncompressed.join(', ')}`);
	}
	console.log(`     then, in the background, the service worker precaches ${r.precache.files} files, ${kb(r.precache.bytes)} compressed (not part of the first load)`);
	console.log('   headers:');
	for (const h of r.headers) console.log(`     ${h.what.padEnd(30)} ${String(h.value).padEnd(36)} ${h.ok ? 'ok' : 'NOT ok'}`);
	console.log(`   Lighthouse ${r.lighthouse[0]?.median.version ?? ''}, mobile (default config: simulated slow 4G, 4x CPU slow-down), ${LH_RUNS} run(s) per page, median by performance:`);
	for (const l of r.lighthouse) {
		const s = l.median.scores;
		const met = Object.entries(LIGHTHOUSE_MIN).every(([k, min]) => s[k] >= min);
		console.log(
			`     ${l.label.padEnd(12)} performance ${s.performance} (>= 95), accessibility ${s.accessibility} (100), best practices ${s['best-practices']} (100): ${mark(met)}` +
				`   FCP ${Math.round(l.median.fcp)} ms, LCP ${Math.round(l.median.lcp)} ms, TBT ${Math.round(l.median.tbt)} ms, CLS ${l.median.cls.toFixed(3)}`
		);
		if (l.runs.length > 1) console.log(`       performance per run: ${l.runs.map((x) => x.scores.performance).join(', ')}`);
		if (l.median.failing.length) console.log(`       audits below full marks: ${l.median.failing.join(', ')}`);
	}
	const base = r.speed.results[0].perSecond;
	console.log(`   throughput, ${CONNECTIONS} keep-alive connections, ${SECONDS} s each, beside the static-file baseline of the same server and run:`);
	for (const t of r.speed.results) {
		const ratio = t === r.speed.results[0] ? '1.00 (baseline)' : `${(t.perSecond / base).toFixed(2)} of the baseline`;
		console.log(
			`     ${t.label.padEnd(38)} ${t.perSecond.toFixed(0).padStart(6)} req/s   p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms   ${ratio}` +
				(t.errors ? `   ${t.errors} errors (${t.firstError})` : '')
		);
	}
	const drift = r.speed.baselineAgain.perSecond / base;
	console.log(`     baseline measured again at the end: ${r.speed.baselineAgain.perSecond.toFixed(0)} req/s (${drift.toFixed(2)} of the first: the machine's noise)`);
}
