// `npm test`: every test, unit (vitest) then end-to-end (Playwright against a real build),
// ending with the one line CI reads: "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDeps } from './ensure-deps.mjs';
import { checkLogs } from './log-check.mjs';
import { findPostgres, startCluster } from './pg-cluster.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
ensureDeps();
const out = path.join(root, '.test-data', 'results');
rmSync(path.join(root, '.test-data', 'logs'), { recursive: true, force: true });
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

function run(cmd, args, env = {}) {
	console.log(`\n$ ${cmd} ${args.join(' ')}`);
	return spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
}

function readJson(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

let passed = 0;
let failed = 0;

// Static guard rails first: svelte-check (types, Svelte's own warnings) and ESLint (promises
// left floating, swallowed failures), side by side (each keeps one core busy). Each counts as
// one test, so CI fails on either; their output is printed whole when they are done.
run('npx', ['svelte-kit', 'sync']);
const checks = await Promise.all(
	[
		['svelte-check', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings']],
		['eslint', ['eslint', '.']]
	].map(
		([name, args]) =>
			new Promise((resolve) => {
				const child = spawn('npx', args, { env: process.env });
				let output = '';
				child.stdout.on('data', (c) => (output += c));
				child.stderr.on('data', (c) => (output += c));
				child.on('close', (code) => resolve({ name, args, code, output }));
			})
	)
);
for (const { name, args, code, output } of checks) {
	console.log(`\n$ npx ${args.join(' ')}\n${output.trimEnd()}`);
	if (code === 0) continue;
	console.log(`${name} failed`);
	failed += 1;
}

/** A command with the terminal's output, as a promise of its exit code. */
function runAsync(cmd, args, env = {}) {
	console.log(`\n$ ${cmd} ${args.join(' ')}`);
	return new Promise((resolve) => spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).on('close', (code) => resolve(code ?? 1)));
}

/** A vitest run, its results counted; a runner that broke without a failing test counts as one. */
async function vitest(name, args, env = {}) {
	const json = path.join(out, `${name}.json`);
	const code = await runAsync('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`], env);
	const v = readJson(json);
	if (v) {
		passed += v.numPassedTests;
		failed += v.numFailedTests;
	}
	if (!v || (code !== 0 && v.numFailedTests === 0)) failed += 1;
}

await vitest('vitest', []);

// The integration tests once more on a real PostgreSQL: a throw-away cluster of Debian's
// postgresql package, when this machine has it (CI installs it and sets INDGANG_REQUIRE_PG).
const pgBin = findPostgres();
let cluster = null;
if (pgBin) {
	try {
		cluster = await startCluster(pgBin);
		for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (cluster?.stop(), process.exit(1)));
		console.log(`\nPostgreSQL ${path.basename(path.dirname(pgBin))} at ${cluster.url} (throw-away, in ${cluster.dir})`);
		// Not beside the build: vitest's SvelteKit plugin rewrites .svelte-kit/, which the build reads.
		await vitest('vitest-pg', ['integration'], { TEST_PG_URL: cluster.url });
	} catch (e) {
		console.log(`PostgreSQL could not be started: ${e instanceof Error ? e.message : e}`);
		failed += 1;
	}
} else if (process.env.INDGANG_REQUIRE_PG) {
	console.log('PostgreSQL is required here (INDGANG_REQUIRE_PG) but not installed.');
	failed += 1;
} else {
	console.log('\nPostgreSQL not found (Debian package postgresql): skipping the tests on PostgreSQL.');
}

const only = process.argv.includes('--unit');
if (!only) {
	const buildCode = await runAsync('npx', ['vite', 'build']);
	if (buildCode !== 0) failed += 1;
	else {
		const pwJson = path.join(out, 'playwright.json');
		const pwCode = run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson, ...(cluster ? { TEST_PG_URL: cluster.url } : {}) });
		const p = existsSync(pwJson) ? readJson(pwJson) : null;
		if (p) {
			passed += p.stats.expected + p.stats.flaky;
			failed += p.stats.unexpected;
		}
		if (!p || (pwCode !== 0 && p.stats.unexpected === 0)) failed += 1;

		// The journeys' server logs: structured, and without personal data.
		const logs = checkLogs(root, path.join(root, '.test-data', 'logs'));
		console.log(`\nServer logs: ${logs.requests} request lines checked against ${logs.people ?? 0} test persons' names, CPR numbers, e-mails, phones and tokens`);
		for (const problem of logs.problems.slice(0, 20)) console.log(`  ${problem}`);
		if (logs.ok) passed += 1;
		else failed += 1;
	}
}

cluster?.stop();
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
