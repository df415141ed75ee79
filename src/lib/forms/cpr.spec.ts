import { describe, expect, it } from 'vitest';
import { cprBirthDate, maskCpr, passesModulus11 } from './cpr';
import { fixturePersons } from '$lib/server/register/fixture';

describe('CPR numbers', () => {
	it('derives the century from the seventh digit', () => {
		expect(cprBirthDate('1503851234')).toBe('1985-03-15');
		expect(cprBirthDate('1005224012')).toBe('2022-05-10');
		expect(cprBirthDate('1005404012')).toBe('1940-05-10');
		expect(cprBirthDate('0101995000')).toBe('1899-01-01');
		expect(cprBirthDate('0101105000')).toBe('2010-01-01');
		expect(cprBirthDate('3002851234')).toBeNull();
	});
	it('is shown with the serial hidden', () => {
		expect(maskCpr('1503851234')).toBe('150385-xxxx');
	});
	it('is fictitious in every test person: valid date, failing modulus 11', () => {
		for (const p of fixturePersons) {
			expect(cprBirthDate(p.cpr), p.name).toBe(p.birthDate);
			expect(passesModulus11(p.cpr), p.name).toBe(false);
		}
	});
});
