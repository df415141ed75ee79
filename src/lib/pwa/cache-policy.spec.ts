import { describe, expect, it } from 'vitest';
import { cachePolicy, mayStore, offlinePath } from './cache-policy';

describe('what the service worker caches', () => {
	it('caches the public pages and their data', () => {
		for (const p of ['/', '/__data.json', '/tjenester/anmeld-flytning', '/tjenester/anmeld-flytning/__data.json', '/tilgaengelighed'])
			expect(cachePolicy(p), p).toBe('public');
	});
	it('never caches pages with personal data', () => {
		for (const p of [
			'/mine-sager',
			'/mine-sager/__data.json',
			'/kvittering/AB12-CD34',
			'/skema/x/height',
			'/skema/x/tjek',
			'/aftale/abc',
			'/medarbejder',
			'/medarbejder/sager/1',
			'/tjenester/anmeld-flytning/start',
			'/tidsbestilling/pas',
			'/log-ud'
		])
			expect(cachePolicy(p), p).toBe('network');
	});
	it('drops cached pages on the way to sign-in or another language', () => {
		for (const p of ['/log-ind', '/log-ind/oidc', '/medarbejder/log-ind', '/sprog']) expect(cachePolicy(p), p).toBe('purge');
	});
	it('stores only plain 200 responses that are not private', () => {
		expect(mayStore(200, 'no-cache')).toBe(true);
		expect(mayStore(200, null)).toBe(true);
		expect(mayStore(200, 'private, no-store')).toBe(false);
		expect(mayStore(200, 'No-Store')).toBe(false);
		expect(mayStore(404, 'no-cache')).toBe(false);
		expect(mayStore(500, null)).toBe(false);
	});
	it('picks the offline page by the chosen language first', () => {
		expect(offlinePath('en', ['da-DK'])).toBe('/offline/en');
		expect(offlinePath(undefined, ['en-GB', 'da'])).toBe('/offline/en');
		expect(offlinePath(undefined, ['de-DE'])).toBe('/offline/da');
		expect(offlinePath('xx', [])).toBe('/offline/da');
	});
});
