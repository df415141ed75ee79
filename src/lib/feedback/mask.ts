/**
 * "Hvordan gik det?" comments are stored without personal data: what looks like a CPR number,
 * an e-mail address or a phone number is replaced before the comment is saved. The patterns
 * are generous on purpose: a date of birth written like a CPR number goes too.
 */

export const COMMENT_MAX = 500;

const CPR = /(?<![\d])\d{2}[.\s]?\d{2}[.\s]?\d{2}\s?[-–]?\s?\d{4}(?![\d])/g;
const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:]+/g;
/** With a country code first (+45, 0045), before the CPR pattern could take its digits. */
const PHONE_INTL = /(?:\+|(?<![\d])00)\d{2}[\s-]?\d(?:[\s-]?\d){5,}(?![\d])/g;
/** Danish numbers (8 digits) and anything longer with separators. */
const PHONE = /(?<![\d])\d(?:[\s-]?\d){7,}(?![\d])/g;

export const MASK = { cpr: '[CPR-nummer]', email: '[e-mail]', phone: '[telefonnummer]' } as const;

export function maskComment(text: string): string {
	return text.replace(EMAIL, MASK.email).replace(PHONE_INTL, MASK.phone).replace(CPR, MASK.cpr).replace(PHONE, MASK.phone);
}

export type FeedbackInputError = 'score' | 'comment_too_long';

/** A score is a whole number from 1 to 5. */
export function parseScore(raw: unknown): number | null {
	const n = typeof raw === 'string' && /^[1-5]$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
	return Number.isInteger(n) ? n : null;
}

/** The comment as stored: trimmed, masked, at most COMMENT_MAX characters as typed; empty is none. */
export function parseComment(raw: unknown): { comment: string | null } | { error: 'comment_too_long' } {
	const text = typeof raw === 'string' ? raw.replace(/\r\n/g, '\n').trim() : '';
	if ([...text].length > COMMENT_MAX) return { error: 'comment_too_long' };
	return { comment: text ? maskComment(text) : null };
}
