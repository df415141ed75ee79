import { describe, expect, it } from 'vitest';
import { isSameOrigin } from './origin';

const ORIGIN = 'https://indgang.example.dk';
const request = (headers: Record<string, string>) => new Request(`${ORIGIN}/log-ud`, { method: 'POST', headers });

describe('the origin of a state-changing request', () => {
	it('is accepted from the portal itself, by Origin or by Sec-Fetch-Site', () => {
		expect(isSameOrigin(request({ origin: ORIGIN }), ORIGIN)).toBe(true);
		expect(isSameOrigin(request({ 'sec-fetch-site': 'same-origin' }), ORIGIN)).toBe(true);
	});
	it('is refused from anywhere else, and when nothing says where it came from', () => {
		expect(isSameOrigin(request({ origin: 'https://evil.example' }), ORIGIN)).toBe(false);
		expect(isSameOrigin(request({ origin: 'null' }), ORIGIN)).toBe(false);
		expect(isSameOrigin(request({ origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }), ORIGIN)).toBe(false);
		expect(isSameOrigin(request({ 'sec-fetch-site': 'cross-site' }), ORIGIN)).toBe(false);
		expect(isSameOrigin(request({}), ORIGIN)).toBe(false);
	});
});
