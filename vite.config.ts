import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { purgeDkfds, splitPlexFonts } from './scripts/dkfds-css.js';
import { formPageTexts, withoutStaffTexts } from './src/lib/i18n/scopes.js';

/**
 * First-load budget (issue 6). dkfds declares IBM Plex Sans as whole fonts (about 60 KB a
 * weight, the regular one as WOFF) but also ships IBM's own subsets: the browser then fetches
 * only the Latin-1 part (about 17 KB) for Danish and English. And of its 216 KB stylesheet only
 * the rules for classes the app uses are kept (scripts/dkfds-css.js).
 */
function dkfdsForBudget(): Plugin {
	return {
		name: 'indgang-dkfds-budget',
		enforce: 'pre',
		async transform(code, id) {
			if (!/dkfds\/dist\/css\/dkfds-borgerdk\.min\.css(\?|$)/.test(id)) return null;
			const root = fileURLToPath(new URL('.', import.meta.url));
			const content = ['src/**/*.svelte', 'src/**/*.ts', 'src/app.html'].map((glob) => `${root}${glob}`);
			return { code: await purgeDkfds(splitPlexFonts(code), content), map: null };
		}
	};
}

/**
 * `locales/da.json?citizen`: the locale without the staff's texts; `?form`: only what a form
 * page needs (src/lib/i18n/scopes.ts).
 */
function citizenLocales(): Plugin {
	return {
		name: 'indgang-citizen-locales',
		enforce: 'pre',
		async load(id) {
			const m = /^(.*\/i18n\/locales\/[a-z]+\.json)\?(citizen|form)$/.exec(id);
			if (!m) return null;
			this.addWatchFile(m[1]);
			const locale = JSON.parse(await readFile(m[1], 'utf8'));
			return `export default ${JSON.stringify(m[2] === 'form' ? formPageTexts(locale) : withoutStaffTexts(locale))};`;
		}
	};
}

export default defineConfig({
	plugins: [dkfdsForBudget(), citizenLocales(), sveltekit()],
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
