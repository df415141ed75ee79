/**
 * Danish phone numbers, checked the same way on every form (form questions, booking details):
 * eight digits, the first 2–9, written with spaces or hyphens and an optional +45 or 0045.
 * Each problem has its own code, so the message names what is really wrong.
 */
export type PhoneProblem = 'phone_chars' | 'phone_foreign' | 'phone_length' | 'phone_first_digit';

function digitsOf(input: string): string {
	return input.trim().replace(/[\s-]/g, '').replace(/^(\+45|0045)/, '');
}

export function phoneProblem(input: string): PhoneProblem | null {
	const compact = input.trim().replace(/[\s-]/g, '');
	if (/^(\+|00)(?!45)/.test(compact)) return 'phone_foreign';
	const digits = digitsOf(input);
	if (!/^\d+$/.test(digits)) return 'phone_chars';
	if (digits.length !== 8) return 'phone_length';
	if (!/^[2-9]/.test(digits)) return 'phone_first_digit';
	return null;
}

/** The eight digits alone, or null when the number is not a Danish one. */
export function normalisePhone(input: string): string | null {
	return phoneProblem(input) ? null : digitsOf(input);
}

/** As it is shown and stored on a form answer: "21 34 56 78". */
export function formatPhone(input: string): string {
	return digitsOf(input).replace(/(\d{2})(?=\d)/g, '$1 ');
}

/** How many digits were typed, for the message that says it (without a +45 prefix). */
export function phoneDigitCount(input: string): number {
	return digitsOf(input).replace(/\D/g, '').length;
}
