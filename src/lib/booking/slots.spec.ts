import { describe, expect, it } from 'vitest';
import { freeSlots, nearestSlots, slotAt, type Busy, type CounterSchedule, type OpeningRange, type SlotDay, type SlotQuery } from './slots';
import { isoWeekday, localTimeOf } from './time';

const MINUTE = 60_000;

/** Monday-Friday, with Thursday's own hours (the long day). */
function weekdays(opens: number, closes: number, thursday: [number, number] = [opens, closes]): OpeningRange[] {
	return [1, 2, 3, 4, 5].map((weekday) => (weekday === 4 ? { weekday, opens: thursday[0], closes: thursday[1] } : { weekday, opens, closes }));
}

// Mon-Fri 09:00-15:00, Thursday 09:00-17:30.
const A: CounterSchedule = { id: 'A', hours: weekdays(540, 900, [540, 1050]) };

function query(over: Partial<SlotQuery> = {}): SlotQuery {
	return {
		counters: [A],
		closures: [],
		busy: [],
		stepMinutes: 15,
		lengthMinutes: 15,
		// Monday 5 January 2026, 07:00 local.
		now: new Date('2026-01-05T06:00:00Z'),
		minNoticeMinutes: 0,
		horizonDays: 60,
		heldBackPerDay: 0,
		...over
	};
}

const busy = (counterId: string, start: string, end: string): Busy => ({ counterId, start: new Date(start), end: new Date(end) });
const dates = (days: SlotDay[]) => days.map((d) => d.date);
const slotsOn = (days: SlotDay[], date: string) => days.find((d) => d.date === date)?.slots ?? [];
const startsOn = (days: SlotDay[], date: string) => slotsOn(days, date).map((s) => s.start.toISOString());
const localStartsOn = (days: SlotDay[], date: string) => slotsOn(days, date).map((s) => localTimeOf(s.start));
const minutesLong = (days: SlotDay[], date: string) => slotsOn(days, date).map((s) => (s.end.getTime() - s.start.getTime()) / MINUTE);

/** Every quarter hour from `first` to `last` local time inclusive, as 'HH:MM'. */
function quarters(first: string, last: string): string[] {
	const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
	const out: string[] = [];
	for (let m = toMin(first); m <= toMin(last); m += 15) out.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
	return out;
}

describe('an ordinary weekday', () => {
	it('runs from 09:00 (08:00Z in winter) to the last start at 14:45', () => {
		const days = freeSlots(query({ from: '2026-01-12', to: '2026-01-12' }));
		expect(isoWeekday('2026-01-12')).toBe(1);
		expect(dates(days)).toEqual(['2026-01-12']);
		const slots = slotsOn(days, '2026-01-12');
		expect(slots).toHaveLength(24);
		expect(slots[0]).toEqual({ start: new Date('2026-01-12T08:00:00.000Z'), end: new Date('2026-01-12T08:15:00.000Z'), counterIds: ['A'] });
		expect(slots[23].start.toISOString()).toBe('2026-01-12T13:45:00.000Z');
		expect(slots[23].end.toISOString()).toBe('2026-01-12T14:00:00.000Z');
		expect(localStartsOn(days, '2026-01-12')).toEqual(quarters('09:00', '14:45'));
	});
	it('starts at 07:00Z in summer', () => {
		const days = freeSlots(query({ now: new Date('2026-06-10T06:00:00Z'), from: '2026-06-15', to: '2026-06-15' }));
		expect(isoWeekday('2026-06-15')).toBe(1);
		const starts = startsOn(days, '2026-06-15');
		expect(starts[0]).toBe('2026-06-15T07:00:00.000Z');
		expect(starts.at(-1)).toBe('2026-06-15T12:45:00.000Z');
		expect(starts).toHaveLength(24);
	});
	it('with 30 minutes needed, the last start is 14:30', () => {
		const days = freeSlots(query({ lengthMinutes: 30, from: '2026-01-12', to: '2026-01-12' }));
		const slots = slotsOn(days, '2026-01-12');
		expect(slots).toHaveLength(23);
		expect(slots.at(-1)?.start.toISOString()).toBe('2026-01-12T13:30:00.000Z');
		expect(slots.at(-1)?.end.toISOString()).toBe('2026-01-12T14:00:00.000Z');
		// Starts stay on the 15-minute grid.
		expect(slots[1].start.toISOString()).toBe('2026-01-12T08:15:00.000Z');
	});
	it('runs to 17:15 on the long Thursday, and skips the weekend', () => {
		const days = freeSlots(query({ from: '2026-01-15', to: '2026-01-19' }));
		expect(dates(days)).toEqual(['2026-01-15', '2026-01-16', '2026-01-19']);
		expect(localStartsOn(days, '2026-01-15')).toEqual(quarters('09:00', '17:15'));
		expect(startsOn(days, '2026-01-15').at(-1)).toBe('2026-01-15T16:15:00.000Z');
	});
	it('offers nothing in a lunch break', () => {
		const lunch: CounterSchedule = {
			id: 'L',
			hours: [
				{ weekday: 1, opens: 720 + 30, closes: 900 },
				{ weekday: 1, opens: 540, closes: 720 }
			]
		};
		const days = freeSlots(query({ counters: [lunch], from: '2026-01-12', to: '2026-01-12' }));
		expect(localStartsOn(days, '2026-01-12')).toEqual([...quarters('09:00', '11:45'), ...quarters('12:30', '14:45')]);
		const long = freeSlots(query({ counters: [lunch], lengthMinutes: 30, from: '2026-01-12', to: '2026-01-12' }));
		expect(localStartsOn(long, '2026-01-12')).toEqual([...quarters('09:00', '11:30'), ...quarters('12:30', '14:30')]);
	});
});

describe('daylight saving', () => {
	// Sundays 00:00-05:00 through both change-overs, plus the ordinary week.
	const night: CounterSchedule = { id: 'N', hours: [...weekdays(540, 900), { weekday: 7, opens: 0, closes: 300 }] };
	const nightQuery = (over: Partial<SlotQuery>) => query({ counters: [night], stepMinutes: 30, lengthMinutes: 30, ...over });

	describe('spring forward, Sunday 29 March 2026 (02:00 -> 03:00)', () => {
		const now = new Date('2026-03-20T12:00:00Z');

		it('offers no wall time in the gap, and each slot lasts 30 real minutes', () => {
			const days = freeSlots(nightQuery({ now, from: '2026-03-29', to: '2026-03-29' }));
			expect(startsOn(days, '2026-03-29')).toEqual([
				'2026-03-28T23:00:00.000Z',
				'2026-03-28T23:30:00.000Z',
				'2026-03-29T00:00:00.000Z',
				'2026-03-29T00:30:00.000Z',
				'2026-03-29T01:00:00.000Z',
				'2026-03-29T01:30:00.000Z',
				'2026-03-29T02:00:00.000Z',
				'2026-03-29T02:30:00.000Z'
			]);
			expect(localStartsOn(days, '2026-03-29')).toEqual(['00:00', '00:30', '01:00', '01:30', '03:00', '03:30', '04:00', '04:30']);
			expect(minutesLong(days, '2026-03-29')).toEqual(Array(8).fill(30));
			// 01:30 runs to 03:00 wall time: half an hour, not an hour and a half.
			const beforeGap = slotsOn(days, '2026-03-29')[3];
			expect(localTimeOf(beforeGap.end)).toBe('03:00');
		});
		it('gives an extra-time slot across the gap its true hour', () => {
			const days = freeSlots(nightQuery({ now, lengthMinutes: 60, from: '2026-03-29', to: '2026-03-29' }));
			expect(startsOn(days, '2026-03-29')).toEqual([
				'2026-03-28T23:00:00.000Z',
				'2026-03-28T23:30:00.000Z',
				'2026-03-29T00:00:00.000Z',
				'2026-03-29T00:30:00.000Z',
				'2026-03-29T01:00:00.000Z',
				'2026-03-29T01:30:00.000Z',
				'2026-03-29T02:00:00.000Z'
			]);
			expect(minutesLong(days, '2026-03-29')).toEqual(Array(7).fill(60));
			const acrossGap = slotsOn(days, '2026-03-29')[3];
			expect([localTimeOf(acrossGap.start), localTimeOf(acrossGap.end)]).toEqual(['01:30', '03:30']);
		});
		it('does not offer a slot that the gap pushes past closing', () => {
			// Open 01:00-03:00: an hour from 01:30 would end at 03:30 wall time.
			const short: CounterSchedule = { id: 'S', hours: [{ weekday: 7, opens: 60, closes: 180 }] };
			const hour = freeSlots(query({ counters: [short], now, stepMinutes: 30, lengthMinutes: 60, from: '2026-03-29', to: '2026-03-29' }));
			expect(slotsOn(hour, '2026-03-29').map((s) => [s.start.toISOString(), s.end.toISOString()])).toEqual([['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z']]);
			const half = freeSlots(query({ counters: [short], now, stepMinutes: 30, lengthMinutes: 30, from: '2026-03-29', to: '2026-03-29' }));
			expect(startsOn(half, '2026-03-29')).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T00:30:00.000Z']);
		});
		it('is +01 on the Friday before and +02 on the Monday after', () => {
			const days = freeSlots(nightQuery({ now, from: '2026-03-27', to: '2026-03-30' }));
			expect(dates(days)).toEqual(['2026-03-27', '2026-03-29', '2026-03-30']);
			expect(startsOn(days, '2026-03-27')[0]).toBe('2026-03-27T08:00:00.000Z');
			expect(startsOn(days, '2026-03-27').at(-1)).toBe('2026-03-27T13:30:00.000Z');
			expect(startsOn(days, '2026-03-30')[0]).toBe('2026-03-30T07:00:00.000Z');
			expect(startsOn(days, '2026-03-30').at(-1)).toBe('2026-03-30T12:30:00.000Z');
		});
	});

	describe('fall back, Sunday 25 October 2026 (03:00 -> 02:00)', () => {
		const now = new Date('2026-10-16T12:00:00Z');

		it('offers each wall time once, the repeated hour at its first (summer-time) instant', () => {
			const days = freeSlots(nightQuery({ now, from: '2026-10-25', to: '2026-10-25' }));
			expect(startsOn(days, '2026-10-25')).toEqual([
				'2026-10-24T22:00:00.000Z',
				'2026-10-24T22:30:00.000Z',
				'2026-10-24T23:00:00.000Z',
				'2026-10-24T23:30:00.000Z',
				'2026-10-25T00:00:00.000Z',
				'2026-10-25T00:30:00.000Z',
				'2026-10-25T02:00:00.000Z',
				'2026-10-25T02:30:00.000Z',
				'2026-10-25T03:00:00.000Z',
				'2026-10-25T03:30:00.000Z'
			]);
			expect(localStartsOn(days, '2026-10-25')).toEqual(['00:00', '00:30', '01:00', '01:30', '02:00', '02:30', '03:00', '03:30', '04:00', '04:30']);
			expect(minutesLong(days, '2026-10-25')).toEqual(Array(10).fill(30));
		});
		it('gives an hour-long slot across the change its true hour, judged against busy time in real time', () => {
			// Busy during the second 02:00-03:00 (winter time).
			const days = freeSlots(nightQuery({ now, lengthMinutes: 60, from: '2026-10-25', to: '2026-10-25', busy: [busy('N', '2026-10-25T01:00:00Z', '2026-10-25T02:00:00Z')] }));
			expect(startsOn(days, '2026-10-25')).toEqual([
				'2026-10-24T22:00:00.000Z',
				'2026-10-24T22:30:00.000Z',
				'2026-10-24T23:00:00.000Z',
				'2026-10-24T23:30:00.000Z',
				// The first 02:00 ends exactly when the busy hour starts; the first 02:30 would run into it.
				'2026-10-25T00:00:00.000Z',
				'2026-10-25T02:00:00.000Z',
				'2026-10-25T02:30:00.000Z',
				'2026-10-25T03:00:00.000Z'
			]);
			expect(minutesLong(days, '2026-10-25')).toEqual(Array(8).fill(60));
		});
		it('is +02 on the Friday before and +01 on the Monday after', () => {
			const days = freeSlots(nightQuery({ now, from: '2026-10-23', to: '2026-10-26' }));
			expect(dates(days)).toEqual(['2026-10-23', '2026-10-25', '2026-10-26']);
			expect(startsOn(days, '2026-10-23')[0]).toBe('2026-10-23T07:00:00.000Z');
			expect(startsOn(days, '2026-10-23').at(-1)).toBe('2026-10-23T12:30:00.000Z');
			expect(startsOn(days, '2026-10-26')[0]).toBe('2026-10-26T08:00:00.000Z');
			expect(startsOn(days, '2026-10-26').at(-1)).toBe('2026-10-26T13:30:00.000Z');
		});
	});
});

describe('notice and the past', () => {
	it('with 2 hours notice at 10:00, same-day times start at 12:00', () => {
		// Monday 12 January, 10:00 local.
		const days = freeSlots(query({ now: new Date('2026-01-12T09:00:00Z'), minNoticeMinutes: 120 }));
		expect(days[0].date).toBe('2026-01-12');
		expect(startsOn(days, '2026-01-12')[0]).toBe('2026-01-12T11:00:00.000Z');
		expect(localStartsOn(days, '2026-01-12')).toEqual(quarters('12:00', '14:45'));
		// Tomorrow is untouched.
		expect(startsOn(days, '2026-01-13')).toHaveLength(24);
	});
	it('with 2 hours notice at 13:30, the long Thursday starts at 15:30', () => {
		const days = freeSlots(query({ now: new Date('2026-01-15T12:30:00Z'), minNoticeMinutes: 120 }));
		expect(startsOn(days, '2026-01-15')[0]).toBe('2026-01-15T14:30:00.000Z');
		expect(localStartsOn(days, '2026-01-15')).toEqual(quarters('15:30', '17:15'));
	});
	it('with 2 hours notice at 13:30, a day closing at 15:00 has nothing left', () => {
		// Wednesday 14 January, 13:30 local.
		const days = freeSlots(query({ now: new Date('2026-01-14T12:30:00Z'), minNoticeMinutes: 120 }));
		expect(days[0].date).toBe('2026-01-15');
		expect(startsOn(days, '2026-01-15')).toHaveLength(34);
	});
	it('never offers a start in the past, but does offer one starting right now', () => {
		const at1007 = freeSlots(query({ now: new Date('2026-01-12T09:07:00Z'), from: '2026-01-12', to: '2026-01-12' }));
		expect(localStartsOn(at1007, '2026-01-12')[0]).toBe('10:15');
		const at1015 = freeSlots(query({ now: new Date('2026-01-12T09:15:00Z'), from: '2026-01-12', to: '2026-01-12' }));
		expect(startsOn(at1015, '2026-01-12')[0]).toBe('2026-01-12T09:15:00.000Z');
		const negative = freeSlots(query({ now: new Date('2026-01-12T09:07:00Z'), minNoticeMinutes: -60, from: '2026-01-12', to: '2026-01-12' }));
		expect(localStartsOn(negative, '2026-01-12')[0]).toBe('10:15');
	});
	it('with notice reaching past closing, today drops out', () => {
		const days = freeSlots(query({ now: new Date('2026-01-12T13:00:00Z'), minNoticeMinutes: 0, from: '2026-01-12', to: '2026-01-13' }));
		expect(localStartsOn(days, '2026-01-12')).toEqual(['14:00', '14:15', '14:30', '14:45']);
		const later = freeSlots(query({ now: new Date('2026-01-12T13:00:00Z'), minNoticeMinutes: 60, from: '2026-01-12', to: '2026-01-13' }));
		expect(dates(later)).toEqual(['2026-01-13']);
	});
});

describe('closed days', () => {
	const B: CounterSchedule = { id: 'B', hours: weekdays(540, 900) };

	it('skips a counter closure, inclusive at both ends', () => {
		const days = freeSlots(query({ closures: [{ counterId: 'A', from: '2026-01-13', to: '2026-01-14' }], from: '2026-01-12', to: '2026-01-16' }));
		expect(dates(days)).toEqual(['2026-01-12', '2026-01-15', '2026-01-16']);
	});
	it('a closure of one counter leaves the others', () => {
		const days = freeSlots(query({ counters: [A, B], closures: [{ counterId: 'A', from: '2026-01-13', to: '2026-01-13' }], from: '2026-01-13', to: '2026-01-13' }));
		expect(slotsOn(days, '2026-01-13').every((s) => s.counterIds.join() === 'B')).toBe(true);
		expect(slotsOn(days, '2026-01-13')).toHaveLength(24);
	});
	it('a closure of every counter closes the day', () => {
		const days = freeSlots(query({ counters: [A, B], closures: [{ counterId: null, from: '2026-01-13', to: '2026-01-13' }], from: '2026-01-12', to: '2026-01-14' }));
		expect(dates(days)).toEqual(['2026-01-12', '2026-01-14']);
	});
	it('a closure of another counter changes nothing', () => {
		const days = freeSlots(query({ closures: [{ counterId: 'Z', from: '2026-01-12', to: '2026-01-16' }], from: '2026-01-12', to: '2026-01-16' }));
		expect(dates(days)).toEqual(['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16']);
	});
	it('skips Easter: Maundy Thursday 2 April to Easter Monday 6 April 2026', () => {
		const days = freeSlots(query({ now: new Date('2026-03-20T12:00:00Z'), from: '2026-03-30', to: '2026-04-07' }));
		expect(dates(days)).toEqual(['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-07']);
	});
	it('skips Christmas Eve (a Thursday in 2026) and Christmas', () => {
		const days = freeSlots(query({ now: new Date('2026-12-01T12:00:00Z'), from: '2026-12-21', to: '2026-12-31' }));
		expect(dates(days)).toEqual(['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-28', '2026-12-29', '2026-12-30']);
	});
});

describe('busy time', () => {
	const monday = { from: '2026-01-12', to: '2026-01-13' };

	it('a fully booked day is left out', () => {
		// 09:00-15:00 local as one block.
		const days = freeSlots(query({ ...monday, busy: [busy('A', '2026-01-12T08:00:00Z', '2026-01-12T14:00:00Z')] }));
		expect(dates(days)).toEqual(['2026-01-13']);
	});
	it('so is a day booked back to back, whatever order the bookings come in', () => {
		const appointments: Busy[] = [];
		for (let i = 0; i < 24; i++) {
			const start = Date.parse('2026-01-12T08:00:00Z') + i * 15 * MINUTE;
			appointments.push({ counterId: 'A', start: new Date(start), end: new Date(start + 15 * MINUTE) });
		}
		// A fixed shuffle: odd positions first, then even, reversed.
		const shuffled = [...appointments.filter((_, i) => i % 2 === 1), ...appointments.filter((_, i) => i % 2 === 0).reverse()];
		expect(dates(freeSlots(query({ ...monday, busy: shuffled })))).toEqual(['2026-01-13']);
		// One cancellation frees exactly that time.
		const withGap = shuffled.filter((b) => b.start.toISOString() !== '2026-01-12T11:30:00.000Z');
		expect(startsOn(freeSlots(query({ ...monday, busy: withGap })), '2026-01-12')).toEqual(['2026-01-12T11:30:00.000Z']);
	});
	it('a partly booked day keeps the rest', () => {
		// Busy 10:00-11:00 local.
		const b = [busy('A', '2026-01-12T09:00:00Z', '2026-01-12T10:00:00Z')];
		const days = freeSlots(query({ ...monday, busy: b }));
		expect(localStartsOn(days, '2026-01-12')).toEqual([...quarters('09:00', '09:45'), ...quarters('11:00', '14:45')]);
		const long = freeSlots(query({ ...monday, busy: b, lengthMinutes: 30 }));
		// 09:30-10:00 just fits before; 09:45-10:15 does not.
		expect(localStartsOn(long, '2026-01-12')).toEqual([...quarters('09:00', '09:30'), ...quarters('11:00', '14:30')]);
	});
	it('a 20-minute booking at 10:00 also blocks 10:15', () => {
		const days = freeSlots(query({ ...monday, busy: [busy('A', '2026-01-12T09:00:00Z', '2026-01-12T09:20:00Z')] }));
		const local = localStartsOn(days, '2026-01-12');
		expect(local).not.toContain('10:00');
		expect(local).not.toContain('10:15');
		expect(local).toContain('09:45');
		expect(local).toContain('10:30');
		expect(local).toHaveLength(22);
	});
	it('overlapping bookings of different lengths block their union', () => {
		const days = freeSlots(
			query({
				...monday,
				busy: [
					// 10:00-10:20 and 10:10-10:50 overlap: 10:00-10:50.
					busy('A', '2026-01-12T09:10:00Z', '2026-01-12T09:50:00Z'),
					busy('A', '2026-01-12T09:00:00Z', '2026-01-12T09:20:00Z'),
					// 12:00-14:00 with 12:30-12:45 inside it, listed first.
					busy('A', '2026-01-12T11:30:00Z', '2026-01-12T11:45:00Z'),
					busy('A', '2026-01-12T11:00:00Z', '2026-01-12T13:00:00Z')
				]
			})
		);
		expect(localStartsOn(days, '2026-01-12')).toEqual([...quarters('09:00', '09:45'), ...quarters('11:00', '11:45'), '14:00', '14:15', '14:30', '14:45']);
	});
	it('is half-open: a booking 10:00-10:15 leaves 09:45 and 10:15 free', () => {
		const days = freeSlots(query({ ...monday, busy: [busy('A', '2026-01-12T09:00:00Z', '2026-01-12T09:15:00Z')] }));
		const local = localStartsOn(days, '2026-01-12');
		expect(local).toEqual(quarters('09:00', '14:45').filter((t) => t !== '10:00'));
	});
	it('counts blocked time that starts the day before', () => {
		// From Sunday evening to 09:30 Monday.
		const days = freeSlots(query({ ...monday, busy: [busy('A', '2026-01-11T19:00:00Z', '2026-01-12T08:30:00Z')] }));
		expect(localStartsOn(days, '2026-01-12')[0]).toBe('09:30');
	});
	it('is exact to the millisecond, not just the minute', () => {
		// 09:59:59.999-10:00 local touches 09:45-10:00 only; 10:20-10:30:00.001 touches 10:15 and 10:30.
		const days = freeSlots(
			query({
				...monday,
				busy: [busy('A', '2026-01-12T08:59:59.999Z', '2026-01-12T09:00:00Z'), busy('A', '2026-01-12T09:20:00Z', '2026-01-12T09:30:00.001Z')]
			})
		);
		expect(localStartsOn(days, '2026-01-12').slice(0, 6)).toEqual(['09:00', '09:15', '09:30', '10:00', '10:45', '11:00']);
	});
	it('counts blocked time that starts before now and runs on for days', () => {
		// Blocked from 1 January to 09:30 local on Monday 12 January; now is Monday 5 January.
		const days = freeSlots(query({ busy: [busy('A', '2026-01-01T00:00:00Z', '2026-01-12T08:30:00Z')], to: '2026-01-13' }));
		expect(dates(days)).toEqual(['2026-01-12', '2026-01-13']);
		expect(localStartsOn(days, '2026-01-12')[0]).toBe('09:30');
	});
	it('needs the whole of an extra-time slot free', () => {
		// Busy 10:15-10:30 local; 30-minute bookings.
		const days = freeSlots(query({ ...monday, lengthMinutes: 30, busy: [busy('A', '2026-01-12T09:15:00Z', '2026-01-12T09:30:00Z')] }));
		const slots = slotsOn(days, '2026-01-12');
		expect(slots.map((s) => localTimeOf(s.start))).toEqual(quarters('09:00', '14:30').filter((t) => t !== '10:00' && t !== '10:15'));
		expect(slots.find((s) => localTimeOf(s.start) === '09:45')?.end.toISOString()).toBe('2026-01-12T09:15:00.000Z');
		expect(minutesLong(days, '2026-01-12').every((m) => m === 30)).toBe(true);
	});
	it('ignores busy time of other counters, empty intervals and invalid dates', () => {
		const days = freeSlots(
			query({
				...monday,
				busy: [
					busy('Z', '2026-01-12T08:00:00Z', '2026-01-12T14:00:00Z'),
					busy('A', '2026-01-12T09:00:00Z', '2026-01-12T09:00:00Z'),
					busy('A', '2026-01-12T10:00:00Z', '2026-01-12T09:00:00Z'),
					busy('A', 'not a date', '2026-01-12T14:00:00Z')
				]
			})
		);
		expect(startsOn(days, '2026-01-12')).toHaveLength(24);
	});
});

describe('the booking window', () => {
	it('includes the horizon day', () => {
		// Monday 09:00 local, four days ahead: through Friday.
		const days = freeSlots(query({ now: new Date('2026-01-12T08:00:00Z'), horizonDays: 4 }));
		expect(dates(days)).toEqual(['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16']);
		expect(dates(freeSlots(query({ now: new Date('2026-01-12T08:00:00Z'), horizonDays: 3 })))).toEqual(['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15']);
		expect(dates(freeSlots(query({ now: new Date('2026-01-12T08:00:00Z'), horizonDays: 0 })))).toEqual(['2026-01-12']);
	});
	it('counts days in Copenhagen: 23:30Z on Sunday is already Monday', () => {
		const days = freeSlots(query({ now: new Date('2026-01-11T23:30:00Z'), horizonDays: 0 }));
		expect(dates(days)).toEqual(['2026-01-12']);
	});
	it('narrows to from/to, clamped to today and the horizon', () => {
		expect(dates(freeSlots(query({ from: '2026-01-14', to: '2026-01-15' })))).toEqual(['2026-01-14', '2026-01-15']);
		const now = new Date('2026-01-12T08:00:00Z');
		expect(dates(freeSlots(query({ now, horizonDays: 4, from: '2026-01-01', to: '2026-02-28' })))).toEqual(['2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15', '2026-01-16']);
		expect(freeSlots(query({ from: '2026-01-15', to: '2026-01-14' }))).toEqual([]);
		expect(freeSlots(query({ now, horizonDays: 4, from: '2026-01-17' }))).toEqual([]);
		expect(freeSlots(query({ now, to: '2026-01-11' }))).toEqual([]);
	});
	it('covers the whole horizon in date order', () => {
		const days = freeSlots(query());
		expect(days[0].date).toBe('2026-01-05');
		expect(days.at(-1)?.date).toBe('2026-03-06');
		expect(dates(days)).toEqual([...dates(days)].sort());
		// 9 weeks Mon-Fri, 2026-01-05 to 2026-03-06, no holidays.
		expect(days).toHaveLength(45);
		for (const day of days) {
			const starts = day.slots.map((s) => s.start.getTime());
			expect(starts).toEqual([...starts].sort((x, y) => x - y));
		}
	});
});

describe('several counters', () => {
	// Mon-Fri 08:00-12:00 and 12:30-16:00.
	const B: CounterSchedule = {
		id: 'B',
		hours: [...weekdays(480, 720), ...weekdays(750, 960)]
	};

	it('gives one slot per start with the free counters in preference order', () => {
		const days = freeSlots(query({ counters: [A, B], from: '2026-01-12', to: '2026-01-12', busy: [busy('A', '2026-01-12T09:00:00Z', '2026-01-12T09:30:00Z')] }));
		const slots = slotsOn(days, '2026-01-12');
		expect(slots.map((s) => localTimeOf(s.start))).toEqual(quarters('08:00', '15:45'));
		const at = (t: string) => slots.find((s) => localTimeOf(s.start) === t)?.counterIds;
		expect(at('08:00')).toEqual(['B']);
		expect(at('09:00')).toEqual(['A', 'B']);
		expect(at('10:00')).toEqual(['B']);
		expect(at('10:15')).toEqual(['B']);
		expect(at('10:30')).toEqual(['A', 'B']);
		expect(at('12:00')).toEqual(['A']);
		expect(at('12:15')).toEqual(['A']);
		expect(at('12:30')).toEqual(['A', 'B']);
		expect(at('15:00')).toEqual(['B']);
		expect(slots[0].start.toISOString()).toBe('2026-01-12T07:00:00.000Z');
	});
	it('follows the order of q.counters', () => {
		const days = freeSlots(query({ counters: [B, A], from: '2026-01-12', to: '2026-01-12' }));
		expect(slotsOn(days, '2026-01-12').find((s) => localTimeOf(s.start) === '09:00')?.counterIds).toEqual(['B', 'A']);
	});
	it('lists a counter once even when its ranges overlap', () => {
		const twice: CounterSchedule = { id: 'T', hours: [{ weekday: 1, opens: 540, closes: 720 }, { weekday: 1, opens: 660, closes: 900 }] };
		const days = freeSlots(query({ counters: [twice], from: '2026-01-12', to: '2026-01-12' }));
		expect(localStartsOn(days, '2026-01-12')).toEqual(quarters('09:00', '14:45'));
		expect(slotsOn(days, '2026-01-12').every((s) => s.counterIds.length === 1)).toBe(true);
	});
});

describe('held back for phone and counter booking', () => {
	const monday = { from: '2026-01-12', to: '2026-01-12', heldBackPerDay: 3 };

	it('a counter with exactly the held-back number of base slots left offers nothing', () => {
		// Busy 09:00-14:15 local leaves 14:15, 14:30 and 14:45.
		const days = freeSlots(query({ ...monday, busy: [busy('A', '2026-01-12T08:00:00Z', '2026-01-12T13:15:00Z')] }));
		expect(days).toEqual([]);
		// Staff booking holds nothing back.
		const staff = freeSlots(query({ ...monday, heldBackPerDay: 0, busy: [busy('A', '2026-01-12T08:00:00Z', '2026-01-12T13:15:00Z')] }));
		expect(localStartsOn(staff, '2026-01-12')).toEqual(['14:15', '14:30', '14:45']);
	});
	it('with one more left, it offers all of them', () => {
		const days = freeSlots(query({ ...monday, busy: [busy('A', '2026-01-12T08:00:00Z', '2026-01-12T13:00:00Z')] }));
		expect(localStartsOn(days, '2026-01-12')).toEqual(['14:00', '14:15', '14:30', '14:45']);
	});
	it('counts capacity in base slots even for an extra-time booking', () => {
		// Four base slots left (14:00-15:00) make three 30-minute starts.
		const days = freeSlots(query({ ...monday, lengthMinutes: 30, busy: [busy('A', '2026-01-12T08:00:00Z', '2026-01-12T13:00:00Z')] }));
		expect(localStartsOn(days, '2026-01-12')).toEqual(['14:00', '14:15', '14:30']);
	});
	it('is judged per counter', () => {
		const B: CounterSchedule = { id: 'B', hours: weekdays(540, 900) };
		const days = freeSlots(query({ ...monday, counters: [A, B], busy: [busy('A', '2026-01-12T08:00:00Z', '2026-01-12T13:15:00Z'), busy('B', '2026-01-12T08:00:00Z', '2026-01-12T13:00:00Z')] }));
		expect(slotsOn(days, '2026-01-12').map((s) => [localTimeOf(s.start), s.counterIds.join()])).toEqual([
			['14:00', 'B'],
			['14:15', 'B'],
			['14:30', 'B'],
			['14:45', 'B']
		]);
	});
	it('counts what is left from now on, ignoring the notice', () => {
		// 13:50 local: 14:00, 14:15, 14:30 and 14:45 are left.
		const now = new Date('2026-01-12T12:50:00Z');
		expect(freeSlots(query({ ...monday, now, heldBackPerDay: 4 }))).toEqual([]);
		expect(localStartsOn(freeSlots(query({ ...monday, now })), '2026-01-12')).toEqual(['14:00', '14:15', '14:30', '14:45']);
		// With 30 minutes notice the capacity is still four, but only 14:30 and 14:45 may be booked.
		expect(localStartsOn(freeSlots(query({ ...monday, now, minNoticeMinutes: 30 })), '2026-01-12')).toEqual(['14:30', '14:45']);
	});
});

describe('nearestSlots and slotAt', () => {
	// Monday and Tuesday 12-13 January, 09:00-14:45 local.
	const days = freeSlots(query({ from: '2026-01-12', to: '2026-01-13' }));
	const isoStarts = (slots: { start: Date }[]) => slots.map((s) => s.start.toISOString());

	it('finds the nearest times, ascending', () => {
		// Wanted 10:07 local: 10:00 (7 min), 10:15 (8), 09:45 (22) beat 10:30 (23).
		expect(isoStarts(nearestSlots(days, new Date('2026-01-12T09:07:00Z'), 3))).toEqual(['2026-01-12T08:45:00.000Z', '2026-01-12T09:00:00.000Z', '2026-01-12T09:15:00.000Z']);
	});
	it('breaks ties towards the earlier time', () => {
		expect(isoStarts(nearestSlots(days, new Date('2026-01-12T09:07:30Z'), 1))).toEqual(['2026-01-12T09:00:00.000Z']);
		expect(isoStarts(nearestSlots(days, new Date('2026-01-12T09:07:30Z'), 2))).toEqual(['2026-01-12T09:00:00.000Z', '2026-01-12T09:15:00.000Z']);
	});
	it('puts an exact match first', () => {
		expect(isoStarts(nearestSlots(days, new Date('2026-01-12T10:00:00Z'), 1))).toEqual(['2026-01-12T10:00:00.000Z']);
	});
	it('reaches across days', () => {
		// Wanted 23:55 Monday: Tuesday 09:00 is 9h05 away, Monday 14:45 9h10, Tuesday 09:15 9h20, Monday 14:30 9h25.
		expect(isoStarts(nearestSlots(days, new Date('2026-01-12T22:55:00Z'), 3))).toEqual(['2026-01-12T13:45:00.000Z', '2026-01-13T08:00:00.000Z', '2026-01-13T08:15:00.000Z']);
		expect(isoStarts(nearestSlots(days, new Date('2026-01-20T12:00:00Z'), 2))).toEqual(['2026-01-13T13:30:00.000Z', '2026-01-13T13:45:00.000Z']);
		expect(isoStarts(nearestSlots(days, new Date('2026-01-01T12:00:00Z'), 2))).toEqual(['2026-01-12T08:00:00.000Z', '2026-01-12T08:15:00.000Z']);
	});
	it('gives what there is when asked for too many or none', () => {
		expect(nearestSlots(days, new Date('2026-01-12T10:00:00Z'), 1000)).toHaveLength(48);
		expect(nearestSlots(days, new Date('2026-01-12T10:00:00Z'), 0)).toEqual([]);
		expect(nearestSlots([], new Date('2026-01-12T10:00:00Z'), 3)).toEqual([]);
	});
	it('slotAt finds a slot by its exact start', () => {
		const slot = slotAt(days, new Date('2026-01-13T09:30:00.000Z'));
		expect(slot).toEqual({ start: new Date('2026-01-13T09:30:00Z'), end: new Date('2026-01-13T09:45:00Z'), counterIds: ['A'] });
		expect(slot).toBe(days[1].slots[6]);
		expect(slotAt(days, new Date('2026-01-13T09:30:00.001Z'))).toBeNull();
		expect(slotAt(days, new Date('2026-01-14T09:30:00Z'))).toBeNull();
		expect(slotAt(days, new Date(NaN))).toBeNull();
	});
});

describe('bad queries', () => {
	it('are refused rather than looping or guessing', () => {
		expect(() => freeSlots(query({ stepMinutes: 0 }))).toThrow(RangeError);
		expect(() => freeSlots(query({ lengthMinutes: 0 }))).toThrow(RangeError);
		expect(() => freeSlots(query({ horizonDays: -1 }))).toThrow(RangeError);
		expect(() => freeSlots(query({ heldBackPerDay: 1.5 }))).toThrow(RangeError);
		expect(() => freeSlots(query({ minNoticeMinutes: NaN }))).toThrow(RangeError);
		expect(() => freeSlots(query({ from: '2026-02-30' }))).toThrow(RangeError);
		expect(() => freeSlots(query({ now: new Date(NaN) }))).toThrow(RangeError);
		expect(() => freeSlots(query({ closures: [{ counterId: null, from: '2026-01-12', to: '13-01-2026' }] }))).toThrow(RangeError);
		expect(() => freeSlots(query({ counters: [{ id: 'X', hours: [{ weekday: 8, opens: 540, closes: 900 }] }] }))).toThrow(RangeError);
		expect(() => freeSlots(query({ counters: [{ id: 'X', hours: [{ weekday: 1, opens: 900, closes: 540 }] }] }))).toThrow(RangeError);
	});
});
