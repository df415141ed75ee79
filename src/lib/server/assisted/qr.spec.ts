import { describe, expect, it } from 'vitest';
import { qrSvgPath } from './qr';

const dark = (path: string, col: number, row: number) => path.includes(`M${col} ${row}h1v1h-1z`);

describe('QR path', () => {
	it('draws the three finder squares a camera looks for, and leaves their inner ring light', () => {
		const { size, path } = qrSvgPath('http://localhost:3000/hjaelp?kode=123456');
		expect(size).toBeGreaterThanOrEqual(25);
		for (const [c, r] of [[0, 0], [size - 7, 0], [0, size - 7]]) {
			expect(dark(path, c, r)).toBe(true);
			expect(dark(path, c + 6, r + 6)).toBe(true);
			expect(dark(path, c + 1, r + 1)).toBe(false);
			expect(dark(path, c + 3, r + 3)).toBe(true);
		}
	});

	it('gives a different pattern for a different code', () => {
		expect(qrSvgPath('/hjaelp?kode=123456').path).not.toBe(qrSvgPath('/hjaelp?kode=654321').path);
	});
});
