// `npm test`: every test, unit (vitest) then end-to-end (Playwright against a real build),
// ending with the one line CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDeps } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
ensureDeps();
const out = path.join(root, '.test-data', 'results');
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
// left floating, swallowed failures). Each counts as one test, so CI fails on either.
for (const [name, cmd, args] of [
	['svelte-check', 'npx', ['svelte-kit', 'sync']],
	['svelte-check', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings']],
	['eslint', 'npx', ['eslint', '.']]
]) {
	if (run(cmd, args) === 0) continue;
	console.log(`${name} failed`);
	failed += 1;
}

const vitestJson = path.join(out, 'vitest.json');
const vitestCode = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const v = readJson(vitestJson);
if (v) {
	passed += v.numPassedTests;
	failed += v.numFailedTests;
}
if (!v || (vitestCode !== 0 && v.numFailedTests === 0)) failed += 1; // the runner itself broke

const only = process.argv.includes('--unit');
if (!only) {
	const buildCode = run('npx', ['vite', 'build']);
	if (buildCode !== 0) failed += 1;
	else {
		const pwJson = path.join(out, 'playwright.json');
		const pwCode = run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
		const p = existsSync(pwJson) ? readJson(pwJson) : null;
		if (p) {
			passed += p.stats.expected + p.stats.flaky;
			failed += p.stats.unexpected;
		}
		if (!p || (pwCode !== 0 && p.stats.unexpected === 0)) failed += 1;
	}
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
