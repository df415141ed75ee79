import { describe, expect, it } from 'vitest';
import { chooseEncoding } from './handle';

describe('response compression', () => {
	it('prefers brotli, then gzip', () => {
		expect(chooseEncoding('gzip, deflate, br, zstd', 'text/html')).toBe('br');
		expect(chooseEncoding('gzip', 'application/json')).toBe('gzip');
		expect(chooseEncoding('br;q=0, gzip', 'text/html; charset=utf-8')).toBe('gzip');
	});
	it('leaves alone what is already compressed or not asked for', () => {
		expect(chooseEncoding(null, 'text/html')).toBeNull();
		expect(chooseEncoding('identity', 'text/html')).toBeNull();
		expect(chooseEncoding('br', 'image/png')).toBeNull();
		expect(chooseEncoding('br', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBeNull();
		expect(chooseEncoding('br', null)).toBeNull();
	});
});
