/** Free appointment times: opening hours minus holidays, closures and existing appointments. */

import { holidayOn } from './holidays';
import { addDays, instantAt, isLocalDate, isoWeekday, localDateOf, utcOffsetMinutes, type LocalDate } from './time';

/** ISO weekday, minutes of day; several per weekday allowed (lunch break). */
export interface OpeningRange {
	weekday: number;
	opens: number;
	closes: number;
}
export interface CounterSchedule {
	id: string;
	hours: OpeningRange[];
}
/** Whole local days a counter (or, with counterId null, every counter) is closed, inclusive. */
export interface Closure {
	counterId: string | null;
	from: LocalDate;
	to: LocalDate;
}
/** An existing active appointment (or any blocked time) on a counter. */
export interface Busy {
	counterId: string;
	start: Date;
	end: Date;
}
export interface SlotQuery {
	/** The counters that serve the appointment type, in preference order. */
	counters: CounterSchedule[];
	closures: Closure[];
	/** May be unsorted and may include other counters and days; those are ignored. */
	busy: Busy[];
	/** The type's base duration: candidate starts are opens + k*step. */
	stepMinutes: number;
	/** What this booking needs (step, or 2*step for "extra time"). */
	lengthMinutes: number;
	now: Date;
	/** Start must be >= now + notice (0 for staff booking). */
	minNoticeMinutes: number;
	/** Last bookable local date = localDateOf(now) + horizonDays. */
	horizonDays: number;
	/** Same-day capacity kept for phone and counter booking; 0 for staff booking. See freeSlots. */
	heldBackPerDay: number;
	/** Optional narrower window, clamped to today..horizon. */
	from?: LocalDate;
	to?: LocalDate;
}
/** The counters free for the whole [start, end), in preference order. */
export interface Slot {
	start: Date;
	end: Date;
	counterIds: string[];
}
export interface SlotDay {
	date: LocalDate;
	slots: Slot[];
}

const MINUTE_MS = 60_000;

/**
 * A counter's busy time over the search window as a prefix count of busy minutes: blocked[k] is how
 * many of the window's first k minutes overlap a busy interval. Slot starts are whole minutes
 * (Copenhagen offsets are whole minutes), so a slot is free exactly when none of its minutes
 * overlaps busy time, and that is one subtraction. Building it is linear in busy intervals plus
 * minutes in the window, which beats sorting tens of thousands of intervals; the price is 4 bytes
 * a minute per counter with busy time (about 360 KB for a 60-day window), dropped after the call.
 */
interface BusyIndex {
	origin: number;
	blocked: Int32Array;
}

function indexBusy(busy: Busy[], counterIds: Set<string>, origin: number, until: number): Map<string, BusyIndex> {
	const cells = Math.ceil((until - origin) / MINUTE_MS);
	const index = new Map<string, BusyIndex>();
	if (cells <= 0) return index;
	for (const b of busy) {
		if (!counterIds.has(b.counterId)) continue;
		const start = b.start.getTime();
		const end = b.end.getTime();
		// Empty or inverted intervals block nothing under half-open semantics (and NaN fails the test).
		if (!(end > start) || end <= origin || start >= until) continue;
		let entry = index.get(b.counterId);
		if (!entry) index.set(b.counterId, (entry = { origin, blocked: new Int32Array(cells + 1) }));
		// A difference array for now: +1 at the first minute the interval touches, -1 after the last.
		entry.blocked[Math.max(0, Math.floor((start - origin) / MINUTE_MS))]++;
		entry.blocked[Math.min(cells, Math.ceil((end - origin) / MINUTE_MS))]--;
	}
	for (const { blocked } of index.values()) {
		let open = 0;
		let count = 0;
		for (let k = 0; k < cells; k++) {
			open += blocked[k];
			blocked[k] = count;
			if (open > 0) count++;
		}
		blocked[cells] = count;
	}
	return index;
}

function isFree(busy: BusyIndex | undefined, start: number, end: number): boolean {
	if (!busy) return true;
	const { origin, blocked } = busy;
	const last = blocked.length - 1;
	const from = Math.min(last, Math.max(0, Math.floor((start - origin) / MINUTE_MS)));
	const to = Math.min(last, Math.max(0, Math.ceil((end - origin) / MINUTE_MS)));
	return blocked[to] - blocked[from] === 0;
}

function checkCount(name: string, value: number, min: number): void {
	if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}: ${value}`);
}

function checkDate(name: string, value: unknown): void {
	if (!isLocalDate(value)) throw new RangeError(`${name} is not a local date (YYYY-MM-DD): ${String(value)}`);
}

/** Opening ranges by ISO weekday (index 1-7), each weekday's sorted by opening time. */
function hoursByWeekday(counter: CounterSchedule): OpeningRange[][] {
	const byDay: OpeningRange[][] = [[], [], [], [], [], [], [], []];
	for (const range of counter.hours) {
		const { weekday, opens, closes } = range;
		if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7 || !Number.isInteger(opens) || !Number.isInteger(closes) || opens < 0 || closes > 1440 || opens >= closes) {
			throw new RangeError(`Bad opening hours for counter ${counter.id}: ${JSON.stringify(range)}`);
		}
		byDay[weekday].push(range);
	}
	for (const ranges of byDay) ranges.sort((x, y) => x.opens - y.opens);
	return byDay;
}

/**
 * The free times from today to the horizon: only days with at least one slot, ascending by date,
 * each day's slots ascending by start.
 *
 * Candidate starts are wall-clock times (opens + k*step) turned into instants; a slot lasts
 * lengthMinutes of real time, so across a daylight-saving change it is still its true length, and
 * it is only offered when it ends by the range's closing wall time.
 *
 * Held back: a few same-day times are kept for phone and counter booking. For each counter and day
 * we count its free base slots (length = step, not yet started, minimum notice ignored), i.e. the
 * capacity it has left; when that is heldBackPerDay or less the counter offers nothing that day, so
 * online booking can never take the last ones. It is all or nothing by design: with more capacity
 * left than is held back, every free time is offered.
 */
export function freeSlots(q: SlotQuery): SlotDay[] {
	checkCount('stepMinutes', q.stepMinutes, 1);
	checkCount('lengthMinutes', q.lengthMinutes, 1);
	checkCount('horizonDays', q.horizonDays, 0);
	checkCount('heldBackPerDay', q.heldBackPerDay, 0);
	if (!Number.isFinite(q.minNoticeMinutes)) throw new RangeError(`minNoticeMinutes is not a number: ${q.minNoticeMinutes}`);
	if (q.from !== undefined) checkDate('from', q.from);
	if (q.to !== undefined) checkDate('to', q.to);
	for (const c of q.closures) {
		checkDate('closure from', c.from);
		checkDate('closure to', c.to);
	}

	const now = q.now.getTime();
	const today = localDateOf(q.now);
	const horizon = addDays(today, q.horizonDays);
	// LocalDates are fixed-width, so string order is date order.
	const first = q.from !== undefined && q.from > today ? q.from : today;
	const last = q.to !== undefined && q.to < horizon ? q.to : horizon;
	if (first > last) return [];

	const notBefore = now + Math.max(0, q.minNoticeMinutes) * MINUTE_MS;
	const step = q.stepMinutes;
	const length = q.lengthMinutes;
	const heldBack = q.heldBackPerDay;

	const counters = q.counters.map((c) => ({
		id: c.id,
		hours: hoursByWeekday(c),
		closures: q.closures.filter((cl) => cl.counterId === null || cl.counterId === c.id)
	}));
	// No slot starts before now or before the first date's local midnight (at most 14 hours before
	// its UTC midnight in any zone), nor ends after the last date's.
	const origin = Math.max(Math.floor(now / MINUTE_MS) * MINUTE_MS, Date.parse(`${addDays(first, -1)}T00:00:00Z`));
	const busy = indexBusy(q.busy, new Set(counters.map((c) => c.id)), origin, Date.parse(`${addDays(last, 2)}T00:00:00Z`));

	const result: SlotDay[] = [];
	for (let date = first; date <= last; date = addDays(date, 1)) {
		if (holidayOn(date) !== null) continue;
		const weekday = isoWeekday(date);

		// Counters usually share opening hours, so each wall time is converted once per day.
		const instants = new Map<number, number | null>();
		const at = (minutes: number): number | null => {
			let ms = instants.get(minutes);
			if (ms === undefined) {
				ms = instantAt(date, minutes)?.getTime() ?? null;
				instants.set(minutes, ms);
			}
			return ms;
		};
		// Only a day whose offset changes needs the wall-clock end checked below (Copenhagen changes
		// at most once a day, so equal offsets at both midnights mean a steady day).
		const midnight = at(0);
		const nextMidnight = instantAt(addDays(date, 1), 0);
		const steady = midnight !== null && nextMidnight !== null && utcOffsetMinutes(new Date(midnight)) === utcOffsetMinutes(nextMidnight);

		/** Calls `take` for each free start of `len` minutes at or after `from`, per range, ascending. */
		const eachFree = (ranges: OpeningRange[], counterBusy: BusyIndex | undefined, len: number, from: number, take: (start: number, end: number) => void): void => {
			for (const { opens, closes } of ranges) {
				for (let m = opens; m + len <= closes; m += step) {
					const start = at(m);
					// null: the wall time falls in the spring-forward gap.
					if (start === null || start < from) continue;
					const end = start + len * MINUTE_MS;
					// Where the offset changes during the slot its wall-clock end moves by the difference;
					// a slot across the spring-forward gap can otherwise run past closing.
					if (!steady && m + len + utcOffsetMinutes(new Date(end)) - utcOffsetMinutes(new Date(start)) > closes) continue;
					if (isFree(counterBusy, start, end)) take(start, end);
				}
			}
		};

		const byStart = new Map<number, Slot>();
		for (const counter of counters) {
			const ranges = counter.hours[weekday];
			if (ranges.length === 0) continue;
			if (counter.closures.some((cl) => cl.from <= date && date <= cl.to)) continue;
			const counterBusy = busy.get(counter.id);
			if (heldBack > 0) {
				let capacity = 0;
				eachFree(ranges, counterBusy, step, now, () => capacity++);
				if (capacity <= heldBack) continue;
			}
			eachFree(ranges, counterBusy, length, notBefore, (start, end) => {
				const slot = byStart.get(start);
				if (!slot) byStart.set(start, { start: new Date(start), end: new Date(end), counterIds: [counter.id] });
				// Overlapping ranges of one counter can produce the same start twice.
				else if (slot.counterIds[slot.counterIds.length - 1] !== counter.id) slot.counterIds.push(counter.id);
			});
		}
		if (byStart.size > 0) {
			result.push({ date, slots: [...byStart.values()].sort((x, y) => x.start.getTime() - y.start.getTime()) });
		}
	}
	return result;
}

/** The n free times nearest to `wanted` (by absolute time distance, ties -> earlier), across days, ascending by start. */
export function nearestSlots(days: SlotDay[], wanted: Date, n: number): Slot[] {
	const target = wanted.getTime();
	if (!(n >= 1) || Number.isNaN(target)) return [];
	const all = days.flatMap((d) => d.slots).sort((x, y) => x.start.getTime() - y.start.getTime());
	// Grow a window outwards from where `wanted` would be inserted; the n nearest are contiguous in time order.
	let lo = 0;
	let hi = all.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (all[mid].start.getTime() < target) lo = mid + 1;
		else hi = mid;
	}
	let left = lo - 1;
	let right = lo;
	const count = Math.min(Math.floor(n), all.length);
	for (let taken = 0; taken < count; taken++) {
		const before = left >= 0 ? target - all[left].start.getTime() : Infinity;
		const after = right < all.length ? all[right].start.getTime() - target : Infinity;
		if (before <= after) left--;
		else right++;
	}
	return all.slice(left + 1, right);
}

/** Finds the slot with exactly this start (ms equality), or null. */
export function slotAt(days: SlotDay[], start: Date): Slot | null {
	const ms = start.getTime();
	if (Number.isNaN(ms)) return null;
	for (const day of days) {
		for (const slot of day.slots) if (slot.start.getTime() === ms) return slot;
	}
	return null;
}
