import { describe, expect, it } from 'vitest';
import { danishHolidays, easterSunday, holidayOn, type HolidayKey } from './holidays';
import { addDays, isoWeekday } from './time';

describe('easterSunday', () => {
	it('gives the known dates', () => {
		const known: [number, string][] = [
			[1818, '1818-03-22'],
			[1943, '1943-04-25'],
			[2000, '2000-04-23'],
			[2008, '2008-03-23'],
			[2011, '2011-04-24'],
			[2016, '2016-03-27'],
			[2019, '2019-04-21'],
			[2022, '2022-04-17'],
			[2023, '2023-04-09'],
			[2024, '2024-03-31'],
			[2025, '2025-04-20'],
			[2026, '2026-04-05'],
			[2027, '2027-03-28'],
			[2028, '2028-04-16'],
			[2029, '2029-04-01'],
			[2038, '2038-04-25'],
			[2285, '2285-03-22']
		];
		for (const [year, date] of known) expect(easterSunday(year), String(year)).toBe(date);
	});
	it('is always a Sunday from 22 March to 25 April', () => {
		for (let year = 1583; year <= 9999; year++) {
			const easter = easterSunday(year);
			expect(isoWeekday(easter)).toBe(7);
			expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25', easter).toBe(true);
		}
	});
	it('refuses years outside the Gregorian, four-digit range', () => {
		for (const year of [1582, 10000, 2026.5, NaN]) expect(() => easterSunday(year), String(year)).toThrow(RangeError);
	});
});

describe('danishHolidays', () => {
	it('lists 2026, checked by hand (Easter 5 April)', () => {
		expect(danishHolidays(2026)).toEqual([
			{ date: '2026-01-01', key: 'new_years_day' },
			{ date: '2026-04-02', key: 'maundy_thursday' },
			{ date: '2026-04-03', key: 'good_friday' },
			{ date: '2026-04-05', key: 'easter_sunday' },
			{ date: '2026-04-06', key: 'easter_monday' },
			{ date: '2026-05-14', key: 'ascension_day' },
			{ date: '2026-05-24', key: 'whit_sunday' },
			{ date: '2026-05-25', key: 'whit_monday' },
			{ date: '2026-06-05', key: 'constitution_day' },
			{ date: '2026-12-24', key: 'christmas_eve' },
			{ date: '2026-12-25', key: 'christmas_day' },
			{ date: '2026-12-26', key: 'boxing_day' },
			{ date: '2026-12-31', key: 'new_years_eve' }
		]);
	});
	it('has Store Bededag in 2023 and earlier, not from 2024', () => {
		const prayerDay = (year: number) => danishHolidays(year).find((h) => h.key === 'great_prayer_day')?.date;
		expect(prayerDay(2023)).toBe('2023-05-05');
		expect(prayerDay(2022)).toBe('2022-05-13');
		expect(danishHolidays(2023)).toHaveLength(14);
		for (let year = 2024; year <= 2100; year++) expect(prayerDay(year), String(year)).toBeUndefined();
		expect(danishHolidays(2024)).toHaveLength(13);
	});
	it('puts the moveable feasts on their weekdays', () => {
		const weekday: Partial<Record<HolidayKey, number>> = {
			maundy_thursday: 4,
			good_friday: 5,
			easter_sunday: 7,
			easter_monday: 1,
			great_prayer_day: 5,
			ascension_day: 4,
			whit_sunday: 7,
			whit_monday: 1
		};
		for (let year = 1990; year <= 2060; year++) {
			for (const { date, key } of danishHolidays(year)) {
				if (weekday[key] !== undefined) expect(isoWeekday(date), `${key} ${date}`).toBe(weekday[key]);
			}
		}
	});
	it('is sorted by date, and lists both names when Whitsun falls on Constitution Day', () => {
		for (let year = 1990; year <= 2060; year++) {
			const dates = danishHolidays(year).map((h) => h.date);
			expect(dates, String(year)).toEqual([...dates].sort());
			expect(dates.every((d) => d.startsWith(`${year}-`))).toBe(true);
		}
		expect(danishHolidays(2022).filter((h) => h.date === '2022-06-05').map((h) => h.key)).toEqual(['whit_sunday', 'constitution_day']);
		expect(danishHolidays(2017).filter((h) => h.date === '2017-06-05').map((h) => h.key)).toEqual(['whit_monday', 'constitution_day']);
	});
	it('returns a fresh list each time', () => {
		const list = danishHolidays(2026);
		list.pop();
		expect(danishHolidays(2026)).toHaveLength(13);
	});
});

describe('holidayOn', () => {
	it('names closing days and nothing else', () => {
		expect(holidayOn('2026-04-02')).toBe('maundy_thursday');
		expect(holidayOn('2026-12-24')).toBe('christmas_eve');
		expect(holidayOn('2026-12-31')).toBe('new_years_eve');
		expect(holidayOn('2026-06-05')).toBe('constitution_day');
		expect(holidayOn('2023-05-05')).toBe('great_prayer_day');
		expect(holidayOn('2024-04-26')).toBeNull();
		expect(holidayOn('2026-05-01')).toBeNull();
		expect(holidayOn('2026-04-04')).toBeNull();
		expect(holidayOn('2026-12-23')).toBeNull();
	});
	it('prefers the church holiday when two coincide', () => {
		expect(holidayOn('2022-06-05')).toBe('whit_sunday');
		expect(holidayOn('2017-06-05')).toBe('whit_monday');
	});
	it('agrees with danishHolidays on every day of 2020-2030', () => {
		for (let year = 2020; year <= 2030; year++) {
			const expected = new Map<string, HolidayKey>();
			for (const { date, key } of danishHolidays(year)) if (!expected.has(date)) expected.set(date, key);
			for (let date = `${year}-01-01`; date <= `${year}-12-31`; date = addDays(date, 1)) {
				expect(holidayOn(date), date).toBe(expected.get(date) ?? null);
			}
		}
	});
	it('refuses a bad date', () => {
		expect(() => holidayOn('2026-02-30')).toThrow(RangeError);
		expect(() => holidayOn('24/12/2026')).toThrow(RangeError);
	});
});
