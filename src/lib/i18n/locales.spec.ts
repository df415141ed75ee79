import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import da from './locales/da.json';
import en from './locales/en.json';
import { negotiateLang } from '.';

function keys(obj: object, prefix = ''): string[] {
	return Object.entries(obj).flatMap(([k, v]) =>
		v && typeof v === 'object' && !Array.isArray(v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]
	);
}

describe('locales', () => {
	it('English has every Danish key and no others', () => {
		expect(keys(en).sort()).toEqual(keys(da).sort());
	});
	it('has no empty texts', () => {
		for (const [name, locale] of Object.entries({ da, en })) {
			const empty = keys(locale).filter((k) => {
				const v: unknown = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], locale);
				return typeof v === 'string' && v.trim() === '';
			});
			expect(empty, name).toEqual([]);
		}
	});
});

/** Every source file that can show text. */
function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const full = path.join(dir, e.name);
		if (e.isDirectory()) return sources(full);
		return /\.(svelte|ts)$/.test(e.name) && !e.name.endsWith('.spec.ts') ? [full] : [];
	});
}

describe('keys used in the code', () => {
	it('exist in the locale files (a plural key counts by its _one/_other forms)', () => {
		const known = new Set(keys(da).map((k) => k.replace(/_(one|other)$/, '')));
		const used = new Set<string>();
		for (const file of sources(path.resolve('src'))) {
			for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(m[1]);
		}
		expect(used.size).toBeGreaterThan(100);
		expect([...used].filter((k) => !known.has(k)).sort()).toEqual([]);
	});
});

describe('language negotiation', () => {
	it('prefers the cookie, then Accept-Language by weight, then Danish', () => {
		expect(negotiateLang('en', 'da')).toBe('en');
		expect(negotiateLang(undefined, 'de-DE,en;q=0.8,da;q=0.5')).toBe('en');
		expect(negotiateLang(undefined, 'da-DK,en;q=0.9')).toBe('da');
		expect(negotiateLang(undefined, 'de,fr')).toBe('da');
		expect(negotiateLang('xx', null)).toBe('da');
	});
});
