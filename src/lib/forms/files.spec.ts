import { describe, expect, it } from 'vitest';
import { downloadName } from './files';

describe('the name a stored file is downloaded under', () => {
	it('takes the extension of the type detected from the bytes', () => {
		expect(downloadName('invoice.html', 'application/pdf')).toBe('invoice.pdf');
		expect(downloadName('udtalelse.pdf', 'application/pdf')).toBe('udtalelse.pdf');
		expect(downloadName('IMG_0042.HEIC', 'image/jpeg')).toBe('IMG_0042.jpg');
		expect(downloadName('scan', 'image/png')).toBe('scan.png');
		expect(downloadName('archive.tar.gz', 'application/pdf')).toBe('archive.tar.pdf');
	});
	it('never keeps a path or an empty name', () => {
		expect(downloadName('../../x.svg', 'image/png')).toBe('.._.._x.png');
		expect(downloadName('.html', 'application/pdf')).toBe('fil.pdf');
		expect(downloadName('x.exe', 'application/x-msdownload')).toBe('x.bin');
	});
});
