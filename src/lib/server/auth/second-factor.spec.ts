import { describe, expect, it } from 'vitest';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { isRecoveryCode, oldestUsableStep, totpSteps, newRecoveryCodes, recoveryCodeHash, totpCode, totpKeyText, totpStep, totpUri } from './second-factor';

// RFC 6238, appendix B: the SHA-1 key "12345678901234567890" at T = 59 s gives 94287082 (8 digits; 6: 287082).
const RFC_KEY = new TextEncoder().encode('12345678901234567890');

describe('TOTP', () => {
	it('gives the RFC 6238 test vector, and reads it back into its time step', () => {
		expect(totpCode(RFC_KEY, totpStep(59_000))).toBe('287082');
		expect(totpSteps(RFC_KEY, '287082', 59_000)).toEqual([1]);
		expect(totpSteps(RFC_KEY, '287 082', 59_000)).toEqual([1]);
	});

	it('accepts a clock one step off either way, and no further', () => {
		const now = 1_800_000_000_000;
		const step = totpStep(now);
		for (const off of [-1, 0, 1]) expect(totpSteps(RFC_KEY, totpCode(RFC_KEY, step + off), now)).toEqual([step + off]);
		for (const off of [-2, 2]) expect(totpSteps(RFC_KEY, totpCode(RFC_KEY, step + off), now)).toEqual([]);
		expect(oldestUsableStep(now)).toBe(step - 1);
	});

	it('refuses what is not six digits', () => {
		for (const code of ['', '12345', '1234567', 'abcdef', '12345a']) expect(totpSteps(RFC_KEY, code, 59_000)).toEqual([]);
	});

	it('gives the key to the app as an otpauth URI and as text to type, both the same key', () => {
		const uri = new URL(totpUri('Indgang', 'mette.m', RFC_KEY));
		expect(uri.protocol).toBe('otpauth:');
		expect(uri.searchParams.get('issuer')).toBe('Indgang');
		expect(uri.searchParams.get('period')).toBe('30');
		const text = totpKeyText(RFC_KEY);
		expect(text).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
		expect(decodeBase32IgnorePadding(text.replace(/ /g, ''))).toEqual(RFC_KEY);
		expect(uri.searchParams.get('secret')).toBe(text.replace(/ /g, ''));
	});
});

describe('recovery codes', () => {
	it('are ten different codes, hashed the same however they are typed', () => {
		const codes = newRecoveryCodes();
		expect(new Set(codes).size).toBe(10);
		for (const code of codes) {
			expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
			expect(isRecoveryCode(code)).toBe(true);
			expect(recoveryCodeHash(code.toUpperCase().replace('-', ' '))).toBe(recoveryCodeHash(code));
		}
		expect(recoveryCodeHash(codes[0])).not.toBe(recoveryCodeHash(codes[1]));
		expect(isRecoveryCode('123456')).toBe(false);
	});
});
