/**
 * In-process benchmark of the free-slot search (issue target: p95 < 20 ms with 20,000
 * appointments in the database). Run by `npm run bench` (scripts/bench.mjs) through
 * `vitest run --config bench/vitest.config.ts`; the figures are printed, never asserted, and
 * also written as JSON to $BENCH_OUT for the combined report.
 *
 * A fresh SQLite file in a temporary directory is migrated and seeded like the server does it,
 * then filled directly through drizzle with 20,000 appointments: the future horizon's capacity on
 * every counter about 85 % full (so the search still finds real free times), the rest in the
 * past year, statuses mixed, and never two active appointments on one counter at one start (the
 * partial unique index `appointments_active_slot_uq` would refuse them anyway).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { holidayOn } from '$lib/booking/holidays';
import { addDays, instantAt, isoWeekday, localDateOf, type LocalDate } from '$lib/booking/time';
import { availability, book, type Actor } from '$lib/server/booking/appointments';
import { mulberry32 } from '$lib/server/reports/demo';
import { appointmentType, bookingSettings, counterTypeSlugs, counters as activeCounters } from '$lib/server/booking/setup';
import { db, tables } from '$lib/server/db';
import type { Appointment, AppointmentStatus, AppointmentType } from '$lib/server/db/schema';
import { seed } from '$lib/server/db/seed';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'indgang-bench-'));
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = path.join(dataDir, 'bench.db');
process.env.CITIZEN_KEY_SECRET = 'bench-secret-for-citizen-keys';
process.env.SEED_DEMO_DATA = 'false'; // no demo staff needed here, and no argon2 hashing

const TOTAL = Number(process.env.BENCH_APPOINTMENTS || 20_000);
const FUTURE_FILL = 0.85;
const PAST_FILL = 0.92;
const PAST_DAYS = 365;
const RUNS = Number(process.env.BENCH_RUNS || 200);
const WARMUP = 20;
const BOOK_TIMES = 100;
const TARGET_P95_MS = 20;

afterAll(() => {
	try {
		db().$client.close();
	} catch {
		/* already closed */
	}
	rmSync(dataDir, { recursive: true, force: true });
});

// Deterministic, so two runs measure the same database.
const rnd = mulberry32(20_260_101);

const WEIGHT: Record<string, number> = { pas: 3, koerekort: 2, sundhedskort: 2, vejledning: 1 };

interface Position {
	counterId: string;
	type: AppointmentType;
	start: Date;
	end: Date;
}

/**
 * A counter's day as staff would fill it: one appointment after another, each on its own
 * type's grid (opens + k * duration), the type drawn by weight. `visit` decides per position.
 */
function eachPosition(counterId: string, served: AppointmentType[], hours: { weekday: number; opens: number; closes: number }[], date: LocalDate, visit: (p: Position) => void) {
	if (holidayOn(date) !== null) return;
	const weekday = isoWeekday(date);
	const total = served.reduce((s, t) => s + (WEIGHT[t.slug] ?? 1), 0);
	for (const { opens, closes } of hours.filter((h) => h.weekday === weekday).sort((x, y) => x.opens - y.opens)) {
		let m = opens;
		for (;;) {
			let r = rnd() * total;
			const type = served.find((t) => (r -= WEIGHT[t.slug] ?? 1) < 0) ?? served[served.length - 1];
			const d = type.durationMinutes;
			const s = opens + Math.ceil((m - opens) / d) * d;
			if (s + d > closes) break;
			const start = instantAt(date, s);
			if (start) visit({ counterId, type, start, end: new Date(start.getTime() + d * 60_000) });
			m = s + d;
		}
	}
}

function quantile(sorted: number[], q: number): number {
	if (sorted.length === 0) return NaN;
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
	return sorted[i];
}

function measure<T>(fn: () => T, runs = RUNS, warmup = WARMUP) {
	for (let i = 0; i < warmup; i++) fn();
	const times: number[] = [];
	let last: T | undefined;
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		last = fn();
		times.push(performance.now() - t0);
	}
	times.sort((a, b) => a - b);
	const round = (n: number) => Math.round(n * 1000) / 1000;
	return {
		count: times.length,
		p50: round(quantile(times, 0.5)),
		p95: round(quantile(times, 0.95)),
		max: round(times[times.length - 1]),
		mean: round(times.reduce((s, t) => s + t, 0) / times.length),
		last: last as T
	};
}

it('free-slot search over the whole horizon with 20,000 appointments (figures only)', async () => {
	const tSetup = performance.now();
	db();
	await seed();
	const settings = bookingSettings();
	const now = new Date();
	const today = localDateOf(now);
	const types = new Map<string, AppointmentType>();
	const servedBy = counterTypeSlugs();
	const hours = db().select().from(tables.openingHours).all();
	const counterPlans = activeCounters().map((c) => ({
		id: c.id,
		served: (servedBy.get(c.id) ?? []).map((slug) => {
			if (!types.has(slug)) types.set(slug, appointmentType(slug)!);
			return types.get(slug)!;
		}),
		hours: hours.filter((h) => h.counterId === c.id)
	}));

	const rows: Appointment[] = [];
	const created = new Date(now.getTime() - 30 * 86_400_000);
	const row = (p: Position, status: AppointmentStatus): Appointment => {
		const n = rows.length;
		const id = `bench-${String(n).padStart(6, '0')}`;
		return {
			id,
			reference: `B${String(n).padStart(7, '0')}`,
			idempotencyKey: `bench-key-${n}`,
			typeSlug: p.type.slug,
			counterId: p.counterId,
			start: p.start,
			end: p.end,
			status,
			citizenId: null,
			name: `Borger ${n}`,
			email: null,
			phone: null,
			interpreterLanguage: null,
			stepFree: false,
			extraTime: false,
			submissionId: null,
			channel: rnd() < 0.7 ? 'digital' : 'phone',
			assistance: 'none',
			bookedByStaffId: null,
			manageTokenHash: createHash('sha256').update(id).digest('hex'),
			sequence: 0,
			lang: 'da',
			createdAt: created,
			updatedAt: created,
			checkedInAt: status === 'done' ? p.start : null,
			calledAt: status === 'done' ? p.start : null
		};
	};
	const pastStatus = (): AppointmentStatus => (rnd() < 0.87 ? 'done' : 'no_show');

	// The future horizon: about 85 % of each counter's positions booked; some freed positions keep
	// the cancelled appointment that freed them. Today's positions already begun count as past.
	let futurePositions = 0;
	let futureActive = 0;
	for (let day = 0; day <= settings.horizonDays; day++) {
		const date = addDays(today, day);
		for (const c of counterPlans) {
			eachPosition(c.id, c.served, c.hours, date, (p) => {
				if (p.start < now) {
					rows.push(row(p, pastStatus()));
					return;
				}
				futurePositions++;
				if (rnd() < FUTURE_FILL) {
					futureActive++;
					rows.push(row(p, 'booked'));
				} else if (rnd() < 0.3) rows.push(row(p, 'cancelled'));
			});
		}
	}
	const futureRows = rows.length;

	// The past year, newest day first, until the total is reached: done and no-shows on distinct
	// positions, cancelled ones where nobody came and, now and then, as a rebooked time's ghost.
	const pastPositions: Position[] = [];
	for (let day = 1; day <= PAST_DAYS && rows.length < TOTAL; day++) {
		const date = addDays(today, -day);
		for (const c of counterPlans) {
			eachPosition(c.id, c.served, c.hours, date, (p) => {
				if (rows.length >= TOTAL) return;
				pastPositions.push(p);
				if (rnd() < PAST_FILL) rows.push(row(p, pastStatus()));
				else rows.push(row(p, 'cancelled'));
				if (rows.length < TOTAL && rnd() < 0.1) rows.push(row(p, 'cancelled'));
			});
		}
	}
	// A year of counters may hold fewer positions than asked: top up with cancellations, which
	// the unique index does not cover.
	while (rows.length < TOTAL && pastPositions.length) rows.push(row(pastPositions[Math.floor(rnd() * pastPositions.length)], 'cancelled'));
	rows.length = Math.min(rows.length, TOTAL);

	db().transaction((tx) => {
		for (let i = 0; i < rows.length; i += 400) tx.insert(tables.appointments).values(rows.slice(i, i + 400)).run();
	});
	const setupMs = performance.now() - tSetup;

	const statusMix = Object.fromEntries(
		db()
			.select({ status: tables.appointments.status, n: sql<number>`count(*)` })
			.from(tables.appointments)
			.groupBy(tables.appointments.status)
			.all()
			.map((r) => [r.status, r.n])
	);
	const total = db().select({ n: sql<number>`count(*)` }).from(tables.appointments).get()!.n;

	const digital: Actor = { channel: 'digital', assistance: 'none' };
	const phone: Actor = { channel: 'phone', assistance: 'on_behalf', staff: null };
	const cases = [
		{ label: 'pas, citizen online', slug: 'pas', actor: digital, target: true },
		{ label: 'vejledning, citizen online', slug: 'vejledning', actor: digital, target: true },
		{ label: 'pas, staff for a caller', slug: 'pas', actor: phone, target: false }
	];
	const results = cases.map((c) => {
		const type = appointmentType(c.slug)!;
		const m = measure(() => availability({ type, extraTime: false, actor: c.actor }));
		const { last: days, ...figures } = m;
		return {
			label: c.label,
			type: c.slug,
			channel: c.actor.channel,
			...figures,
			days: days.length,
			slots: days.reduce((s, d) => s + d.slots.length, 0),
			targeted: c.target,
			met: figures.p95 < TARGET_P95_MS
		};
	});

	// book() itself, in process, on the same database: staff booking for a caller, so the time is
	// checked (availability over the day +-7 days) and inserted in one write transaction. Each time
	// is booked until its counters are full, then asked once more: the 'taken' path.
	const pas = appointmentType('pas')!;
	const staffUser = { id: 'bench-staff', username: 'bench', displayName: 'Bench', role: 'staff' as const, unit: 'Bench', passwordHash: 'x', active: true, createdAt: now };
	db().insert(tables.staffUsers).values(staffUser).run();
	const staffActor: Actor = { channel: 'phone', assistance: 'on_behalf', staff: { id: staffUser.id, role: 'staff' } };
	const candidates = availability({ type: pas, extraTime: false, actor: staffActor }).flatMap((d) => d.slots);
	const wanted = candidates.filter((_, i) => i % Math.max(1, Math.floor(candidates.length / BOOK_TIMES)) === 0).slice(0, BOOK_TIMES);
	const okTimes: number[] = [];
	const takenTimes: number[] = [];
	let wrong = 0;
	let n = 0;
	const attempt = (start: Date) => {
		const t = performance.now();
		const r = book({
			idempotencyKey: `bench-book-${n++}`,
			type: pas,
			start,
			extraTime: false,
			citizen: null,
			name: 'Bench',
			email: null,
			phone: null,
			interpreterLanguage: null,
			stepFree: false,
			submissionId: null,
			lang: 'da',
			actor: staffActor
		});
		return { r, took: performance.now() - t };
	};
	for (const slot of wanted) {
		for (let k = 0; k < slot.counterIds.length; k++) {
			const { r, took } = attempt(slot.start);
			if (r.ok) okTimes.push(took);
			else wrong++;
		}
		const { r, took } = attempt(slot.start);
		if (!r.ok && r.reason === 'taken') takenTimes.push(took);
		else wrong++;
	}
	const bookStats = (times: number[]) => {
		const s = [...times].sort((x, y) => x - y);
		const r3 = (v: number) => Math.round(v * 1000) / 1000;
		return { count: s.length, p50: r3(quantile(s, 0.5)), p95: r3(quantile(s, 0.95)), max: r3(s[s.length - 1] ?? NaN) };
	};

	// Overlapping active appointments on one counter (the generator's and book()'s), by a window
	// over each counter's appointments in start order: a self-join would be quadratic here.
	const overlaps = (
		db().$client
			.prepare(
				`SELECT count(*) AS n FROM (
				   SELECT start, max("end") OVER (PARTITION BY counter_id ORDER BY start, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
				   FROM appointments WHERE status <> 'cancelled')
				 WHERE start < prev_end`
			)
			.get() as { n: number }
	).n;

	const report = {
		appointments: total,
		statusMix,
		futureRows,
		futurePositions,
		futureActive,
		futureFill: futurePositions ? Math.round((futureActive / futurePositions) * 1000) / 10 : 0,
		horizonDays: settings.horizonDays,
		setupMs: Math.round(setupMs),
		runs: RUNS,
		warmup: WARMUP,
		targetP95Ms: TARGET_P95_MS,
		results,
		book: { booked: bookStats(okTimes), taken: bookStats(takenTimes), unexpected: wrong, overlaps }
	};
	if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(report, null, 2));
	else console.log(JSON.stringify(report, null, 2));

	// Sanity of the bench itself, not a timing assertion: the data must be what we claim.
	expect(total).toBe(TOTAL);
	expect(results[0].slots).toBeGreaterThan(0);
});
