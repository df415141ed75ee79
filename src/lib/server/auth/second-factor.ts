import { generateHOTP, verifyHOTP, createTOTPKeyURI } from '@oslojs/otp';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeBase32NoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** RFC 6238 as every authenticator app reads it: 30-second steps, six digits, SHA-1. */
export const TOTP_PERIOD_SECONDS = 30;
const DIGITS = 6;
/** A clock a step off either way still works; a phone's clock is rarely better. */
const SKEW_STEPS = 1;

export function newTotpKey(): Uint8Array {
	const key = new Uint8Array(20);
	crypto.getRandomValues(key);
	return key;
}

export function totpStep(nowMs: number): number {
	return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The key as an authenticator app reads it from the QR code. */
export function totpUri(issuer: string, username: string, key: Uint8Array): string {
	return createTOTPKeyURI(issuer, username, key, TOTP_PERIOD_SECONDS, DIGITS);
}

/** The key for typing in by hand: base32 in groups of four. */
export function totpKeyText(key: Uint8Array): string {
	return encodeBase32NoPadding(key).replace(/(.{4})/g, '$1 ').trim();
}

export function totpCode(key: Uint8Array, step: number): string {
	return generateHOTP(key, BigInt(step), DIGITS);
}

/**
 * The time steps, within the skew, whose code this is (usually one; none for a wrong code).
 * Which of them are still unused is the database's to say: a code is good once.
 */
export function totpSteps(key: Uint8Array, code: string, nowMs: number): number[] {
	const digits = code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(digits)) return [];
	const now = totpStep(nowMs);
	const steps: number[] = [];
	for (let step = now - SKEW_STEPS; step <= now + SKEW_STEPS; step++) if (verifyHOTP(key, BigInt(step), DIGITS, digits)) steps.push(step);
	return steps;
}

/** Steps this old can no longer be used, so their record of use can go. */
export function oldestUsableStep(nowMs: number): number {
	return totpStep(nowMs) - SKEW_STEPS;
}

/** Ten codes of 50 random bits each, shown once; each stands in for the app one time. */
export function newRecoveryCodes(count = 10): string[] {
	return Array.from({ length: count }, () => {
		const bytes = new Uint8Array(7);
		crypto.getRandomValues(bytes);
		const text = encodeBase32LowerCaseNoPadding(bytes).slice(0, 10);
		return `${text.slice(0, 5)}-${text.slice(5)}`;
	});
}

/** What a recovery code is stored as: typed with or without the dash, in either case. */
export function recoveryCodeHash(code: string): string {
	const normal = code.toLowerCase().replace(/[\s-]/g, '');
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normal)));
}

/** A recovery code has letters; an app's code has six digits only. */
export function isRecoveryCode(input: string): boolean {
	return /^[a-z2-7]{10}$/.test(input.toLowerCase().replace(/[\s-]/g, ''));
}
