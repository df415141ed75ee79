import { describe, expect, it } from 'vitest';
import { COMMENT_MAX, MASK, maskComment, parseComment, parseScore } from './mask';

describe('maskComment', () => {
	it.each([
		['Mit CPR er 010170-1234, hjælp', `Mit CPR er ${MASK.cpr}, hjælp`],
		['cpr 0101701234.', `cpr ${MASK.cpr}.`],
		['01 01 70 1234 og 010170 - 1234', `${MASK.cpr} og ${MASK.cpr}`],
		['skriv til hans.hansen@example.dk tak', `skriv til ${MASK.email} tak`],
		['ring 12 34 56 78 eller +45 12345678', `ring ${MASK.phone} eller ${MASK.phone}`],
		['0045 12-34-56-78', MASK.phone],
		['tlf. 1234 5678', `tlf. ${MASK.phone}`]
	])('masks %s', (input, output) => {
		expect(maskComment(input)).toBe(output);
	});

	it('leaves ordinary text and short numbers alone', () => {
		const text = 'Det tog 5 minutter, kø nr. 12, kl. 10.30 den 3/4 2026. Rigtig fint!';
		expect(maskComment(text)).toBe(text);
	});
});

describe('parseScore and parseComment', () => {
	it('takes only 1 to 5', () => {
		expect(['1', '5', ' 3 '].map(parseScore)).toEqual([1, 5, 3]);
		expect(['0', '6', '2.5', '', 'fem', undefined, null].map(parseScore)).toEqual([null, null, null, null, null, null, null]);
	});

	it('refuses a comment over the limit, counts characters not bytes, and masks the rest', () => {
		expect(parseComment('æ'.repeat(COMMENT_MAX))).toEqual({ comment: 'æ'.repeat(COMMENT_MAX) });
		expect(parseComment('a'.repeat(COMMENT_MAX + 1))).toEqual({ error: 'comment_too_long' });
		expect(parseComment('   ')).toEqual({ comment: null });
		expect(parseComment('min datter 1503204012 fik hjælp')).toEqual({ comment: `min datter ${MASK.cpr} fik hjælp` });
	});
});
