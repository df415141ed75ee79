/** Days Borgerservice is closed: Danish public holidays plus the days the municipality closes anyway. */

import { addDays, isLocalDate, type LocalDate } from './time';

export type HolidayKey =
	| 'new_years_day'
	| 'maundy_thursday'
	| 'good_friday'
	| 'easter_sunday'
	| 'easter_monday'
	| 'great_prayer_day'
	| 'ascension_day'
	| 'whit_sunday'
	| 'whit_monday'
	| 'constitution_day'
	| 'christmas_eve'
	| 'christmas_day'
	| 'boxing_day'
	| 'new_years_eve';

// The algorithm is only meaningful for the Gregorian calendar (from 1583), and a LocalDate has four digits.
const FIRST_YEAR = 1583;
const LAST_YEAR = 9999;

function checkYear(year: number): void {
	if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
		throw new RangeError(`Year out of range ${FIRST_YEAR}-${LAST_YEAR}: ${year}`);
	}
}

/** Easter Sunday by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
export function easterSunday(year: number): LocalDate {
	checkYear(year);
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

// Store Bededag stopped being a public holiday by the act of 28 February 2023, with effect from 2024.
const LAST_GREAT_PRAYER_DAY_YEAR = 2023;

/**
 * The year's closing days, sorted by date. Whitsun can fall on 5 June (Whit Sunday 2022, Whit
 * Monday 2017); both names are then listed, the church holiday first.
 */
export function danishHolidays(year: number): { date: LocalDate; key: HolidayKey }[] {
	const easter = easterSunday(year);
	const days: { date: LocalDate; key: HolidayKey }[] = [
		{ date: `${year}-01-01`, key: 'new_years_day' },
		{ date: addDays(easter, -3), key: 'maundy_thursday' },
		{ date: addDays(easter, -2), key: 'good_friday' },
		{ date: easter, key: 'easter_sunday' },
		{ date: addDays(easter, 1), key: 'easter_monday' }
	];
	if (year <= LAST_GREAT_PRAYER_DAY_YEAR) days.push({ date: addDays(easter, 26), key: 'great_prayer_day' });
	days.push(
		{ date: addDays(easter, 39), key: 'ascension_day' },
		{ date: addDays(easter, 49), key: 'whit_sunday' },
		{ date: addDays(easter, 50), key: 'whit_monday' },
		// Constitution Day, Christmas Eve and New Year's Eve are not statutory public holidays, but
		// Borgerservice is closed on them, so they must block booking just the same.
		{ date: `${year}-06-05`, key: 'constitution_day' },
		{ date: `${year}-12-24`, key: 'christmas_eve' },
		{ date: `${year}-12-25`, key: 'christmas_day' },
		{ date: `${year}-12-26`, key: 'boxing_day' },
		{ date: `${year}-12-31`, key: 'new_years_eve' }
	);
	// Array.prototype.sort is stable, so on a shared date the church holiday pushed earlier stays first.
	return days.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

const byYear = new Map<number, Map<LocalDate, HolidayKey>>();

/** Which closing day a date is, or null. When two coincide the church holiday is named. */
export function holidayOn(date: LocalDate): HolidayKey | null {
	if (!isLocalDate(date)) throw new RangeError(`Not a local date (YYYY-MM-DD): ${String(date)}`);
	const year = Number(date.slice(0, 4));
	let days = byYear.get(year);
	if (!days) {
		days = new Map();
		for (const { date: d, key } of danishHolidays(year)) if (!days.has(d)) days.set(d, key);
		byYear.set(year, days);
	}
	return days.get(date) ?? null;
}
