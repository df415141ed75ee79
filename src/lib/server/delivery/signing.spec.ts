import { describe, expect, it } from 'vitest';
import { fileLinkSignature, fileLinkValid, signatureHeader, verifySignature } from './signing';

describe('webhook signature', () => {
	const body = '{"reference":"AB12-CD34"}';
	const now = 1_800_000_000;
	it('is accepted with the same secret, body and a fresh timestamp', () => {
		expect(verifySignature('s3cret', signatureHeader('s3cret', body, now), body, now + 10)).toBe(true);
	});
	it('is refused for another secret, a changed body, an old timestamp or a mangled header', () => {
		const header = signatureHeader('s3cret', body, now);
		expect(verifySignature('other', header, body, now)).toBe(false);
		expect(verifySignature('s3cret', header, body.replace('AB', 'XB'), now)).toBe(false);
		expect(verifySignature('s3cret', header, body, now + 301)).toBe(false);
		expect(verifySignature('s3cret', header.replace(/t=\d+/, `t=${now + 1}`), body, now)).toBe(false);
		expect(verifySignature('s3cret', undefined, body, now)).toBe(false);
		expect(verifySignature('s3cret', 'v1=abc', body, now)).toBe(false);
	});
});

describe('file link', () => {
	it('is valid until it expires, for its own file only', () => {
		const sig = fileLinkSignature('k', 'upload-1', 1000);
		expect(fileLinkValid('k', 'upload-1', 1000, sig, 999)).toBe(true);
		expect(fileLinkValid('k', 'upload-1', 1000, sig, 1001)).toBe(false);
		expect(fileLinkValid('k', 'upload-2', 1000, sig, 999)).toBe(false);
		expect(fileLinkValid('k', 'upload-1', 2000, sig, 999)).toBe(false);
	});
});
