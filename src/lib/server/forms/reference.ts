import { randomInt } from 'node:crypto';

/**
 * Letters and digits a citizen can read aloud on the phone without confusion: no 0/O/Q,
 * 1/I/L, 2/Z, 5/S, 6/G, 8/B, U/V. 21^8 ≈ 3.8e10 references; a collision is retried.
 */
export const REFERENCE_ALPHABET = 'ACDEFHJKMNPRTWXY34679';

export function generateReference(): string {
	let code = '';
	for (let i = 0; i < 8; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export function generateId(): string {
	const bytes = new Uint8Array(15);
	crypto.getRandomValues(bytes);
	return Buffer.from(bytes).toString('base64url');
}
