import { and, asc, eq } from 'drizzle-orm';
import type { Closure, CounterSchedule } from '$lib/booking/slots';
import { openingHoursLines, type HoursLine } from '$lib/booking/hours';
import { isLocalDate, parseTime } from '$lib/booking/time';
import { db, tables, type Db } from '$lib/server/db';
import type { AppointmentType, BookingSettings, Counter } from '$lib/server/db/schema';

export type Reader = Pick<Db, 'select'>;

export const defaultBookingSettings: Omit<BookingSettings, 'id'> = {
	minNoticeMinutes: 120,
	horizonDays: 60,
	heldBackPerDay: 2,
	reminderHours: 24
};

export function bookingSettings(q: Reader = db()): BookingSettings {
	return q.select().from(tables.bookingSettings).where(eq(tables.bookingSettings.id, 1)).get() ?? { id: 1, ...defaultBookingSettings };
}

export function appointmentTypes(q: Reader = db()): AppointmentType[] {
	return q
		.select()
		.from(tables.appointmentTypes)
		.where(eq(tables.appointmentTypes.active, true))
		.orderBy(asc(tables.appointmentTypes.sortOrder))
		.all();
}

export function appointmentType(slug: string, q: Reader = db()): AppointmentType | undefined {
	return q
		.select()
		.from(tables.appointmentTypes)
		.where(and(eq(tables.appointmentTypes.slug, slug), eq(tables.appointmentTypes.active, true)))
		.get();
}

export function counters(q: Reader = db()): Counter[] {
	return q.select().from(tables.counters).where(eq(tables.counters.active, true)).orderBy(asc(tables.counters.sortOrder)).all();
}

/** The active counters that serve a type, in their display order, with their hours. */
export function schedulesFor(typeSlug: string, q: Reader = db()): CounterSchedule[] {
	const rows = q
		.select({ id: tables.counters.id })
		.from(tables.counters)
		.innerJoin(tables.counterTypes, eq(tables.counterTypes.counterId, tables.counters.id))
		.where(and(eq(tables.counterTypes.typeSlug, typeSlug), eq(tables.counters.active, true)))
		.orderBy(asc(tables.counters.sortOrder))
		.all();
	const hours = q.select().from(tables.openingHours).all();
	return rows.map((c) => ({
		id: c.id,
		hours: hours.filter((h) => h.counterId === c.id).map(({ weekday, opens, closes }) => ({ weekday, opens, closes }))
	}));
}

/** Borgerservice's opening hours as citizens are told them: when any active counter is open. */
export function borgerserviceHours(q: Reader = db()): HoursLine[] {
	const rows = q
		.select({ weekday: tables.openingHours.weekday, opens: tables.openingHours.opens, closes: tables.openingHours.closes })
		.from(tables.openingHours)
		.innerJoin(tables.counters, eq(tables.counters.id, tables.openingHours.counterId))
		.where(eq(tables.counters.active, true))
		.all();
	return openingHoursLines(rows);
}

export function closures(q: Reader = db()): (Closure & { id: number; reason: string })[] {
	return q
		.select()
		.from(tables.closures)
		.orderBy(asc(tables.closures.fromDate))
		.all()
		.map((c) => ({ id: c.id, counterId: c.counterId, from: c.fromDate, to: c.toDate, reason: c.reason }));
}

/** Which types each counter serves, for the administrator's overview. */
export function counterTypeSlugs(q: Reader = db()): Map<string, string[]> {
	const map = new Map<string, string[]>();
	for (const row of q.select().from(tables.counterTypes).all()) {
		map.set(row.counterId, [...(map.get(row.counterId) ?? []), row.typeSlug]);
	}
	return map;
}

export type SetupError = { fieldId: string; code: string };

const intIn = (v: FormDataEntryValue | null, min: number, max: number) => {
	const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
	return n >= min && n <= max ? n : null;
};

/** The administrator's booking rules; each number has a range that keeps booking sensible. */
export function saveSettings(data: FormData): SetupError[] {
	const limits = {
		minNoticeMinutes: [0, 7 * 24 * 60],
		horizonDays: [1, 365],
		heldBackPerDay: [0, 20],
		reminderHours: [1, 72]
	} as const;
	const values: Partial<Record<keyof typeof limits, number>> = {};
	const errors: SetupError[] = [];
	for (const [key, [min, max]] of Object.entries(limits) as [keyof typeof limits, readonly [number, number]][]) {
		const n = intIn(data.get(key), min, max);
		if (n === null) errors.push({ fieldId: key, code: `setting_range` });
		else values[key] = n;
	}
	if (errors.length) return errors;
	db().insert(tables.bookingSettings)
		.values({ id: 1, ...(values as Omit<BookingSettings, 'id'>) })
		.onConflictDoUpdate({ target: tables.bookingSettings.id, set: values })
		.run();
	return [];
}

export function saveDurations(data: FormData): SetupError[] {
	const types = appointmentTypes();
	const errors: SetupError[] = [];
	const durations = types.map((t) => {
		const n = intIn(data.get(`duration-${t.slug}`), 5, 120);
		if (n === null || n % 5 !== 0) errors.push({ fieldId: `duration-${t.slug}`, code: 'duration_range' });
		return n;
	});
	if (errors.length) return errors;
	db().transaction((tx) => {
		types.forEach((t, i) => tx.update(tables.appointmentTypes).set({ durationMinutes: durations[i]! }).where(eq(tables.appointmentTypes.slug, t.slug)).run());
	});
	return [];
}

/** One opening range per weekday; both fields empty means closed that day. */
export function saveHours(counterId: string, data: FormData): SetupError[] {
	const errors: SetupError[] = [];
	const ranges: { weekday: number; opens: number; closes: number }[] = [];
	for (let weekday = 1; weekday <= 7; weekday++) {
		const o = String(data.get(`opens-${weekday}`) ?? '').trim();
		const c = String(data.get(`closes-${weekday}`) ?? '').trim();
		if (!o && !c) continue;
		const opens = parseTime(o);
		const closes = parseTime(c);
		if (opens === null) errors.push({ fieldId: `opens-${weekday}`, code: 'time_format' });
		else if (closes === null) errors.push({ fieldId: `closes-${weekday}`, code: 'time_format' });
		else if (closes <= opens) errors.push({ fieldId: `closes-${weekday}`, code: 'closes_before_opens' });
		else ranges.push({ weekday, opens, closes });
	}
	if (errors.length) return errors;
	db().transaction((tx) => {
		tx.delete(tables.openingHours).where(eq(tables.openingHours.counterId, counterId)).run();
		for (const r of ranges) tx.insert(tables.openingHours).values({ counterId, ...r }).run();
	});
	return [];
}

export function addClosure(data: FormData): SetupError[] {
	const from = String(data.get('fromDate') ?? '').trim();
	const to = String(data.get('toDate') ?? '').trim() || from;
	const counter = String(data.get('counterId') ?? '');
	const reason = String(data.get('reason') ?? '').trim();
	const errors: SetupError[] = [];
	if (!isLocalDate(from)) errors.push({ fieldId: 'fromDate', code: 'date_invalid' });
	if (!isLocalDate(to)) errors.push({ fieldId: 'toDate', code: 'date_invalid' });
	else if (isLocalDate(from) && to < from) errors.push({ fieldId: 'toDate', code: 'to_before_from' });
	if (!reason || reason.length > 120) errors.push({ fieldId: 'reason', code: 'reason_required' });
	const counterId = counter && counters().some((c) => c.id === counter) ? counter : null;
	if (counter && !counterId) errors.push({ fieldId: 'counterId', code: 'counter_invalid' });
	if (errors.length) return errors;
	db().insert(tables.closures).values({ counterId, fromDate: from, toDate: to, reason }).run();
	return [];
}

export function removeClosure(id: number): void {
	db().delete(tables.closures).where(eq(tables.closures.id, id)).run();
}

export function hoursOf(counterId: string) {
	return db().select().from(tables.openingHours).where(eq(tables.openingHours.counterId, counterId)).all();
}
