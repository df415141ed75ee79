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

describe('language negotiation', () => {
	it('prefers the cookie, then Accept-Language by weight, then Danish', () => {
		expect(negotiateLang('en', 'da')).toBe('en');
		expect(negotiateLang(undefined, 'de-DE,en;q=0.8,da;q=0.5')).toBe('en');
		expect(negotiateLang(undefined, 'da-DK,en;q=0.9')).toBe('da');
		expect(negotiateLang(undefined, 'de,fr')).toBe('da');
		expect(negotiateLang('xx', null)).toBe('da');
	});
});
