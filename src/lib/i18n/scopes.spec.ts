import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import da from './locales/da.json';
import { scopeFor, STAFF_ONLY, withoutStaffTexts } from './scopes';

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
	/^src\/lib\/components\/TrendChart\.svelte$/
];

describe('the citizen’s locale', () => {
	it('leaves out only the staff’s namespaces, and all of them exist', () => {
		for (const ns of STAFF_ONLY) expect(Object.keys(da), ns).toContain(ns);
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
	it('is chosen unless staff are signed in or the page is a staff page', () => {
		expect(scopeFor(false, '/')).toBe('citizen');
		expect(scopeFor(false, '/skema/x/height')).toBe('citizen');
		expect(scopeFor(false, '/medarbejderne')).toBe('citizen');
		expect(scopeFor(false, '/medarbejder/log-ind')).toBe('all');
		expect(scopeFor(true, '/')).toBe('all');
	});
});
