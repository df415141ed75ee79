// Vitest config for the in-process booking benchmarks (`npm run bench` runs it through
// scripts/bench.mjs). Separate from the unit-test config so `npm test` never picks the
// benchmarks up, and the benchmarks never pick up the unit tests. The SvelteKit plugin gives
// the same `$lib` alias the app and the unit tests use.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export default defineConfig({
	root,
	plugins: [sveltekit()],
	test: {
		root,
		include: ['bench/**/*.bench.ts'],
		environment: 'node',
		// One file, one fork: the timings are not disturbed by other files running beside it.
		fileParallelism: false,
		testTimeout: 120_000,
		hookTimeout: 120_000
	}
});
