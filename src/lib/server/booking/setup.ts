import { and, asc, eq, gt } from 'drizzle-orm';
import type { Closure, CounterSchedule } from '$lib/booking/slots';
import { openingHoursLines, type HoursLine } from '$lib/booking/hours';
import { isLocalDate, parseTime } from '$lib/booking/time';
import { db, first, forUpdate, tables, transaction } from '$lib/server/db';
import { logChange } from '$lib/server/audit/changes';
import type { AppointmentType, AppointmentTypeTexts, BookingSettings, Counter } from '$lib/server/db/schema';

export const defaultBookingSettings: Omit<BookingSettings, 'id'> = {
	minNoticeMinutes: 120,
	horizonDays: 60,
	heldBackPerDay: 2,
	reminderHours: 24
};

export async function bookingSettings(): Promise<BookingSettings> {
	return (await first(db().select().from(tables.bookingSettings).where(eq(tables.bookingSettings.id, 1)).limit(1))) ?? { id: 1, ...defaultBookingSettings };
}

export function appointmentTypes(): Promise<AppointmentType[]> {
	return db().select().from(tables.appointmentTypes).where(eq(tables.appointmentTypes.active, true)).orderBy(asc(tables.appointmentTypes.sortOrder));
}

export function appointmentType(slug: string): Promise<AppointmentType | undefined> {
	const t = tables.appointmentTypes;
	return first(db().select().from(t).where(and(eq(t.slug, slug), eq(t.active, true))).limit(1));
}

export function counters(): Promise<Counter[]> {
	return db().select().from(tables.counters).where(eq(tables.counters.active, true)).orderBy(asc(tables.counters.sortOrder));
}

/** The active counters that serve a type, in their display order, with their hours. */
export async function schedulesFor(typeSlug: string): Promise<CounterSchedule[]> {
	const rows = await db()
		.select({ id: tables.counters.id })
		.from(tables.counters)
		.innerJoin(tables.counterTypes, eq(tables.counterTypes.counterId, tables.counters.id))
		.where(and(eq(tables.counterTypes.typeSlug, typeSlug), eq(tables.counters.active, true)))
		.orderBy(asc(tables.counters.sortOrder));
	const hours = await db().select().from(tables.openingHours);
	return rows.map((c) => ({
		id: c.id,
		hours: hours.filter((h) => h.counterId === c.id).map(({ weekday, opens, closes }) => ({ weekday, opens, closes }))
	}));
}

/** Borgerservice's opening hours as citizens are told them: when any active counter is open. */
export async function borgerserviceHours(): Promise<HoursLine[]> {
	const rows = await db()
		.select({ weekday: tables.openingHours.weekday, opens: tables.openingHours.opens, closes: tables.openingHours.closes })
		.from(tables.openingHours)
		.innerJoin(tables.counters, eq(tables.counters.id, tables.openingHours.counterId))
		.where(eq(tables.counters.active, true));
	return openingHoursLines(rows);
}

export async function closures(): Promise<(Closure & { id: number; reason: string })[]> {
	const rows = await db().select().from(tables.closures).orderBy(asc(tables.closures.fromDate));
	return rows.map((c) => ({ id: c.id, counterId: c.counterId, from: c.fromDate, to: c.toDate, reason: c.reason }));
}

/** Which types each counter serves, for the administrator's overview. */
export async function counterTypeSlugs(): Promise<Map<string, string[]>> {
	const map = new Map<string, string[]>();
	for (const row of await db().select().from(tables.counterTypes)) {
		map.set(row.counterId, [...(map.get(row.counterId) ?? []), row.typeSlug]);
	}
	return map;
}

export type SetupError = { fieldId: string; code: string; params?: Record<string, number> };

const intIn = (v: FormDataEntryValue | null, min: number, max: number) => {
	const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
	return n >= min && n <= max ? n : null;
};

/** The administrator's booking rules; each number has a range that keeps booking sensible. */
export async function saveSettings(data: FormData): Promise<SetupError[]> {
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
	await db()
		.insert(tables.bookingSettings)
		.values({ id: 1, ...(values as Omit<BookingSettings, 'id'>) })
		.onConflictDoUpdate({ target: tables.bookingSettings.id, set: values });
	return [];
}

export async function saveDurations(data: FormData): Promise<SetupError[]> {
	const types = await appointmentTypes();
	const errors: SetupError[] = [];
	const durations = types.map((t) => {
		const n = intIn(data.get(`duration-${t.slug}`), 5, 120);
		if (n === null || n % 5 !== 0) errors.push({ fieldId: `duration-${t.slug}`, code: 'duration_range' });
		return n;
	});
	if (errors.length) return errors;
	await transaction(async () => {
		for (const [i, t] of types.entries())
			await db().update(tables.appointmentTypes).set({ durationMinutes: durations[i]! }).where(eq(tables.appointmentTypes.slug, t.slug));
	});
	return [];
}

/** One opening range per weekday; both fields empty means closed that day. */
export async function saveHours(counterId: string, data: FormData): Promise<SetupError[]> {
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
	await transaction(async () => {
		await db().delete(tables.openingHours).where(eq(tables.openingHours.counterId, counterId));
		if (ranges.length) await db().insert(tables.openingHours).values(ranges.map((r) => ({ counterId, ...r })));
	});
	return [];
}

export async function addClosure(data: FormData): Promise<SetupError[]> {
	const from = String(data.get('fromDate') ?? '').trim();
	const to = String(data.get('toDate') ?? '').trim() || from;
	const counter = String(data.get('counterId') ?? '');
	const reason = String(data.get('reason') ?? '').trim();
	const errors: SetupError[] = [];
	if (!isLocalDate(from)) errors.push({ fieldId: 'fromDate', code: 'date_invalid' });
	if (!isLocalDate(to)) errors.push({ fieldId: 'toDate', code: 'date_invalid' });
	else if (isLocalDate(from) && to < from) errors.push({ fieldId: 'toDate', code: 'to_before_from' });
	if (!reason || reason.length > 120) errors.push({ fieldId: 'reason', code: 'reason_required' });
	const counterId = counter && (await counters()).some((c) => c.id === counter) ? counter : null;
	if (counter && !counterId) errors.push({ fieldId: 'counterId', code: 'counter_invalid' });
	if (errors.length) return errors;
	await db().insert(tables.closures).values({ counterId, fromDate: from, toDate: to, reason });
	return [];
}

export async function removeClosure(id: number): Promise<void> {
	await db().delete(tables.closures).where(eq(tables.closures.id, id));
}

export function hoursOf(counterId: string) {
	const h = tables.openingHours;
	return db().select().from(h).where(eq(h.counterId, counterId)).orderBy(h.weekday, h.opens);
}

const COUNTER_ID = /^[a-z0-9][a-z0-9-]{1,39}$/;

/** Bookings still to come at a counter (and of a type): what closing it or taking the type away would strand. */
async function futureBookings(counterId: string, typeSlugs: string[] | null, now: Date): Promise<number> {
	const a = tables.appointments;
	const rows = await db()
		.select({ typeSlug: a.typeSlug })
		.from(a)
		.where(and(eq(a.counterId, counterId), eq(a.status, 'booked'), gt(a.start, now)));
	return rows.filter((r) => !typeSlugs || typeSlugs.includes(r.typeSlug)).length;
}

/**
 * A counter or desk: its names, where it is, the types it serves, and whether it is open for
 * booking. A new one needs an id of its own. Closing it, or taking a type away, is refused while
 * citizens hold bookings there that would be left without a desk: move or cancel them first.
 */
export async function saveCounter(counterId: string | null, data: FormData, staffId: string | null, now = new Date()): Promise<SetupError[]> {
	const text = (name: string) => String(data.get(name) ?? '').trim();
	const errors: SetupError[] = [];
	const id = counterId ?? text('id');
	if (!counterId && !COUNTER_ID.test(id)) errors.push({ fieldId: 'id', code: 'counter_id' });
	const names = { da: text('name-da'), en: text('name-en') };
	for (const lang of ['da', 'en'] as const) if (!names[lang] || names[lang].length > 60) errors.push({ fieldId: `name-${lang}`, code: 'name_required' });
	const location = text('location');
	if (!location || location.length > 200) errors.push({ fieldId: 'location', code: 'location_required' });
	const known = (await db().select({ slug: tables.appointmentTypes.slug }).from(tables.appointmentTypes)).map((t) => t.slug);
	const types = data.getAll('types').filter((v): v is string => typeof v === 'string' && known.includes(v));
	const active = data.get('closed') !== 'yes';
	if (errors.length) return errors;
	return transaction(async () => {
		const c = tables.counters;
		const existing = await first(forUpdate(db().select().from(c).where(eq(c.id, id)).limit(1)));
		if (!counterId && existing) return [{ fieldId: 'id', code: 'counter_taken' }];
		if (counterId && !existing) return [{ fieldId: 'name-da', code: 'counter_id' }];
		if (existing) {
			const before = (await db().select().from(tables.counterTypes).where(eq(tables.counterTypes.counterId, id))).map((r) => r.typeSlug);
			const removed = active ? before.filter((t) => !types.includes(t)) : null;
			const stranded = await futureBookings(id, removed, now);
			if (stranded > 0 && (!active || removed!.length > 0)) return [{ fieldId: active ? 'types' : 'closed', code: 'counter_has_bookings', params: { count: stranded } }];
			await db().update(c).set({ names, location, active }).where(eq(c.id, id));
			await db().delete(tables.counterTypes).where(eq(tables.counterTypes.counterId, id));
		} else {
			const count = (await db().select({ id: c.id }).from(c)).length;
			await db().insert(c).values({ id, names, location, sortOrder: count, active });
		}
		if (types.length) await db().insert(tables.counterTypes).values(types.map((typeSlug) => ({ counterId: id, typeSlug })));
		await logChange(staffId, 'counter', id, existing ? (active ? 'save' : 'close') : 'create');
		return [];
	});
}

/** An appointment type's texts: its name and what to bring (its duration is set with the others). */
export async function saveType(slug: string, data: FormData, staffId: string | null): Promise<SetupError[]> {
	const text = (name: string) => String(data.get(name) ?? '').trim();
	const errors: SetupError[] = [];
	const texts = {} as Record<'da' | 'en', AppointmentTypeTexts>;
	for (const lang of ['da', 'en'] as const) {
		const title = text(`title-${lang}`);
		if (!title || title.length > 100) errors.push({ fieldId: `${slug}-title-${lang}`, code: 'name_required' });
		texts[lang] = { title, bring: text(`bring-${lang}`).split(/\r?\n/).map((x) => x.trim()).filter(Boolean) };
	}
	if (errors.length) return errors;
	const updated = await db().update(tables.appointmentTypes).set({ texts }).where(eq(tables.appointmentTypes.slug, slug)).returning({ slug: tables.appointmentTypes.slug });
	if (!updated.length) return [{ fieldId: `${slug}-title-da`, code: 'name_required' }];
	await logChange(staffId, 'appointment_type', slug, 'save');
	return [];
}

/** Every counter, closed ones too, for the administrator. */
export function allCounters(): Promise<Counter[]> {
	return db().select().from(tables.counters).orderBy(asc(tables.counters.sortOrder));
}
