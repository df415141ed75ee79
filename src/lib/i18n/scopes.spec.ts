import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import da from './locales/da.json';
import { AS_DATA, FORM_PAGE_TEXTS, formPageTexts, scopeFor, STAFF_ONLY, withoutStaffTexts } from './scopes';

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		if (e.isDirectory()) return sources(full);
		return /\.(svelte|ts)$/.test(e.name) && !e.name.endsWith('.spec.ts') ? [full] : [];
	});
}

/** Where the staff's texts may be used: staff pages, the server, and what only staff see. */
const STAFF_PLACES = [
	/^src\/routes\/\(staff\)\//,
	/^src\/lib\/server\//,
	// Its staff menu and the medbetjening banner show only for a signed-in staff member.
	/^src\/routes\/\+layout\.svelte$/,
	// Used by the manager's report only.
	/^src\/lib\/components\/TrendChart\.svelte$/,
	/^src\/lib\/reports\//,
	// The form builder's parts, on its staff pages only.
	/^src\/lib\/components\/builder\//,
	/^src\/lib\/forms\/problem-text\.ts$/
];

describe('the citizen’s locale', () => {
	it('leaves out only the staff’s namespaces, which exist, and holds no texts that are data', () => {
		for (const ns of STAFF_ONLY) expect(Object.keys(da), ns).toContain(ns);
		// Forms' and services' texts are the catalogue's, in the database: never in the locale files.
		for (const ns of AS_DATA) expect(Object.keys(da), ns).not.toContain(ns);
		expect(Object.keys(withoutStaffTexts(da)).sort()).toEqual(Object.keys(da).filter((k) => !(STAFF_ONLY as readonly string[]).includes(k)).sort());
	});
	it('is enough for every page a citizen or a visitor can open', () => {
		const root = path.resolve('.');
		const misuse = sources(path.join(root, 'src'))
			.map((file) => path.relative(root, file).split(path.sep).join('/'))
			.filter((file) => !STAFF_PLACES.some((re) => re.test(file)))
			.flatMap((file) => {
				const text = readFileSync(file, 'utf8');
				return STAFF_ONLY.filter((ns) => new RegExp(`[\`'"]${ns}\\.`).test(text)).map((ns) => `${file}: ${ns}`);
			});
		expect(misuse).toEqual([]);
	});
	it('is chosen unless staff are signed in or the page is a staff page; a form page gets less', () => {
		expect(scopeFor(false, '/')).toBe('citizen');
		expect(scopeFor(false, '/skema/x/height')).toBe('form');
		expect(scopeFor(false, '/skemaer')).toBe('citizen');
		expect(scopeFor(false, '/medarbejderne')).toBe('citizen');
		expect(scopeFor(false, '/medarbejder/log-ind')).toBe('all');
		expect(scopeFor(true, '/')).toBe('all');
	});
});

/** What a form page draws: its own route files and every shared component it uses. */
const FORM_PAGE_FILES = [
	/^src\/routes\/\(citizen\)\/skema\//,
	/^src\/routes\/\+(layout|error)\.svelte$/,
	/^src\/lib\/components\/(form|pwa)\//,
	/^src\/lib\/components\/(AnswerList|ErrorSummary|BackLink|Alert|SessionTimeout|ContactBlock)\.svelte$/,
	/^src\/lib\/forms\/(messages|answers)\.ts$/
];

describe('a form page’s locale', () => {
	const texts = formPageTexts(da);
	const at = (key: string) => {
		let node: unknown = texts;
		for (const part of key.split('.')) {
			if (node === null || typeof node !== 'object') return undefined;
			node = (node as Record<string, unknown>)[part];
		}
		return node;
	};
	// A plural text is there by its _one/_other forms.
	const has = (key: string) => at(key) !== undefined || at(`${key}_other`) !== undefined;
	it('holds every text those pages use (a key built at run time counts by its fixed start)', () => {
		const root = path.resolve('.');
		const missing = sources(path.join(root, 'src'))
			.map((file) => path.relative(root, file).split(path.sep).join('/'))
			.filter((file) => FORM_PAGE_FILES.some((re) => re.test(file)))
			.flatMap((file) => {
				const text = readFileSync(file, 'utf8');
				// A key built at run time (`validation.required_${type}`) is checked up to its last whole part.
				const called = [...text.matchAll(/\bt\(\s*['`]([a-zA-Z][\w.-]*?)(\$\{|['`])/g)].map((m) => (m[2] === '${' ? m[1].replace(/\.?[^.]*$/, '') : m[1]));
				// Keys handed to t() by a variable: any quoted 'namespace.key' of the locale.
				const quoted = [...text.matchAll(/'([a-z][a-zA-Z]*\.[\w.]+)'/g)].map((m) => m[1]).filter((k) => k.split('.')[0] in da);
				const keys = [...called, ...quoted];
				return keys
					.filter((k) => !(STAFF_ONLY as readonly string[]).includes(k.split('.')[0]) && !(AS_DATA as readonly string[]).includes(k.split('.')[0]))
					.filter((k) => !has(k))
					.map((k) => `${file}: ${k}`);
			});
		expect(missing).toEqual([]);
	});
	it('is smaller than the citizen’s whole locale', () => {
		expect(FORM_PAGE_TEXTS.length).toBeGreaterThan(5);
		expect(JSON.stringify(texts).length).toBeLessThan(JSON.stringify(withoutStaffTexts(da)).length / 2);
	});
});
