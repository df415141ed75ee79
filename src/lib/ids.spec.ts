import { describe, expect, it } from 'vitest';
import { isId, isReference, isSlug } from './ids';

describe('identifier shapes', () => {
	it('accepts what the portal makes', () => {
		expect(isId('nLbvl_psQ7e9LZwVjT6o')).toBe(true);
		expect(isReference('ACDE-FH34')).toBe(true);
		expect(isSlug('skranke-1')).toBe(true);
	});
	it('refuses anything longer, shorter or stranger', () => {
		for (const v of ['', 'x'.repeat(1_000_000), 'nLbvl_psQ7e9LZwVjT6', 'nLbvl_psQ7e9LZwVjT6o\r\nX', '../../etc/passwd', 42, null])
			expect([isId(v), isReference(v), isSlug(v)], String(v).slice(0, 20)).toEqual([false, false, false]);
		expect(isSlug('a'.repeat(65))).toBe(false);
		expect(isSlug('Skranke 1')).toBe(false);
	});
});
