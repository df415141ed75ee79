/**
 * Demo contact events: a deterministic, lifelike year (or any number of months) of channel-shift
 * data for a municipality of about 40,000 inhabitants, so that the manager's report has something
 * to show in the demo and the bench has a large, realistic table to aggregate.
 *
 * The same seed gives the same events. They hold no personal data: the citizen keys are random
 * 32-hex pseudonyms drawn from the seeded PRNG for a pool of 40,000 imaginary citizens, never
 * derived from anything about a person, and there is no free text at all.
 *
 * The model, per day (Copenhagen time):
 * - Needs arise per service with its own season (passports peak April-June, moving June-August
 *   and around New Year), fewer on weekends, in the July holiday weeks, at Christmas and on public
 *   holidays. Each need is met online (a share that rises through the period: the channel shift,
 *   about +10 points of the self-service share from the first month to the last) or by phone,
 *   at the counter or in writing. Phone, counter and written contacts happen in office hours on
 *   working days; a need arising on a closed day waits for the next one (Monday peaks).
 * - Online: forms (`form_started`, then `form_submitted` minutes, hours or now and then days
 *   later; about 86 % are completed), bookings of counter times (`appointment_booked`, sometimes
 *   `appointment_moved` or `appointment_cancelled` later), evenings busier than office hours.
 *   A few form journeys are assisted: staff operate the portal for the citizen (`on_behalf`) or
 *   staff or a digital ambassador at the library sit beside them (`guided`); these are digital
 *   events with the helper's role. Of the citizens helped, about a third (30-40 %) later do a
 *   transaction online on their own within 90 days (the report's graduation). Some of the guided
 *   first get help with something that is no transaction (`helped`: information, in person).
 * - Manual: staff register the contact (`registered`, assistance none, with could-be-digital and
 *   referred-to-digital), or, for the services with counter times, book a time for the caller or
 *   visitor (`appointment_booked` on phone/counter, `on_behalf`), as the portal records them.
 *   Staff mostly register without identifying the citizen; about one in five carries a key.
 * - Of the forms left unfinished, about a third are followed by a phone call or a counter visit
 *   about the same service within 7 days (the report's drop-out).
 */
import { addDays, daysBetween, instantAt, isoWeekday, localDateOf, type LocalDate } from '$lib/booking/time';
import { holidayOn } from '$lib/booking/holidays';
import { sql } from 'drizzle-orm';
import { maskComment } from '$lib/feedback/mask';
import { FUNNEL_CHECK, FUNNEL_START } from '$lib/reports/breakdowns';
import { bulkInsert, db, dialect, execute, tables, transaction } from '$lib/server/db';
import { seedDocuments } from '$lib/server/forms/seed';
import { rebuildContactCounts } from './data';
import { helpTopics } from '$lib/server/assisted/help';
import type { Assistance, Channel, ContactEventType, ContactKind, CostDeliveryMode, StaffRole } from '$lib/server/db/schema';

export interface DemoEvent {
	/** Epoch milliseconds, as the column stores it. */
	occurredAt: number;
	event: ContactEventType;
	channel: Channel;
	assistance: Assistance;
	kind: ContactKind;
	serviceSlug: string;
	staffRole: StaffRole | null;
	staffUnit: string | null;
	citizenKey: string | null;
	couldBeDigital: boolean | null;
	referredToDigital: boolean | null;
	delivery: CostDeliveryMode | null;
}

export interface DemoOptions {
	/** Every event is before this instant. */
	end: Date;
	/** How many calendar months before `end` the events start: 12. */
	months?: number;
	/**
	 * Events (rows, `form_started` included) per year; the period gets its share: 250,000. The
	 * citizens scale with it (40,000 at the default), so that each does as much as in life and
	 * the journey figures stay lifelike at any size.
	 */
	contactsPerYear?: number;
	seed?: number;
}

/** The citizens of the default year, 250,000 events: a municipality of about 40,000 inhabitants. */
export const DEMO_CITIZENS = 40_000;
const DEFAULT_PER_YEAR = 250_000;
/** The units demo staff and ambassadors belong to (seed.ts's demo accounts say the same). */
export const DEMO_BORGERSERVICE = 'Borgerservice';
export const DEMO_LIBRARY = 'Biblioteket';
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Small, fast, good enough for demo data, and the same everywhere. */
export function mulberry32(seedValue: number): () => number {
	let a = seedValue >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// ---------------------------------------------------------------------------------------------
// Services

/** `national`: the portal refers the citizen to a national solution (borger.dk) and counts it. */
type Flow = 'form' | 'form+booking' | 'booking' | 'national';

interface ServiceModel {
	slug: string;
	/** Relative number of needs a year. */
	weight: number;
	/** Monthly factor, January first. */
	season: readonly number[];
	/** What a citizen does online. */
	flow: Flow;
	/** Share of needs met online on the first and on the last day. */
	digital: readonly [number, number];
	/** Share of the manual contacts that are questions rather than transactions. */
	information: number;
	selfServiceMandatory: boolean;
	/** Has counter times that staff book for callers and visitors. */
	bookable: boolean;
	/** Manual channel mix: phone, counter, written. */
	channels: readonly [number, number, number];
	/** Share of the online needs that book a counter time instead of filling in the form. */
	bookingShare?: number;
	/** Weight as the service of a helped citizen's later own transaction. */
	graduation: number;
}

const SERVICES: readonly ServiceModel[] = [
	{
		slug: 'anmeld-flytning',
		weight: 17,
		season: [1.3, 0.9, 0.85, 0.9, 0.95, 1.2, 1.35, 1.45, 1.15, 0.9, 0.85, 1.15],
		flow: 'form',
		digital: [0.72, 0.83],
		information: 0.4,
		selfServiceMandatory: true,
		bookable: false,
		channels: [0.55, 0.38, 0.07],
		graduation: 3
	},
	{
		slug: 'opskrivning-dagtilbud',
		weight: 8,
		season: [1.1, 1.1, 1.05, 1, 1, 0.95, 0.7, 1.2, 1.05, 1, 0.95, 0.8],
		flow: 'form',
		digital: [0.7, 0.81],
		information: 0.6,
		selfServiceMandatory: true,
		bookable: false,
		channels: [0.6, 0.25, 0.15],
		graduation: 1
	},
	{
		slug: 'ansoeg-om-pas',
		weight: 18,
		season: [0.7, 0.8, 1, 1.45, 1.6, 1.5, 0.9, 0.8, 0.8, 0.75, 0.7, 0.6],
		flow: 'form+booking',
		digital: [0.55, 0.66],
		information: 0.6,
		selfServiceMandatory: false,
		bookable: true,
		channels: [0.55, 0.4, 0.05],
		graduation: 3
	},
	{
		slug: 'fornyelse-koerekort',
		weight: 12,
		season: [0.9, 1, 1.1, 1.15, 1.15, 1.05, 0.8, 0.95, 1, 1, 0.95, 0.8],
		flow: 'booking',
		digital: [0.45, 0.56],
		information: 0.5,
		selfServiceMandatory: false,
		bookable: true,
		channels: [0.5, 0.45, 0.05],
		graduation: 2
	},
	{
		slug: 'nyt-sundhedskort',
		weight: 15,
		season: [1.1, 0.95, 0.95, 1, 1, 1.1, 1.15, 1.2, 1.05, 0.95, 0.9, 0.9],
		flow: 'form',
		digital: [0.62, 0.73],
		information: 0.35,
		selfServiceMandatory: true,
		bookable: true,
		channels: [0.5, 0.45, 0.05],
		bookingShare: 0.1,
		graduation: 3
	},
	{
		slug: 'personlig-vejledning',
		weight: 30,
		season: [1.15, 1.05, 1.05, 1, 1, 0.95, 0.6, 0.95, 1.05, 1.05, 1.05, 0.85],
		flow: 'booking',
		digital: [0.18, 0.26],
		information: 0.8,
		selfServiceMandatory: false,
		bookable: true,
		channels: [0.45, 0.45, 0.1],
		graduation: 1
	},
	{
		slug: 'vaelg-laege',
		weight: 5,
		season: [1.2, 1, 1, 0.9, 0.9, 1.1, 1.2, 1.3, 1.1, 0.9, 0.8, 0.9],
		flow: 'national',
		digital: [0.8, 0.88],
		information: 0.7,
		selfServiceMandatory: true,
		bookable: false,
		channels: [0.7, 0.25, 0.05],
		graduation: 0
	},
	{
		slug: 'ansoeg-folkepension',
		weight: 2,
		season: [1, 1, 1, 1, 1, 1, 0.8, 1, 1, 1, 1, 1.1],
		flow: 'national',
		digital: [0.7, 0.8],
		information: 0.8,
		selfServiceMandatory: true,
		bookable: false,
		channels: [0.6, 0.3, 0.1],
		graduation: 0
	}
];

/** Unassisted forms completed (the rest are left unfinished). */
const COMPLETION = 0.86;
/** Of the forms left unfinished: followed by a phone call or counter visit within 7 days. */
const DROPOUT_FOLLOW_UP = 0.35;
/** Share of the online form needs met with help, on the first and on the last day. */
const ASSISTED: readonly [number, number] = [0.08, 0.05];
/**
 * Of the helps: followed by the citizen's own online transaction within 90 days. Some are helped
 * more than once and a few go online alone anyway, so the report's rate comes out near 35 %.
 */
const GRADUATE = 0.3;
/** Of the manual transactions on bookable services: staff book a counter time for the citizen. */
const STAFF_BOOKS = 0.55;
/** Registered contacts that carry a citizen key (staff mostly register without identifying). */
const REGISTERED_KEYED = 0.17;
/** Staff bookings for a caller or visitor linked to a signed-in citizen. */
const STAFF_BOOKING_KEYED = 0.3;

// ---------------------------------------------------------------------------------------------
// Opening hours as time-of-day profiles: per ISO weekday, [from hour, to hour, weight] pieces.

type Piece = readonly [number, number, number];
type Profile = readonly (readonly Piece[])[]; // index 1..7

const hourly = (weights: readonly number[], from = 0): Piece[] => weights.map((w, i) => [from + i, from + i + 1, w] as const);
const clip = (pieces: readonly Piece[], to: number): Piece[] =>
	pieces.filter(([a]) => a < to).map(([a, b, w]) => [a, Math.min(b, to), w] as const);

// Online: around the clock, evenings busiest; weekends later in the morning.
const ONLINE_WEEKDAY = hourly([0.4, 0.2, 0.1, 0.1, 0.1, 0.2, 0.7, 1.6, 2.8, 3.6, 4, 4, 3.8, 3.8, 3.8, 3.8, 3.6, 3.6, 4.2, 5.4, 6, 5.4, 3.6, 1.6]);
const ONLINE_WEEKEND = hourly([0.6, 0.3, 0.15, 0.1, 0.1, 0.1, 0.2, 0.6, 1.5, 3, 4, 4.3, 4.3, 4.2, 4.2, 4.2, 4.2, 4.2, 4.4, 5.4, 6, 5.4, 3.6, 1.6]);
const ONLINE: Profile = [[], ONLINE_WEEKDAY, ONLINE_WEEKDAY, ONLINE_WEEKDAY, ONLINE_WEEKDAY, ONLINE_WEEKDAY, ONLINE_WEEKEND, ONLINE_WEEKEND];

// Phone lines: Monday-Wednesday 9-15, long Thursday to 17, short Friday to 13; mornings busiest.
const PHONE_DAY = hourly([3.5, 3.2, 2.6, 1.8, 2.2, 1.8, 1.2, 1], 9);
const PHONE: Profile = [[], clip(PHONE_DAY, 15), clip(PHONE_DAY, 15), clip(PHONE_DAY, 15), clip(PHONE_DAY, 17), clip(PHONE_DAY, 13), [], []];

// The counters, as the seeded opening hours: 9-15, Thursday to 17:30, Friday to 13.
const COUNTER_DAY = hourly([2.5, 3, 3, 2.2, 2.4, 2, 1.8, 1.8, 1.2], 9);
const COUNTER: Profile = [[], clip(COUNTER_DAY, 15), clip(COUNTER_DAY, 15), clip(COUNTER_DAY, 15), clip(COUNTER_DAY, 17.5), clip(COUNTER_DAY, 13), [], []];

// Letters and mail are registered as staff work through them.
const WRITTEN_DAY = hourly([2, 2, 2, 1.5, 1.2, 1.5, 1.5, 1], 8);
const WRITTEN: Profile = [[], WRITTEN_DAY, WRITTEN_DAY, WRITTEN_DAY, WRITTEN_DAY, clip(WRITTEN_DAY, 13), [], []];

// Digital ambassadors at the library: weekdays 10-18, Saturday 10-14.
const LIBRARY_DAY = hourly([1, 1.2, 1.3, 1.6, 1.8, 1.8, 1.4, 1], 10);
const LIBRARY: Profile = [[], LIBRARY_DAY, LIBRARY_DAY, LIBRARY_DAY, LIBRARY_DAY, LIBRARY_DAY, clip(LIBRARY_DAY, 14), []];

const MANUAL_PROFILE: Record<'phone' | 'counter' | 'written', Profile> = { phone: PHONE, counter: COUNTER, written: WRITTEN };

/** Fewer needs on weekends (the manual ones wait for Monday). */
const WEEKDAY_FACTOR = [0, 1.1, 1.05, 1, 1, 0.9, 0.45, 0.55];

interface Sampler {
	/** Per weekday: cumulative weights and the pieces. */
	cum: Float64Array[];
	pieces: (readonly Piece[])[];
}
function sampler(p: Profile): Sampler {
	const cum: Float64Array[] = [];
	for (let wd = 0; wd <= 7; wd++) {
		const list = p[wd] ?? [];
		const c = new Float64Array(list.length);
		let s = 0;
		list.forEach(([a, b, w], i) => (c[i] = s += w * (b - a)));
		cum.push(c);
	}
	return { cum, pieces: p.map((x) => x ?? []) };
}

// ---------------------------------------------------------------------------------------------

const pad = (n: number) => (n < 10 ? '0' : '') + n;

/** The same local day `months` calendar months earlier (the day clamped to the month's end). */
function monthsBefore(date: LocalDate, months: number): LocalDate {
	const [y, m, d] = date.split('-').map(Number);
	const index = y * 12 + (m - 1) - months;
	const year = Math.floor(index / 12);
	const month = index - year * 12 + 1;
	const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return `${year}-${pad(month)}-${pad(Math.min(d, days))}`;
}

const midnight = (date: LocalDate) => instantAt(date, 0)!.getTime();

/**
 * The events, in time order, lazily: a day's events are handed out once that day is generated,
 * so memory holds only the events already scheduled for the days ahead.
 */
export function* generateDemoEvents(opts: DemoOptions): Generator<DemoEvent> {
	const months = opts.months ?? 12;
	const perYear = opts.contactsPerYear ?? DEFAULT_PER_YEAR;
	const total = Math.round((perYear * months) / 12);
	const rnd = mulberry32(opts.seed ?? 20_260_101);
	const endMs = opts.end.getTime();
	const endDate = localDateOf(opts.end);
	const firstDate = monthsBefore(endDate, months);
	const startMs = midnight(firstDate) + (endMs - midnight(endDate));
	if (!(total > 0) || !(endMs > startMs)) return;
	const lastDate = localDateOf(new Date(endMs - 1));
	const nDays = daysBetween(firstDate, lastDate) + 1;

	// The days: midnight, weekday, month, closed or not, and how much of the day is in the period.
	const dayStart = new Float64Array(nDays + 1);
	const weekday = new Uint8Array(nDays);
	const month = new Uint8Array(nDays);
	const holiday = new Uint8Array(nDays);
	const weight = new Float64Array(nDays);
	for (let i = 0; i <= nDays; i++) dayStart[i] = midnight(addDays(firstDate, i));
	for (let i = 0; i < nDays; i++) {
		const date = addDays(firstDate, i);
		const m = Number(date.slice(5, 7));
		const d = Number(date.slice(8, 10));
		weekday[i] = isoWeekday(date);
		month[i] = m;
		holiday[i] = holidayOn(date) !== null ? 1 : 0;
		let f = WEEKDAY_FACTOR[weekday[i]];
		if ((m === 12 && d >= 20) || (m === 1 && d === 1)) f *= 0.5; // Christmas
		else if (holiday[i]) f *= 0.55;
		else if ((m === 7 && d >= 6) || (m === 8 && d <= 2)) f *= 0.72; // the July holiday weeks
		const covered = Math.max(0, Math.min(endMs, dayStart[i + 1]) - Math.max(startMs, dayStart[i])) / (dayStart[i + 1] - dayStart[i]);
		const services = SERVICES.reduce((s, x) => s + x.weight * x.season[m - 1], 0);
		weight[i] = f * covered * services;
	}
	const totalWeight = weight.reduce((s, w) => s + w, 0);

	// Services by month, cumulative: for the needs, and for a helped citizen's own later transaction.
	const needCum = Array.from({ length: 13 }, (_, m) => cumulative(SERVICES.map((s) => (m ? s.weight * s.season[m - 1] : 0))));
	const graduationCum = cumulative(SERVICES.map((s) => s.graduation));
	const manualCum = SERVICES.map((s) => cumulative(s.channels));

	// The citizens: random 32-hex pseudonyms. The first quarter need help online; the rest manage
	// on their own, and only now and then does one of the first do something online alone.
	const citizens = Math.max(1_000, Math.round((DEMO_CITIZENS * perYear) / DEFAULT_PER_YEAR));
	const helpSegment = Math.floor(citizens / 4);
	const keys: string[] = new Array(citizens);
	const word = () => ((rnd() * 4294967296) >>> 0).toString(16).padStart(8, '0');
	for (let i = 0; i < citizens; i++) keys[i] = word() + word() + word() + word();
	const helpKey = () => keys[Math.floor(rnd() * helpSegment)];
	const selfKey = () => (rnd() < 0.03 ? helpKey() : keys[helpSegment + Math.floor(rnd() * (citizens - helpSegment))]);
	const anyKey = () => (rnd() < 0.5 ? helpKey() : keys[Math.floor(rnd() * citizens)]);

	const samplers = new Map<Profile, Sampler>([ONLINE, PHONE, COUNTER, WRITTEN, LIBRARY].map((p) => [p, sampler(p)]));
	const isOpen = (p: Profile, i: number) => (p === ONLINE || !holiday[i]) && p[weekday[i]].length > 0;
	/** The first day from i on that the profile is open, or -1 when none is left in the period. */
	const nextOpen = (p: Profile, i: number) => {
		for (; i < nDays; i++) if (isOpen(p, i)) return i;
		return -1;
	};
	/** An instant on day i within the profile's hours (the day must be open). */
	const timeOn = (p: Profile, i: number) => {
		const s = samplers.get(p)!;
		const cum = s.cum[weekday[i]];
		const r = rnd() * cum[cum.length - 1];
		let k = 0;
		while (cum[k] < r) k++;
		const [a, b] = s.pieces[weekday[i]][k];
		// Wall-clock hours from midnight; on the two daylight-saving days an hour off, which no
		// report can see.
		return Math.floor(dayStart[i] + (a + rnd() * (b - a)) * HOUR);
	};

	const buckets: DemoEvent[][] = Array.from({ length: nDays }, () => []);
	let counted = 0;
	const dayOf = (t: number) => {
		let i = Math.min(nDays - 1, Math.floor((t - dayStart[0]) / DAY));
		while (i > 0 && t < dayStart[i]) i--;
		while (i < nDays - 1 && t >= dayStart[i + 1]) i++;
		return i;
	};
	const emit = (
		t: number,
		event: ContactEventType,
		channel: Channel,
		assistance: Assistance,
		kind: ContactKind,
		serviceSlug: string,
		staffRole: StaffRole | null,
		citizenKey: string | null,
		couldBeDigital: boolean | null = null,
		referredToDigital: boolean | null = null
	) => {
		t = Math.floor(t); // whole milliseconds: the column is an integer
		if (t < startMs || t >= endMs) return;
		// Ambassadors help at the library as well as in Borgerservice; staff are Borgerservice's.
		const staffUnit = staffRole === null ? null : staffRole === 'ambassador' && (t / MINUTE) % 5 < 3 ? DEMO_LIBRARY : DEMO_BORGERSERVICE;
		// The seeded services deliver to the inbox, where staff read and type them in.
		const delivery = event === 'form_submitted' && channel === 'digital' ? ('inbox' as const) : null;
		buckets[dayOf(t)].push({ occurredAt: t, event, channel, assistance, kind, serviceSlug, staffRole, staffUnit, citizenKey, couldBeDigital, referredToDigital, delivery });
		counted++;
	};

	/** A counter time booked, and now and then moved or cancelled online later. */
	const booking = (s: ServiceModel, t: number, channel: Channel, assistance: Assistance, role: StaffRole | null, key: string | null) => {
		emit(t, 'appointment_booked', channel, assistance, 'transaction', s.slug, role, key);
		if (!key) return;
		const r = rnd();
		if (r < 0.08) {
			const j = dayOf(t) + 1 + Math.floor(rnd() * 14);
			if (j < nDays) emit(timeOn(ONLINE, j), 'appointment_moved', 'digital', 'none', 'transaction', s.slug, null, key);
		} else if (r < 0.14) {
			const j = dayOf(t) + 1 + Math.floor(rnd() * 20);
			if (j < nDays) emit(timeOn(ONLINE, j), 'appointment_cancelled', 'digital', 'none', 'transaction', s.slug, null, key);
		}
	};

	/** A phone call or counter visit about a form left unfinished, within 7 days. */
	const dropoutFollowUp = (s: ServiceModel, t0: number, key: string) => {
		const channel = rnd() < 0.6 ? 'phone' : 'counter';
		const p = MANUAL_PROFILE[channel];
		for (let attempt = 0; attempt < 3; attempt++) {
			const u = rnd();
			const j = nextOpen(p, dayOf(t0) + Math.floor(u * u * 6));
			if (j < 0) return;
			const t = timeOn(p, j);
			if (t <= t0 || t > t0 + 7 * DAY) continue;
			const kind: ContactKind = rnd() < 0.7 ? 'transaction' : 'information';
			emit(t, 'registered', channel, 'none', kind, s.slug, 'staff', key, true, rnd() < 0.6);
			return;
		}
	};

	const submitDelay = () => {
		const r = rnd();
		if (r < 0.8) return (3 + 35 * rnd() ** 1.5) * MINUTE;
		if (r < 0.96) return (1 + 11 * rnd()) * HOUR;
		return (1 + 5 * rnd()) * DAY;
	};

	const PROXY_SHARE = 0.03;

	/** A citizen online on their own on day i: a form, or a booking. */
	const online = (s: ServiceModel, i: number, key: string) => {
		const t0 = timeOn(ONLINE, i);
		if (s.flow === 'national') {
			emit(t0, 'referred_national', 'digital', 'none', 'transaction', s.slug, null, key);
			return;
		}
		if (s.flow === 'booking' || (s.bookingShare && rnd() < s.bookingShare)) {
			booking(s, t0, 'digital', 'none', null, key);
			return;
		}
		// A few act for a parent or a partner under a power of attorney (Digital Fuldmagt).
		const assistance: Assistance = rnd() < PROXY_SHARE ? 'proxy' : 'none';
		emit(t0, 'form_started', 'digital', assistance, 'transaction', s.slug, null, key);
		if (rnd() < (s.flow === 'form+booking' ? COMPLETION - 0.02 : COMPLETION)) {
			const t1 = t0 + submitDelay();
			emit(t1, 'form_submitted', 'digital', assistance, 'transaction', s.slug, null, key);
			// Now and then staff ask for a missing document, and the citizen answers online.
			if (rnd() < 0.04) {
				emit(t1 + 2 * DAY, 'case_message', 'digital', 'none', 'information', s.slug, null, key);
				emit(t1 + 3 * DAY, 'case_answer', 'digital', assistance, 'transaction', s.slug, null, key);
			}
			if (s.flow === 'form+booking') booking(s, t1 + (1 + 14 * rnd()) * MINUTE, 'digital', 'none', null, key);
		} else if (rnd() < DROPOUT_FOLLOW_UP) dropoutFollowUp(s, t0, key);
	};

	/** Helped on day i: some do their next transaction online on their own within 90 days. */
	const maybeGraduate = (i: number, key: string) => {
		if (rnd() >= GRADUATE) return;
		const j = i + 2 + Math.floor(86 * rnd() ** 1.3);
		if (j < nDays) online(SERVICES[pick(graduationCum, rnd())], j, key);
	};

	/** A form filled in on the portal with help: staff for the citizen, or beside them. */
	const assisted = (s: ServiceModel, i: number) => {
		const assistance: Assistance = rnd() < 0.5 ? 'on_behalf' : 'guided';
		const role: StaffRole = assistance === 'guided' && rnd() < 0.6 ? 'ambassador' : 'staff';
		const p = role === 'ambassador' ? LIBRARY : assistance === 'on_behalf' && rnd() < 0.4 ? PHONE : COUNTER;
		const j = nextOpen(p, i);
		if (j < 0) return;
		const key = helpKey();
		const t0 = timeOn(p, j);
		// Medbetjening is a phone or counter contact in which staff operate the portal, as the
		// portal records it; guided help is the citizen's own digital contact with a helper beside.
		const channel: Channel = assistance === 'guided' ? 'digital' : p === PHONE ? 'phone' : 'counter';
		// Some first need help with something else, such as the MitID app: help without a transaction.
		if (assistance === 'guided' && rnd() < 0.3) {
			emit(t0 - 10 * MINUTE, 'helped', 'counter', 'guided', 'information', helpTopics[Math.floor(rnd() * helpTopics.length)], role, null);
		}
		emit(t0, 'form_started', channel, assistance, 'transaction', s.slug, role, key);
		if (rnd() < 0.98) {
			const t1 = t0 + (4 + 20 * rnd()) * MINUTE;
			emit(t1, 'form_submitted', channel, assistance, 'transaction', s.slug, role, key);
			if (s.flow === 'form+booking') booking(s, t1 + (1 + 4 * rnd()) * MINUTE, channel, assistance, role, key);
		}
		maybeGraduate(j, key);
	};

	/** A phone call, a counter visit or a letter: registered, or a time booked by staff. */
	const manual = (s: ServiceModel, index: number, i: number) => {
		const channel = (['phone', 'counter', 'written'] as const)[pick(manualCum[index], rnd())];
		const p = MANUAL_PROFILE[channel];
		// A need on a closed day waits: mostly for the next working day, some for one after.
		const j = nextOpen(p, isOpen(p, i) ? i : i + Math.floor(rnd() * 3));
		if (j < 0) return;
		const t = timeOn(p, j);
		const information = rnd() < s.information;
		if (!information && s.bookable && channel !== 'written' && rnd() < STAFF_BOOKS) {
			const key = rnd() < STAFF_BOOKING_KEYED ? (rnd() < 0.7 ? helpKey() : anyKey()) : null;
			emit(t, 'appointment_booked', channel, 'on_behalf', 'transaction', s.slug, 'staff', key);
			if (key) maybeGraduate(j, key);
			return;
		}
		const could = rnd() < (information ? 0.3 : s.selfServiceMandatory ? 0.6 : 0.3);
		const referred = rnd() < (could ? 0.55 : 0.05);
		const key = rnd() < REGISTERED_KEYED ? anyKey() : null;
		emit(t, 'registered', channel, 'none', information ? 'information' : 'transaction', s.slug, 'staff', key, could, referred);
	};

	let cumWeight = 0;
	for (let i = 0; i < nDays; i++) {
		cumWeight += weight[i];
		const target = (total * cumWeight) / totalWeight;
		const progress = Math.min(1, Math.max(0, (dayStart[i] + DAY / 2 - startMs) / (endMs - startMs)));
		const assistedShare = ASSISTED[0] + (ASSISTED[1] - ASSISTED[0]) * progress;
		const cum = needCum[month[i]];
		// Needs until the day's share of the events is scheduled (those already scheduled for it count).
		for (let guard = 0; counted < target && guard < 200_000; guard++) {
			const index = pick(cum, rnd());
			const s = SERVICES[index];
			if (rnd() < s.digital[0] + (s.digital[1] - s.digital[0]) * progress) {
				if (s.flow !== 'booking' && s.flow !== 'national' && rnd() < assistedShare) assisted(s, i);
				else online(s, i, selfKey());
			} else manual(s, index, i);
		}
		const today = buckets[i];
		buckets[i] = [];
		today.sort((a, b) => a.occurredAt - b.occurredAt);
		yield* today;
	}
}

function cumulative(weights: readonly number[]): Float64Array {
	const c = new Float64Array(weights.length);
	let s = 0;
	weights.forEach((w, i) => (c[i] = s += w));
	return c;
}

/** Index drawn by weight from a cumulative array, given u in [0, 1). */
function pick(cum: Float64Array, u: number): number {
	const r = u * cum[cum.length - 1];
	let k = 0;
	while (k < cum.length - 1 && cum[k] <= r) k++;
	return k;
}

const EVENT_COLUMNS = 'occurred_at bigint, event text, channel text, assistance text, kind text, service_slug text, staff_role text, staff_unit text, citizen_key text, could_be_digital boolean, referred_to_digital boolean, delivery text';

/** Contact events as raw rows, in EVENT_COLUMNS' order: for bulkInsert. */
export function eventRow(e: DemoEvent): unknown[] {
	return [e.occurredAt, e.event, e.channel, e.assistance, e.kind, e.serviceSlug, e.staffRole, e.staffUnit, e.citizenKey, e.couldBeDigital, e.referredToDigital, e.delivery];
}

/** Loads contact events in bulk, bypassing recordContactEvent (the caller rebuilds the counts). */
export function bulkInsertEvents(events: Iterable<DemoEvent>): Promise<void> {
	return bulkInsert('contact_events', EVENT_COLUMNS, Array.from(events, eventRow));
}

/**
 * Inserts the demo events (and with `extras`, what the report shows beside them) in one
 * transaction (all or nothing, so an interrupted seed leaves the table empty and the next start
 * tries again), then counts them by month. Returns the count.
 */
export async function insertDemoEvents(opts: DemoOptions & { extras?: boolean }): Promise<number> {
	let inserted = 0;
	const forms: FormTally = new Map();
	await transaction(async () => {
		// In slices: five million events at once would not fit in memory.
		let slice: DemoEvent[] = [];
		const flush = async () => {
			await bulkInsertEvents(slice);
			inserted += slice.length;
			slice = [];
		};
		for (const e of generateDemoEvents(opts)) {
			tallyForm(forms, e);
			slice.push(e);
			if (slice.length === 100_000) await flush();
		}
		await flush();
		if (opts.extras) await insertDemoExtras(forms, { end: opts.end, months: opts.months ?? 12, seed: opts.seed });
	});
	// PostgreSQL plans from statistics, which a table loaded in one go has none of until
	// autovacuum comes round: the report's journey queries took minutes before, 0.5 s after.
	if (dialect() === 'pg') await execute(sql`ANALYZE contact_events`);
	await rebuildContactCounts();
	if (opts.extras) await demoPagesLastSeen();
	return inserted;
}

// ---------------------------------------------------------------------------------------------
// What the demo's report shows beside the contact events: the counter, the funnel, the scores

const DEMO_COMMENTS = [
	'Det var nemt, og jeg fik svar med det samme.',
	'Jeg kunne ikke finde ud af, hvilket billede jeg skulle bruge.',
	'Fint, men det tog lang tid at finde den rigtige side.',
	'Meget venlig betjening ved skranken.',
	'Jeg skrev mit cpr 010101-1234 forkert, og så måtte jeg starte forfra.',
	'Ring til mig på 12 34 56 78, hvis der mangler noget.',
	'Godt at man kan gemme og fortsætte senere.',
	'Tiden passede ikke, og jeg måtte vente 25 minutter.'
];

/** The demo's unsent forms get a page last seen, spread over their form's pages by event id. */
async function demoPagesLastSeen(): Promise<void> {
	for (const doc of seedDocuments) {
		const pages = doc.pages.map((p) => p.id);
		const page = sql.join(
			pages.map((id, i) => sql`WHEN ${i} THEN ${id}`),
			sql` `
		);
		await execute(sql`UPDATE start_facts SET last_page = CASE event_id % ${pages.length} ${page} END WHERE service_slug = ${doc.serviceSlug} AND submitted_at IS NULL`);
	}
}

/** Online starts and submissions of each form, by `month|service`: what the demo funnel is made from. */
type FormTally = Map<string, { started: number; submitted: number }>;

function tallyForm(forms: FormTally, e: DemoEvent) {
	if (e.channel !== 'digital' || (e.event !== 'form_started' && e.event !== 'form_submitted')) return;
	const key = `${localDateOf(new Date(e.occurredAt)).slice(0, 7)}|${e.serviceSlug}`;
	const x = forms.get(key) ?? { started: 0, submitted: 0 };
	if (e.event === 'form_started') x.started++;
	else x.submitted++;
	forms.set(key, x);
}

/**
 * The counter's visits, the forms' funnels and "Hvordan gik det?" for the demo's months, made
 * from the events' tally (so that the funnel's starts and submissions are theirs) and a
 * seeded random source. Appointments on working days, walk-ins beside them; no one behind them.
 */
export async function insertDemoExtras(forms: FormTally, opts: { end: Date; months: number; seed?: number }): Promise<void> {
	const rnd = mulberry32(opts.seed ?? 20_261_204);
	const exp = (mean: number) => -Math.log(1 - rnd()) * mean;
	const types = await db().select().from(tables.appointmentTypes);
	const counterIds = (await db().select({ id: tables.counters.id }).from(tables.counters)).map((c) => c.id);
	const endDate = localDateOf(opts.end);
	const firstDate = monthsBefore(endDate, opts.months);
	const visits: unknown[][] = [];
	for (let day = firstDate; day < endDate; day = addDays(day, 1)) {
		const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
		if (weekday === 0 || weekday === 6 || types.length === 0 || counterIds.length === 0) continue;
		const open = instantAt(day, 0)!.getTime() + 9 * HOUR;
		for (let i = 0; i < 24; i++) {
			const type = types[Math.floor(rnd() * types.length)];
			const counter = counterIds[Math.floor(rnd() * counterIds.length)];
			const start = open + Math.floor(rnd() * 24) * 15 * MINUTE;
			const booked = start - Math.round((0.5 + exp(6)) * DAY);
			const roll = rnd();
			const outcome = roll < 0.05 ? 'no_show' : roll < 0.08 ? 'cancelled' : 'done';
			const checkedIn = outcome === 'done' ? start + (rnd() < 0.1 ? exp(8) : -exp(6)) * MINUTE : null;
			const called = checkedIn === null ? null : Math.max(start, checkedIn) + exp(5) * MINUTE;
			const channel = rnd() < 0.75 ? 'digital' : rnd() < 0.6 ? 'phone' : 'counter';
			visits.push([`demo-a-${day}-${i}`, 'appointment', type.slug, channel, booked, start, checkedIn && Math.round(checkedIn), called && Math.round(called), outcome, counter]);
		}
		for (let i = 0; i < 10; i++) {
			const type = types[Math.floor(rnd() * types.length)];
			const issued = open + Math.floor(rnd() * 6 * HOUR);
			const called = issued + Math.round(exp(14) * MINUTE);
			visits.push([`demo-w-${day}-${i}`, 'walk_in', type.slug, 'counter', issued, null, issued, called, 'done', counterIds[Math.floor(rnd() * counterIds.length)]]);
		}
	}
	await bulkInsert('visit_stats', 'visit_id text, kind text, type_slug text, channel text, booked_at bigint, start bigint, checked_in_at bigint, called_at bigint, outcome text, counter_id text', visits);

	// The funnel: each month's online starts and submissions of a form, the rest left along the way.
	const pageRows: unknown[][] = [];
	for (const [key, x] of forms) {
		const [month, slug] = key.split('|');
		const doc = seedDocuments.find((d) => d.serviceSlug === slug);
		if (!doc) continue;
		const pages = [...doc.pages.map((p) => p.id), FUNNEL_CHECK];
		let left = Math.max(0, x.started - x.submitted);
		let reached = x.started;
		pageRows.push([month, slug, FUNNEL_START, x.started, 0]);
		for (const [i, page] of pages.entries()) {
			// Most give up early; a photo or a document page takes its own toll.
			const here = i === pages.length - 1 ? left : Math.min(left, Math.round(left * (0.2 + 0.3 * rnd())));
			pageRows.push([month, slug, page, reached, here]);
			reached -= here;
			left -= here;
		}
	}
	await bulkInsert('form_page_counts', 'month text, service_slug text, page text, reached integer, last_seen integer', pageRows);

	// "Hvordan gik det?": scores leaning good, a comment now and then, masked as the form masks them.
	const formServices = seedDocuments.map((d) => d.serviceSlug);
	const scores = cumulative([0.04, 0.06, 0.12, 0.33, 0.45]);
	const feedback: unknown[][] = [];
	const lastDay = localDateOf(new Date(opts.end.getTime() - 1));
	for (let m = 0; m < opts.months; m++) {
		const month = monthsBefore(lastDay, m).slice(0, 7);
		for (const [touchpoint, n] of [['receipt', 120], ['booking', 50], ['kiosk', 20]] as const) {
			for (let i = 0; i < n; i++) {
				const service = touchpoint === 'receipt' ? formServices[Math.floor(rnd() * formServices.length)] : touchpoint === 'booking' ? types[Math.floor(rnd() * types.length)]?.serviceSlug ?? null : null;
				const score = pick(scores, rnd()) + 1;
				const comment = rnd() < 0.08 ? maskComment(DEMO_COMMENTS[Math.floor(rnd() * DEMO_COMMENTS.length)]) : null;
				const assistance = rnd() < 0.1 ? 'guided' : 'none';
				feedback.push([`demo${month}${touchpoint}${i}`, month, touchpoint, service, 'digital', assistance, score, comment]);
			}
		}
	}
	await bulkInsert('feedback', 'id text, month text, touchpoint text, service_slug text, channel text, assistance text, score integer, comment text', feedback);
}
