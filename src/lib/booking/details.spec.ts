import { describe, expect, it } from 'vitest';
import { normalisePhone } from '$lib/forms/phone';
import { readDetails } from './details';

describe('readDetails', () => {
	it('accepts a name with a phone number and tidies the number', () => {
		const { details, errors } = readDetails({ navn: ' Anna Testesen ', telefon: '+45 20 30 40 50' }, { contactRequired: true });
		expect(errors).toEqual([]);
		expect(details).toEqual({ name: 'Anna Testesen', phone: '20304050', email: null, interpreterLanguage: null, stepFree: false });
	});

	it('asks for a phone number or an e-mail when reminders need one', () => {
		expect(readDetails({ navn: 'Anna' }, { contactRequired: true }).errors).toEqual([{ fieldId: 'telefon', code: 'contact_required' }]);
		expect(readDetails({ navn: 'Anna' }, { contactRequired: false }).errors).toEqual([]);
		expect(readDetails({ navn: 'Anna', email: 'anna@example.dk' }, { contactRequired: true }).errors).toEqual([]);
	});

	it('names each wrong field', () => {
		const { errors } = readDetails({ navn: '', telefon: '1234', email: 'anna@', tolk: '1' }, { contactRequired: true });
		expect(errors.map((e) => `${e.fieldId}:${e.code}`)).toEqual([
			'navn:name_required',
			'telefon:phone_length',
			'email:email_invalid',
			'tolkesprog:language_required'
		]);
	});

	it('refuses addresses a mail header or a calendar file would trip over', () => {
		for (const email of ['erik@example.dk,', 'a;b@x.dk', '"a"@x.dk', 'a(x)@x.dk', 'a<b@x.dk'])
			expect(readDetails({ navn: 'Erik', email }, { contactRequired: true }).errors, email).toEqual([{ fieldId: 'email', code: 'email_invalid' }]);
	});

	it('keeps the interpreter language and the step-free need', () => {
		const { details } = readDetails({ navn: 'Yusuf', email: 'y@example.dk', tolk: '1', tolkesprog: 'Arabisk', trinfri: '1' }, { contactRequired: true });
		expect(details.interpreterLanguage).toBe('Arabisk');
		expect(details.stepFree).toBe(true);
	});

	it('refuses over-long values', () => {
		const { errors } = readDetails({ navn: 'x'.repeat(121), telefon: '20304050', tolkesprog: 'y'.repeat(61) }, { contactRequired: true });
		expect(errors.map((e) => e.code)).toEqual(['name_too_long', 'language_too_long']);
	});
});

describe('normalisePhone (the forms\' rule, shared by booking)', () => {
	it.each([
		['20 30 40 50', '20304050'],
		['0045-20304050', '20304050'],
		['12345678', null],
		['2030405', null],
		['203040501', null]
	])('%s → %s', (input, expected) => expect(normalisePhone(input)).toBe(expected));
});
