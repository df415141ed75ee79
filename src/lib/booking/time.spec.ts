import { describe, expect, it } from 'vitest';
import {
	addDays,
	daysBetween,
	formatMinutes,
	instantAt,
	isLocalDate,
	isoWeekday,
	localDateOf,
	localTimeOf,
	minutesOfDay,
	parseTime,
	TIME_ZONE,
	utcOffsetMinutes
} from './time';

const HOUR = 3_600_000;
const MINUTE = 60_000;

// An independent reading of the zone, to check the cached arithmetic against.
const reference = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/Copenhagen',
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit'
});
function wallOf(ms: number): string {
	const p = Object.fromEntries(reference.formatToParts(ms).map((x) => [x.type, x.value]));
	return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('TIME_ZONE', () => {
	it('is Copenhagen', () => {
		expect(TIME_ZONE).toBe('Europe/Copenhagen');
	});
});

describe('isLocalDate', () => {
	it('accepts real calendar dates', () => {
		for (const d of ['2026-01-01', '2026-12-31', '2024-02-29', '2000-02-29', '1999-04-30', '0001-01-01', '9999-12-31']) {
			expect(isLocalDate(d), d).toBe(true);
		}
	});
	it('rejects impossible dates', () => {
		for (const d of ['2026-02-30', '2025-02-29', '1900-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32']) {
			expect(isLocalDate(d), d).toBe(false);
		}
	});
	it('rejects anything not exactly YYYY-MM-DD', () => {
		const bad: unknown[] = [
			'',
			'2026-1-01',
			'2026-01-1',
			'26-01-01',
			' 2026-01-01',
			'2026-01-01 ',
			'2026-01-01T00:00',
			'2026/01/01',
			'20260101',
			'+2026-01-01',
			'2026-0a-01',
			'２０２６-01-01',
			'abcd-ef-gh',
			20260101,
			null,
			undefined,
			new Date('2026-01-01'),
			['2026-01-01']
		];
		for (const d of bad) expect(isLocalDate(d), String(d)).toBe(false);
	});
});

describe('reading an instant in Copenhagen', () => {
	it('uses +01 in winter and +02 in summer, across midnight', () => {
		const winter = new Date('2026-01-15T23:30:00Z');
		expect(localDateOf(winter)).toBe('2026-01-16');
		expect(minutesOfDay(winter)).toBe(30);
		expect(localTimeOf(winter)).toBe('00:30');
		const summer = new Date('2026-07-15T22:30:00Z');
		expect(localDateOf(summer)).toBe('2026-07-16');
		expect(localTimeOf(summer)).toBe('00:30');
		const lastMs = new Date('2026-07-15T21:59:59.999Z');
		expect(localDateOf(lastMs)).toBe('2026-07-15');
		expect(minutesOfDay(lastMs)).toBe(1439);
		expect(localTimeOf(lastMs)).toBe('23:59');
	});
	it('jumps from 01:59 to 03:00 on the spring-forward night (01:00 UTC)', () => {
		expect(localTimeOf(new Date('2026-03-29T00:59:59Z'))).toBe('01:59');
		expect(localTimeOf(new Date('2026-03-29T01:00:00Z'))).toBe('03:00');
		expect(utcOffsetMinutes(new Date('2026-03-29T00:59:59.999Z'))).toBe(60);
		expect(utcOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(120);
	});
	it('repeats 02:00-02:59 on the fall-back night (01:00 UTC)', () => {
		expect(localTimeOf(new Date('2026-10-25T00:30:00Z'))).toBe('02:30');
		expect(localTimeOf(new Date('2026-10-25T01:30:00Z'))).toBe('02:30');
		expect(localTimeOf(new Date('2026-10-25T00:59:00Z'))).toBe('02:59');
		expect(localTimeOf(new Date('2026-10-25T01:00:00Z'))).toBe('02:00');
		expect(utcOffsetMinutes(new Date('2026-10-25T00:59:59.999Z'))).toBe(120);
		expect(utcOffsetMinutes(new Date('2026-10-25T01:00:00Z'))).toBe(60);
		expect(localDateOf(new Date('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
		expect(localDateOf(new Date('2026-10-24T21:59:59Z'))).toBe('2026-10-24');
	});
	it('agrees with Intl for instants spread over 1900-2100, historical rules included', () => {
		// A fixed linear congruential sequence: reproducible, but not aligned to hours or days.
		let seed = 12345;
		const from = Date.UTC(1900, 0, 1);
		const span = Date.UTC(2100, 0, 1) - from;
		for (let i = 0; i < 3000; i++) {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			const ms = from + Math.floor((seed / 2147483648) * span);
			const at = new Date(ms);
			expect(`${localDateOf(at)} ${localTimeOf(at)}`, at.toISOString()).toBe(wallOf(ms));
		}
	});
	it('agrees with Intl on either side of every offset change 1940-2040', () => {
		for (let ms = Date.UTC(1940, 0, 1); ms < Date.UTC(2040, 0, 1); ms += HOUR) {
			// Only look closely where the offset differs an hour apart.
			if (utcOffsetMinutes(new Date(ms)) === utcOffsetMinutes(new Date(ms + HOUR))) continue;
			for (let t = ms; t <= ms + HOUR; t += MINUTE) {
				const at = new Date(t);
				expect(`${localDateOf(at)} ${localTimeOf(at)}`, at.toISOString()).toBe(wallOf(t));
			}
		}
	});
	it('follows the EU rule from 1996: summer time from the last Sunday of March to the last Sunday of October, 01:00 UTC', () => {
		const lastSunday = (date: string) => addDays(date, -(isoWeekday(date) % 7));
		for (let year = 1996; year <= 2040; year++) {
			const start = Date.parse(`${lastSunday(`${year}-03-31`)}T01:00:00Z`);
			const end = Date.parse(`${lastSunday(`${year}-10-31`)}T01:00:00Z`);
			expect(utcOffsetMinutes(new Date(Date.UTC(year, 0, 15))), `${year}`).toBe(60);
			expect(utcOffsetMinutes(new Date(start - 1)), `${year}`).toBe(60);
			expect(utcOffsetMinutes(new Date(start)), `${year}`).toBe(120);
			expect(utcOffsetMinutes(new Date(Date.UTC(year, 6, 15))), `${year}`).toBe(120);
			expect(utcOffsetMinutes(new Date(end - 1)), `${year}`).toBe(120);
			expect(utcOffsetMinutes(new Date(end)), `${year}`).toBe(60);
		}
	});
	it('refuses an invalid Date', () => {
		expect(() => localDateOf(new Date(NaN))).toThrow(RangeError);
		expect(() => minutesOfDay(new Date('nope'))).toThrow(RangeError);
		expect(() => utcOffsetMinutes(new Date(NaN))).toThrow(RangeError);
	});
});

describe('parseTime and formatMinutes', () => {
	it('parse HH:MM', () => {
		expect(parseTime('08:30')).toBe(510);
		expect(parseTime('00:00')).toBe(0);
		expect(parseTime('12:00')).toBe(720);
		expect(parseTime('23:59')).toBe(1439);
	});
	it('reject anything else', () => {
		for (const s of ['24:00', '8:30', '08:5', '08:60', '0830', '08-30', '08.30', '', ' 08:30', '08:30 ', '08:30:00', 'ab:cd', '-1:00', '+8:30', '０8:30']) {
			expect(parseTime(s), s).toBeNull();
		}
		expect(parseTime(510 as unknown as string)).toBeNull();
	});
	it('format minutes, with 24:00 for a closing time at midnight', () => {
		expect(formatMinutes(510)).toBe('08:30');
		expect(formatMinutes(0)).toBe('00:00');
		expect(formatMinutes(1439)).toBe('23:59');
		expect(formatMinutes(1440)).toBe('24:00');
		for (const bad of [-1, 1441, 1.5, NaN, Infinity]) expect(() => formatMinutes(bad), String(bad)).toThrow(RangeError);
	});
	it('round-trip every minute of the day', () => {
		for (let m = 0; m < 1440; m++) expect(parseTime(formatMinutes(m))).toBe(m);
	});
});

describe('instantAt', () => {
	it('turns wall-clock time into the right instant in winter and summer', () => {
		expect(iso(instantAt('2026-01-15', 510))).toBe('2026-01-15T07:30:00.000Z');
		expect(iso(instantAt('2026-07-15', 510))).toBe('2026-07-15T06:30:00.000Z');
		expect(iso(instantAt('2026-01-01', 0))).toBe('2025-12-31T23:00:00.000Z');
	});
	it('returns null inside the spring-forward gap', () => {
		expect(iso(instantAt('2026-03-29', 119))).toBe('2026-03-29T00:59:00.000Z');
		expect(instantAt('2026-03-29', 120)).toBeNull();
		expect(instantAt('2026-03-29', 150)).toBeNull();
		expect(instantAt('2026-03-29', 179)).toBeNull();
		expect(iso(instantAt('2026-03-29', 180))).toBe('2026-03-29T01:00:00.000Z');
	});
	it('returns the first, summer-time instant in the repeated autumn hour', () => {
		expect(iso(instantAt('2026-10-25', 119))).toBe('2026-10-24T23:59:00.000Z');
		expect(iso(instantAt('2026-10-25', 120))).toBe('2026-10-25T00:00:00.000Z');
		expect(iso(instantAt('2026-10-25', 150))).toBe('2026-10-25T00:30:00.000Z');
		expect(iso(instantAt('2026-10-25', 179))).toBe('2026-10-25T00:59:00.000Z');
		expect(iso(instantAt('2026-10-25', 180))).toBe('2026-10-25T02:00:00.000Z');
	});
	it('rolls minutes outside the day over into the neighbouring days', () => {
		expect(iso(instantAt('2026-12-31', 1440))).toBe('2026-12-31T23:00:00.000Z');
		expect(iso(instantAt('2026-01-01', -60))).toBe('2025-12-31T22:00:00.000Z');
		expect(iso(instantAt('2026-03-28', 1440 + 150))).toBeNull();
	});
	it('refuses a bad date or minutes', () => {
		expect(() => instantAt('2026-02-30', 0)).toThrow(RangeError);
		expect(() => instantAt('tomorrow', 0)).toThrow(RangeError);
		expect(() => instantAt('2026-01-01', NaN)).toThrow(RangeError);
	});
	it('round-trips every quarter hour through localDateOf and minutesOfDay', () => {
		for (const date of ['2026-01-15', '2026-03-28', '2026-03-29', '2026-03-30', '2026-07-15', '2026-10-24', '2026-10-25', '2026-10-26']) {
			for (let m = 0; m < 1440; m += 15) {
				const at = instantAt(date, m);
				if (at === null) continue;
				expect(localDateOf(at), `${date} ${m}`).toBe(date);
				expect(minutesOfDay(at), `${date} ${m}`).toBe(m);
			}
		}
	});
	it('agrees with Intl for every day of 2025-2027 at 00:00, 02:30 and 12:00', () => {
		const missing: string[] = [];
		for (let date = '2025-01-01'; date <= '2027-12-31'; date = addDays(date, 1)) {
			for (const m of [0, 150, 720]) {
				const wall = `${date} ${formatMinutes(m)}`;
				const at = instantAt(date, m);
				const wallMs = Date.parse(`${date}T${formatMinutes(m)}:00Z`);
				if (at === null) {
					missing.push(wall);
					// No instant within 14 hours either way shows this wall time.
					for (let t = wallMs - 14 * HOUR; t <= wallMs + 14 * HOUR; t += 15 * MINUTE) expect(wallOf(t), wall).not.toBe(wall);
					continue;
				}
				expect(wallOf(at.getTime()), wall).toBe(wall);
				// And no earlier instant does: this is the first occurrence.
				for (let k = 1; k <= 8; k++) expect(wallOf(at.getTime() - k * 15 * MINUTE), wall).not.toBe(wall);
			}
		}
		expect(missing).toEqual(['2025-03-30 02:30', '2026-03-29 02:30', '2027-03-28 02:30']);
	});
});

describe('calendar arithmetic', () => {
	it('adds days across months, years and leap days', () => {
		expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
		expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
		expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
		expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
		expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
		expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
		expect(addDays('2026-05-12', 0)).toBe('2026-05-12');
		expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
		expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
		expect(addDays('1970-01-01', -1)).toBe('1969-12-31');
	});
	it('matches Date.UTC over several thousand days', () => {
		const base = Date.UTC(2026, 2, 1);
		for (let n = -3000; n <= 3000; n += 7) {
			expect(addDays('2026-03-01', n)).toBe(new Date(base + n * 86_400_000).toISOString().slice(0, 10));
		}
	});
	it('refuses a bad date or a fraction of a day', () => {
		expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
		expect(() => addDays('2026-02-01', 0.5)).toThrow(RangeError);
	});
	it('gives ISO weekdays, Monday 1 to Sunday 7', () => {
		expect(isoWeekday('2026-01-05')).toBe(1);
		expect(isoWeekday('2026-01-08')).toBe(4);
		expect(isoWeekday('2026-01-11')).toBe(7);
		expect(isoWeekday('1970-01-01')).toBe(4);
		expect(isoWeekday('1969-12-31')).toBe(3);
		expect(isoWeekday('2024-02-29')).toBe(4);
		expect(isoWeekday('2026-03-29')).toBe(7);
		const base = Date.UTC(2026, 0, 1);
		for (let n = -800; n <= 800; n++) {
			const d = new Date(base + n * 86_400_000);
			expect(isoWeekday(d.toISOString().slice(0, 10))).toBe(d.getUTCDay() || 7);
		}
	});
	it('counts calendar days between dates, not 24-hour periods', () => {
		expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
		expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
		expect(daysBetween('2027-01-01', '2026-01-01')).toBe(-365);
		expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
		expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
		expect(daysBetween('2026-05-12', '2026-05-12')).toBe(0);
		expect(() => daysBetween('2026-05-12', '12-05-2026')).toThrow(RangeError);
	});
});
