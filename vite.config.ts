import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173 },
	test: {
		include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts'],
		environment: 'node',
		// Integration tests seed their own database; the year of demo contacts stays out of it.
		env: { SEED_DEMO_CONTACTS: 'false' },
		testTimeout: 20_000,
		hookTimeout: 30_000
	}
});
