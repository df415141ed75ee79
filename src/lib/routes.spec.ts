import { describe, expect, it } from 'vitest';
import { routes, safeRedirect } from './routes';

describe('safeRedirect', () => {
	it('keeps paths on this site, with query and fragment', () => {
		expect(safeRedirect('/mine-sager')).toBe('/mine-sager');
		expect(safeRedirect('/skema/a/b?retur=tjek#x')).toBe('/skema/a/b?retur=tjek#x');
	});
	it('refuses anything a browser could read as another site', () => {
		for (const evil of ['//evil.example', '/\\evil.example', '/\t/evil.example', '/%09/x'.replace('%09', '\t'), '/\r\n/evil', 'https://evil.example', 'evil', '', null, undefined]) {
			expect(safeRedirect(evil as string, routes.home)).toBe(routes.home);
		}
	});
});
