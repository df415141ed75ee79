import { error, fail, redirect } from '@sveltejs/kit';
import type { Slot, SlotDay } from '$lib/booking/slots';
import { instantAt, isLocalDate } from '$lib/booking/time';
import { readDetails, type BookingDetails, type DetailsInput } from '$lib/booking/details';
import { formatDateTime, formatTime, formatWeekdayDate, maskEmail, maskPhone } from '$lib/format';
import type { Lang } from '$lib/i18n';
import type { Appointment, AppointmentType } from '$lib/server/db/schema';
import { formDataOf } from '$lib/server/http';
import type { BookingResult } from './appointments';
import { locationOf } from './notifications';
import { schedulesFor } from './setup';

/** How many days the list shows before "show later days". */
export const DAYS_SHOWN = 14;

export interface TimeOption {
	value: string;
	label: string;
}

const timeOption = (s: Slot, lang: Lang): TimeOption => ({ value: s.start.toISOString(), label: formatTime(s.start, lang) });

/**
 * What the day-then-time picker shows: the days with free times, and, once a day is chosen,
 * its times as a radio list (never a calendar grid: a list reads well on a phone and aloud).
 */
export function pickerData(days: SlotDay[], url: URL, lang: Lang) {
	const wanted = url.searchParams.get('dag');
	const chosen = wanted && isLocalDate(wanted) ? days.find((d) => d.date === wanted) : undefined;
	const all = url.searchParams.has('alle');
	return {
		days: (all ? days : days.slice(0, DAYS_SHOWN)).map((d) => ({
			date: d.date,
			label: formatWeekdayDate(instantAt(d.date, 12 * 60)!, lang),
			count: d.slots.length
		})),
		moreDays: !all && days.length > DAYS_SHOWN,
		extraTime: url.searchParams.get('ekstra') === '1',
		tooShort: url.searchParams.get('fejl') === 'kort',
		/** A day in the address that has no free time left (taken meanwhile, or never offered). */
		dayGone: !!wanted && !chosen,
		day: chosen
			? { date: chosen.date, label: formatWeekdayDate(chosen.slots[0].start, lang), times: chosen.slots.map((s) => timeOption(s, lang)) }
			: null
	};
}

export function nearestOptions(slots: Slot[], lang: Lang) {
	return slots.map((s) => ({ value: s.start.toISOString(), label: `${formatWeekdayDate(s.start, lang)} ${formatTime(s.start, lang)}` }));
}

/**
 * The chosen day must be one that has free times; otherwise the summary says so. The list is
 * counted for the usual length, so with "extra time" ticked on the same page a day may have
 * no time long enough: `tooShort` asks the route to show the list again counted with extra time.
 */
export function readDay(data: FormData, days: SlotDay[], url: URL) {
	const day = data.get('dag');
	if (typeof day !== 'string' || day === '') return { error: fail(400, { errors: [{ fieldId: 'dag-0', code: 'day_required' }] }) };
	if (!isLocalDate(day) || !days.some((d) => d.date === day)) {
		if (data.get('ekstra') === '1' && url.searchParams.get('ekstra') !== '1') return { tooShort: true as const };
		return { error: fail(400, { errors: [{ fieldId: 'dag-0', code: 'day_unavailable' }] }) };
	}
	return { day, extraTime: data.get('ekstra') === '1' };
}

/** A time is an ISO instant from the radio list; anything else is refused with a message. */
export function readTime(data: FormData) {
	const raw = data.get('tid');
	if (typeof raw !== 'string' || raw === '') return { error: fail(400, { errors: [{ fieldId: 'tid-0', code: 'time_required' }] }) };
	const start = new Date(raw);
	// Years far outside any horizon are refused before date arithmetic meets them.
	if (Number.isNaN(start.getTime()) || start.toISOString() !== raw || start.getUTCFullYear() < 2000 || start.getUTCFullYear() > 2999)
		return { error: fail(400, { errors: [{ fieldId: 'tid-0', code: 'time_invalid' }] }) };
	return { start };
}

/** What the confirm page repeats before the citizen commits. */
export async function bookingSummary(type: AppointmentType, start: Date, extraTime: boolean, lang: Lang) {
	const counter = (await schedulesFor(type.slug))[0];
	return {
		type: { slug: type.slug, title: type.texts[lang].title },
		start: start.toISOString(),
		when: formatDateTime(start, lang),
		minutes: type.durationMinutes * (extraTime ? 2 : 1),
		extraTime,
		location: counter ? await locationOf({ counterId: counter.id, lang }) : '',
		bring: type.texts[lang].bring
	};
}

/** The start in the address, when it is a well-formed instant; the time itself is checked at booking. */
export function startFromUrl(url: URL): Date | null {
	const raw = url.searchParams.get('tid');
	const start = raw ? new Date(raw) : null;
	return start && !Number.isNaN(start.getTime()) && start.getUTCFullYear() >= 2000 && start.getUTCFullYear() <= 2999 ? start : null;
}

function detailsValues(data: FormData): DetailsInput {
	const values: DetailsInput = {};
	for (const key of ['navn', 'telefon', 'email', 'tolk', 'tolkesprog', 'trinfri'] as const) {
		const v = data.get(key);
		if (typeof v === 'string') values[key] = v;
	}
	return values;
}

/**
 * An appointment as its receipt shows it. Opened by a private link (which may have been
 * forwarded), the contact details leave the server masked and the name not at all.
 */
export async function appointmentView(a: Appointment, type: AppointmentType, lang: Lang, masked = false) {
	return {
		...(await bookingSummary(type, a.start, a.extraTime, lang)),
		location: await locationOf({ counterId: a.counterId, lang }),
		reference: a.reference,
		status: a.status,
		name: masked ? '' : a.name,
		interpreterLanguage: a.interpreterLanguage,
		stepFree: a.stepFree,
		email: a.email && masked ? maskEmail(a.email) : a.email,
		phone: a.phone && masked ? maskPhone(a.phone) : a.phone
	};
}

type Option = { value: string; label: string };

/**
 * The confirm page's POST, the same for citizens and staff: read the time and the details,
 * book, and either go to the receipt or say on the page why not (values kept).
 */
export async function confirmBooking(
	request: Request,
	lang: Lang,
	o: {
		contactRequired: boolean;
		book: (c: { idempotencyKey: string; start: Date; details: BookingDetails }) => Promise<BookingResult>;
		receiptHref: (a: Appointment) => string;
	}
) {
	const data = await formDataOf(request);
	const values = detailsValues(data);
	const key = data.get('key');
	if (typeof key !== 'string' || key.length < 10 || key.length > 64) error(400, 'bad_request');
	const picked = readTime(data);
	// No time chosen (the nearest-times list was empty or left blank): say so on the page.
	if (picked.error) return fail(400, { errors: [{ fieldId: 'tid-0', code: 'time_required' }], values, nearest: [] as Option[] });
	const { details, errors } = readDetails(values, { contactRequired: o.contactRequired });
	if (errors.length) return fail(400, { errors: errors as { fieldId: string; code: string; params?: Record<string, number> }[], values, nearest: null as Option[] | null });
	const result = await o.book({ idempotencyKey: key, start: picked.start, details });
	if (result.ok) redirect(303, `${o.receiptHref(result.appointment)}?ny=1`);
	if (result.reason === 'foreign_key') error(400, 'bad_request');
	if (result.reason === 'already_booked') redirect(303, o.receiptHref(result.appointment));
	if (result.reason === 'too_many')
		return fail(429, { errors: [{ fieldId: 'tid-0', code: 'too_many', params: { count: result.retryAfterMinutes } }], values, nearest: null as Option[] | null });
	return fail(409, { errors: [{ fieldId: 'tid-0', code: 'taken' }], values, nearest: nearestOptions(result.nearest, lang) });
}
