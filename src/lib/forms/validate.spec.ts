import { describe, expect, it } from 'vitest';
import { validatePage, validateQuestion } from './validate';
import { seededForm } from '$lib/server/forms/seed';
import type { FormContext, Question, RawInput, Texts } from './types';

const dagtilbud = seededForm('dagtilbud');
const x: Texts = { da: 'x', en: 'x' };
const opts = (...values: string[]) => values.map((value) => ({ value, label: x }));

const ctx: FormContext = {
	today: '2026-11-23',
	options: { household: [{ value: 'P-2', text: 'Bo' }] },
	prefill: {}
};

function check(q: Question, raw: RawInput, previous?: Parameters<typeof validateQuestion>[3]) {
	const r = validateQuestion(q, raw, ctx, previous);
	return { value: r.value, codes: r.errors.map((e) => (e.part ? `${e.code}:${e.part}` : e.code)), errors: r.errors };
}

describe('required and optional', () => {
	it('asks for a required answer and accepts an empty optional one', () => {
		expect(check({ id: 'a', label: x, name: x, type: 'text' }, { a: '   ' }).codes).toEqual(['required']);
		expect(check({ id: 'a', label: x, name: x, type: 'text', optional: true }, { a: '' })).toMatchObject({ value: undefined, codes: [] });
	});
	it('links the error to the first input of the question', () => {
		expect(check({ id: 'd', label: x, name: x, type: 'date' }, {}).errors[0].fieldId).toBe('d-day');
		expect(check({ id: 'a', label: x, name: x, type: 'address' }, { 'a-street': 'X' }).errors[0].fieldId).toBe('a-postcode');
	});
});

describe('text and numbers', () => {
	it('trims text and limits its length', () => {
		expect(check({ id: 't', label: x, name: x, type: 'text' }, { t: '  Hej  ' }).value).toBe('Hej');
		expect(check({ id: 't', label: x, name: x, type: 'text', maxLength: 3 }, { t: 'abcd' }).codes).toEqual(['too_long']);
		expect(check({ id: 't', label: x, name: x, type: 'textarea' }, { t: 'x'.repeat(2001) }).codes).toEqual(['too_long']);
	});
	it('reads Danish decimal commas and checks bounds', () => {
		const q: Question = { id: 'n', label: x, name: x, type: 'number', min: 40, max: 250, integer: true };
		expect(check(q, { n: '172' }).value).toBe('172');
		expect(check(q, { n: ' 1 72 ' }).value).toBe('172');
		expect(check(q, { n: '172,5' }).codes).toEqual(['not_integer']);
		expect(check(q, { n: 'høj' }).codes).toEqual(['not_number']);
		expect(check(q, { n: '39' }).codes).toEqual(['number_min']);
		expect(check(q, { n: '251' }).codes).toEqual(['number_max']);
		expect(check({ id: 'n', label: x, name: x, type: 'number' }, { n: '1,5' }).value).toBe('1.5');
	});
});

describe('dates (three fields)', () => {
	const q: Question = { id: 'd', label: x, name: x, type: 'date', minDays: -5, maxDays: 28 };
	const date = (day: string, month: string, year: string) => ({ 'd-day': day, 'd-month': month, 'd-year': year });
	it('accepts a valid date within the window as ISO', () => {
		expect(check(q, date('1', '12', '2026')).value).toBe('2026-12-01');
		expect(check(q, date('18', '11', '2026')).value).toBe('2026-11-18');
		expect(check(q, date('21', '12', '2026')).value).toBe('2026-12-21');
	});
	it('says which part is missing or wrong', () => {
		expect(check(q, date('1', '', '2026')).codes).toEqual(['date_incomplete:month']);
		expect(check(q, date('', '', '2026')).codes).toEqual(['date_incomplete:day']);
		expect(check(q, date('x', '12', '2026')).codes).toEqual(['date_invalid:day']);
		expect(check(q, date('1', '13', '2026')).codes).toEqual(['date_invalid:month']);
		expect(check(q, date('31', '11', '2026')).codes).toEqual(['date_invalid:day']);
		expect(check(q, date('29', '2', '2027')).codes).toEqual(['date_invalid:day']);
		expect(check(q, date('1', '12', '26')).codes).toEqual(['date_invalid:year']);
	});
	it('enforces the window relative to today', () => {
		const early = check(q, date('17', '11', '2026'));
		expect(early.codes).toEqual(['date_min']);
		expect(early.errors[0].params).toEqual({ date: '2026-11-18' });
		const late = check(q, date('22', '12', '2026'));
		expect(late.codes).toEqual(['date_max']);
		expect(late.errors[0].params).toEqual({ date: '2026-12-21' });
	});
	it('knows leap years', () => {
		const open: Question = { id: 'd', label: x, name: x, type: 'date' };
		expect(check(open, date('29', '2', '2028')).value).toBe('2028-02-29');
	});
});

describe('contact details', () => {
	it('checks e-mail addresses', () => {
		const q: Question = { id: 'e', label: x, name: x, type: 'email' };
		expect(check(q, { e: 'anna@example.dk' }).value).toBe('anna@example.dk');
		expect(check(q, { e: 'anna@example' }).codes).toEqual(['email_invalid']);
		expect(check(q, { e: 'anna example.dk' }).codes).toEqual(['email_invalid']);
	});
	it('accepts Danish phone numbers in the usual spellings', () => {
		const q: Question = { id: 'p', label: x, name: x, type: 'phone' };
		expect(check(q, { p: '21345678' }).value).toBe('21 34 56 78');
		expect(check(q, { p: '+45 21 34 56 78' }).value).toBe('21 34 56 78');
		expect(check(q, { p: '0045-21345678' }).value).toBe('21 34 56 78');
	});
	it('names what is wrong with a phone number, not always the length', () => {
		const q: Question = { id: 'p', label: x, name: x, type: 'phone' };
		const wrong = (p: string) => check(q, { p }).errors.map((e) => ({ code: e.code, ...e.params }));
		// Eight digits typed: the problem is the first one, not the count.
		expect(wrong('11 22 33 44')).toEqual([{ code: 'phone_first_digit', count: 8 }]);
		expect(wrong('01234567')).toEqual([{ code: 'phone_first_digit', count: 8 }]);
		expect(wrong('2134567')).toEqual([{ code: 'phone_length', count: 7 }]);
		expect(wrong('+45 21 34 56 789')).toEqual([{ code: 'phone_length', count: 9 }]);
		expect(wrong('21 34 56 7a')).toEqual([{ code: 'phone_chars', count: 7 }]);
		expect(wrong('+46 70 123 45 67')).toEqual([{ code: 'phone_foreign', count: 11 }]);
		expect(wrong('0046701234567')).toEqual([{ code: 'phone_foreign', count: 13 }]);
	});
	it('checks CPR numbers by their date part', () => {
		const q: Question = { id: 'c', label: x, name: x, type: 'cpr' };
		expect(check(q, { c: '150385-1234' }).value).toBe('1503851234');
		expect(check(q, { c: '1503851234' }).value).toBe('1503851234');
		expect(check(q, { c: '310285-1234' }).codes).toEqual(['cpr_invalid']);
		expect(check(q, { c: '15038512' }).codes).toEqual(['cpr_invalid']);
		expect(check(q, { c: 'abcdef-1234' }).codes).toEqual(['cpr_invalid']);
	});
	it('refuses a CPR number whose birth date is after today in Copenhagen', () => {
		const q: Question = { id: 'c', label: x, name: x, type: 'cpr' };
		// ctx.today is 2026-11-23; a seventh digit of 4 puts yy 26 in the 2000s.
		expect(check(q, { c: '231126-4000' }).value).toBe('2311264000');
		expect(check(q, { c: '241126-4000' }).codes).toEqual(['cpr_future']);
		expect(check(q, { c: '010130-4000' }).codes).toEqual(['cpr_future']);
		// The same digits with a seventh digit of 0-3 are 1930: in the past.
		expect(check(q, { c: '010130-1000' }).value).toBe('0101301000');
	});
	it('checks every part of an address', () => {
		const q: Question = { id: 'a', label: x, name: x, type: 'address' };
		const ok = check(q, { 'a-street': 'Nyvej 1', 'a-postcode': '7100', 'a-city': 'Prøvestad' });
		expect(ok.value).toEqual({ street: 'Nyvej 1', postcode: '7100', city: 'Prøvestad' });
		expect(check(q, { 'a-street': 'Nyvej 1', 'a-postcode': '71', 'a-city': '' }).codes).toEqual([
			'postcode_invalid:postcode',
			'required:city'
		]);
	});
});

describe('choices', () => {
	it('accepts only offered options', () => {
		const radio: Question = { id: 'r', label: x, name: x, type: 'radio', options: opts('a', 'b') };
		expect(check(radio, { r: 'b' }).value).toBe('b');
		expect(check(radio, { r: 'c' }).codes).toEqual(['choice_invalid']);
		const fromRegister: Question = { id: 'h', label: x, name: x, type: 'checkbox', options: { from: 'household' }, optional: true };
		expect(check(fromRegister, { h: ['P-2'] }).value).toEqual(['P-2']);
		expect(check(fromRegister, { h: ['P-9'] }).codes).toEqual(['choice_invalid']);
		expect(check(fromRegister, {}).value).toEqual([]);
	});
	it('requires a tick in a required checkbox group and keeps the defined order', () => {
		const q: Question = { id: 'c', label: x, name: x, type: 'checkbox', options: opts('x', 'y', 'z') };
		expect(check(q, {}).codes).toEqual(['required']);
		expect(check(q, { c: ['z', 'x'] }).value).toEqual(['x', 'z']);
	});
	it('takes yes or no and nothing else', () => {
		const q: Question = { id: 'y', label: x, name: x, type: 'yesno' };
		expect(check(q, { y: 'yes' }).value).toBe('yes');
		expect(check(q, { y: 'maybe' }).codes).toEqual(['choice_invalid']);
	});
});

describe('files', () => {
	const q: Question = { id: 'f', label: x, name: x, type: 'file', maxBytes: 1000, accept: ['application/pdf'], optional: true };
	it('checks size and type', () => {
		expect(check(q, { f: { name: 'a.pdf', size: 500, type: 'application/pdf' } }).value).toMatchObject({ name: 'a.pdf', uploadId: '' });
		expect(check(q, { f: { name: 'a.pdf', size: 1001, type: 'application/pdf' } }).codes).toEqual(['file_too_large']);
		expect(check(q, { f: { name: 'a.exe', size: 10, type: 'application/x-msdownload' } }).codes).toEqual(['file_type']);
		expect(check(q, { f: { name: 'a.pdf', size: 0, type: 'application/pdf' } }).codes).toEqual(['file_empty']);
	});
	it('keeps the earlier file when no new one is chosen', () => {
		const previous = { uploadId: 'u1', name: 'old.pdf', size: 10, type: 'application/pdf' };
		expect(check(q, {}, previous).value).toEqual(previous);
		expect(check({ ...q, optional: false }, {}).codes).toEqual(['required']);
	});
});

describe('page rules', () => {
	it('refuses the same institution twice', () => {
		const page = dagtilbud.pages.find((p) => p.id === 'institutions')!;
		const r = validatePage(page, page.questions, { institution1: 'havblik', institution2: 'havblik' }, ctx);
		expect(r.errors.map((e) => [e.questionId, e.code])).toEqual([['institution2', 'distinct_choices']]);
		const gap = validatePage(page, page.questions, { institution1: 'havblik', institution3: 'egebakken' }, ctx);
		expect(gap.errors.map((e) => [e.questionId, e.code])).toEqual([['institution3', 'priority_gap']]);
		const ok = validatePage(page, page.questions, { institution1: 'havblik', institution2: 'egebakken' }, ctx);
		expect(ok.errors).toEqual([]);
		expect(ok.values).toEqual({ institution1: 'havblik', institution2: 'egebakken', institution3: undefined });
	});
});
