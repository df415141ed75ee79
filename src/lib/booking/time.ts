/**
 * Copenhagen wall-clock helpers for appointment booking.
 *
 * Offsets come from the runtime's time-zone database (Intl) rather than a hard-coded EU rule, so
 * historical dates and any future change to daylight saving follow tzdata. Intl is slow (a few
 * microseconds a call) and slot search calls these tens of thousands of times, so the offset of
 * each UTC day is looked up once and cached.
 */

export const TIME_ZONE = 'Europe/Copenhagen';

/** A calendar date in Copenhagen, 'YYYY-MM-DD'. */
export type LocalDate = string;

const SECOND_MS = 1_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

// Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian; H. Hinnant's
// algorithms). Date.UTC would do, but it maps years 0-99 to 1900-1999 and allocates in hot loops.
function epochDay(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146_097 + doe - 719_468;
}

function dateOfEpochDay(z: number): LocalDate {
	const shifted = z + 719_468;
	const era = Math.floor(shifted / 146_097);
	const doe = shifted - era * 146_097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
	return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Hand-rolled instead of a regular expression: instantAt parses a date per candidate slot.
function digit(s: string, i: number): number {
	const c = s.charCodeAt(i) - 48;
	return c >= 0 && c <= 9 ? c : NaN;
}

/** Day number of a valid LocalDate, NaN for anything else. */
function parseLocalDate(s: string): number {
	if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
	const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
	const month = digit(s, 5) * 10 + digit(s, 6);
	const day = digit(s, 8) * 10 + digit(s, 9);
	// NaN fails every comparison, so a non-digit anywhere ends up here too.
	if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return NaN;
	return epochDay(year, month, day);
}

function epochDayOf(date: LocalDate): number {
	const day = typeof date === 'string' ? parseLocalDate(date) : NaN;
	if (Number.isNaN(day)) throw new RangeError(`Not a local date (YYYY-MM-DD): ${String(date)}`);
	return day;
}

function timeOf(instant: Date): number {
	const ms = instant instanceof Date ? instant.getTime() : NaN;
	if (!Number.isFinite(ms)) throw new RangeError('Invalid Date');
	return ms;
}

export function isLocalDate(s: unknown): s is LocalDate {
	return typeof s === 'string' && !Number.isNaN(parseLocalDate(s));
}

let formatter: Intl.DateTimeFormat | undefined;

/** The zone's UTC offset in ms at an instant, straight from Intl (slow; see offsetMs). */
function intlOffsetMs(ms: number): number {
	formatter ??= new Intl.DateTimeFormat('en-US', {
		timeZone: TIME_ZONE,
		// 'h23' rather than hour12: false, which some engines render as '24' at midnight.
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric'
	});
	const whole = Math.floor(ms / SECOND_MS) * SECOND_MS;
	let year = 0;
	let month = 0;
	let day = 0;
	let hour = 0;
	let minute = 0;
	let second = 0;
	for (const part of formatter.formatToParts(whole)) {
		switch (part.type) {
			case 'year':
				year = Number(part.value);
				break;
			case 'month':
				month = Number(part.value);
				break;
			case 'day':
				day = Number(part.value);
				break;
			case 'hour':
				hour = Number(part.value);
				break;
			case 'minute':
				minute = Number(part.value);
				break;
			case 'second':
				second = Number(part.value);
				break;
		}
	}
	return epochDay(year, month, day) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * SECOND_MS - whole;
}

/** The offsets of one UTC day: `before` until `switchAt`, `after` from then on. */
interface DayOffsets {
	before: number;
	switchAt: number;
	after: number;
}

const dayOffsets = new Map<number, DayOffsets>();
// Enough for centuries of days; the bound only stops a long-running server from growing forever.
const MAX_CACHED_DAYS = 50_000;
let lastDay = NaN;
let lastOffsets: DayOffsets = { before: 0, switchAt: 0, after: 0 };

function offsetsOfUtcDay(day: number): DayOffsets {
	const start = day * DAY_MS;
	const before = intlOffsetMs(start);
	const after = intlOffsetMs(start + DAY_MS);
	if (before === after) return { before, switchAt: Infinity, after };
	// Copenhagen changes offset at most once in any UTC day, and only on whole seconds, so a
	// binary search over the day's seconds finds the exact switch in 17 Intl calls.
	let lo = 0;
	let hi = DAY_MS / SECOND_MS;
	while (hi - lo > 1) {
		const mid = (lo + hi) >>> 1;
		if (intlOffsetMs(start + mid * SECOND_MS) === before) lo = mid;
		else hi = mid;
	}
	return { before, switchAt: start + hi * SECOND_MS, after };
}

function offsetMs(ms: number): number {
	const day = Math.floor(ms / DAY_MS);
	if (day !== lastDay) {
		let entry = dayOffsets.get(day);
		if (!entry) {
			if (dayOffsets.size >= MAX_CACHED_DAYS) dayOffsets.clear();
			entry = offsetsOfUtcDay(day);
			dayOffsets.set(day, entry);
		}
		lastDay = day;
		lastOffsets = entry;
	}
	return ms < lastOffsets.switchAt ? lastOffsets.before : lastOffsets.after;
}

/** Minutes east of UTC in Copenhagen at an instant: 60 in winter, 120 in summer. */
export function utcOffsetMinutes(instant: Date): number {
	return offsetMs(timeOf(instant)) / MINUTE_MS;
}

export function localDateOf(instant: Date): LocalDate {
	const ms = timeOf(instant);
	return dateOfEpochDay(Math.floor((ms + offsetMs(ms)) / DAY_MS));
}

/** Local wall-clock minutes since local midnight (seconds dropped). */
export function minutesOfDay(instant: Date): number {
	const ms = timeOf(instant);
	const local = ms + offsetMs(ms);
	return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / MINUTE_MS);
}

/** 'HH:MM', 24-hour. */
export function localTimeOf(instant: Date): string {
	return formatMinutes(minutesOfDay(instant));
}

/** 'HH:MM' (00:00-23:59, two digits each) -> minutes since midnight, null when invalid. */
export function parseTime(hhmm: string): number | null {
	if (typeof hhmm !== 'string' || hhmm.length !== 5 || hhmm.charCodeAt(2) !== 58) return null;
	const hours = digit(hhmm, 0) * 10 + digit(hhmm, 1);
	const minutes = digit(hhmm, 3) * 10 + digit(hhmm, 4);
	if (!(hours <= 23 && minutes <= 59)) return null;
	return hours * 60 + minutes;
}

/** 510 -> '08:30'. 1440 gives '24:00' so that a closing time at midnight can be shown. */
export function formatMinutes(minutes: number): string {
	if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) throw new RangeError(`Not minutes of a day: ${minutes}`);
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}

/**
 * Wall-clock time on a local date -> UTC instant. null when that wall time does not exist
 * (the spring-forward gap, e.g. 2026-03-29 02:30). On the autumn fall-back hour (2026-10-25 02:30
 * happens twice) this is the FIRST (earlier, summer-time) instant. Minutes outside 0-1439 roll
 * over into the neighbouring days, so (date, 1440) is the next midnight.
 */
export function instantAt(date: LocalDate, minutes: number): Date | null {
	if (!Number.isFinite(minutes)) throw new RangeError(`Not minutes: ${minutes}`);
	const wall = epochDayOf(date) * DAY_MS + minutes * MINUTE_MS;
	// The true instant lies within a couple of hours of `wall`, and the zone never changes offset
	// twice within two days, so the only offsets that can apply are those in force a day either side.
	const a = offsetMs(wall - DAY_MS);
	const b = offsetMs(wall + DAY_MS);
	// The larger offset gives the earlier instant; trying it first picks summer time in the repeated hour.
	const first = Math.max(a, b);
	if (offsetMs(wall - first) === first) return new Date(wall - first);
	const second = Math.min(a, b);
	if (second !== first && offsetMs(wall - second) === second) return new Date(wall - second);
	return null;
}

export function addDays(date: LocalDate, days: number): LocalDate {
	if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
	return dateOfEpochDay(epochDayOf(date) + days);
}

/** 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
	// Day 0, 1970-01-01, was a Thursday.
	const z = epochDayOf(date) + 3;
	return z - Math.floor(z / 7) * 7 + 1;
}

/** b - a in calendar days. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
	return epochDayOf(b) - epochDayOf(a);
}
