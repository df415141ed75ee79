/**
 * In-process benchmark of the free-slot search (issue target: p95 < 20 ms with 20,000
 * appointments in the database). Run by `npm run bench` (scripts/bench.mjs) through
 * `vitest run --config bench/vitest.config.ts`; the figures are printed, never asserted, and
 * also written as JSON to $BENCH_OUT for the combined report.
 *
 * A fresh database of its own (useTestDatabase: a SQLite file in a temporary directory, or a
 * PostgreSQL database when TEST_PG_URL is set; `npm run bench` runs it on SQLite) is migrated
 * and seeded like the server does it, then filled directly through drizzle with 20,000
 * appointments: the future horizon's capacity on
 * every counter about 85 % full (so the search still finds real free times), the rest in the
 * past year, statuses mixed, and never two active appointments on one counter at one start (the
 * partial unique index `appointments_active_slot_uq` would refuse them anyway).
 */
import { writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { holidayOn } from '$lib/booking/holidays';
import { addDays, instantAt, isoWeekday, localDateOf, type LocalDate } from '$lib/booking/time';
import { availability, book, type Actor } from '$lib/server/booking/appointments';
import { appointmentRow } from '$lib/server/booking/fixtures';
import { mulberry32 } from '$lib/server/reports/demo';
import { appointmentType, bookingSettings, counterTypeSlugs, counters as activeCounters } from '$lib/server/booking/setup';
import { db, dialect, execute, first, rows as rawRows, tables, transaction } from '$lib/server/db';
import type { Appointment, AppointmentStatus, AppointmentType } from '$lib/server/db/schema';
import { useTestDatabase } from '$lib/server/db/testing';
import { seed } from '$lib/server/db/seed';
import { processOutbox } from '$lib/server/outbox';

// A fresh database of the file's own, migrated like the server's; dropped (or deleted) afterwards.
useTestDatabase('bench-booking');
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

async function measure<T>(fn: () => Promise<T>, runs = RUNS, warmup = WARMUP) {
	for (let i = 0; i < warmup; i++) await fn();
	const times: number[] = [];
	let last: T | undefined;
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		last = await fn();
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
	await seed();
	const settings = await bookingSettings();
	const now = new Date();
	const today = localDateOf(now);
	const types = new Map<string, AppointmentType>();
	const servedBy = await counterTypeSlugs();
	const hours = await db().select().from(tables.openingHours);
	for (const slugs of servedBy.values()) for (const slug of slugs) if (!types.has(slug)) types.set(slug, (await appointmentType(slug))!);
	const counterPlans = (await activeCounters()).map((c) => ({
		id: c.id,
		served: (servedBy.get(c.id) ?? []).map((slug) => types.get(slug)!),
		hours: hours.filter((h) => h.counterId === c.id)
	}));

	const rows: Appointment[] = [];
	const created = new Date(now.getTime() - 30 * 86_400_000);
	const row = (p: Position, status: AppointmentStatus): Appointment => {
		const n = rows.length;
		const id = `bench-${String(n).padStart(6, '0')}`;
		return appointmentRow({
			id,
			reference: `B${String(n).padStart(7, '0')}`,
			idempotencyKey: `bench-key-${n}`,
			typeSlug: p.type.slug,
			counterId: p.counterId,
			start: p.start,
			end: p.end,
			status,
			name: `Borger ${n}`,
			channel: rnd() < 0.7 ? 'digital' : 'phone',
			createdAt: created,
			checkedInAt: status === 'done' ? p.start : null,
			calledAt: status === 'done' ? p.start : null,
			calledCounterId: status === 'done' ? p.counterId : null
		});
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

	await transaction(async () => {
		for (let i = 0; i < rows.length; i += 400) await db().insert(tables.appointments).values(rows.slice(i, i + 400));
	});
	// PostgreSQL plans by its statistics: have them as autovacuum would after a load this size.
	if (dialect() === 'pg') await execute(sql`ANALYZE`);
	const setupMs = performance.now() - tSetup;

	// count(*) is a bigint (a string) on PostgreSQL: Number() on both.
	const statusMix = Object.fromEntries(
		(
			await db()
				.select({ status: tables.appointments.status, n: sql<number>`count(*)` })
				.from(tables.appointments)
				.groupBy(tables.appointments.status)
		).map((r) => [r.status, Number(r.n)])
	);
	const total = Number((await first(db().select({ n: sql<number>`count(*)` }).from(tables.appointments)))!.n);

	const digital: Actor = { channel: 'digital', assistance: 'none' };
	const phone: Actor = { channel: 'phone', assistance: 'on_behalf', staff: null };
	const cases = [
		{ label: 'pas, citizen online', slug: 'pas', actor: digital, target: true },
		{ label: 'vejledning, citizen online', slug: 'vejledning', actor: digital, target: true },
		{ label: 'pas, staff for a caller', slug: 'pas', actor: phone, target: false }
	];
	const results = [];
	for (const c of cases) {
		const type = (await appointmentType(c.slug))!;
		const m = await measure(() => availability({ type, extraTime: false, actor: c.actor }));
		const { last: days, ...figures } = m;
		results.push({
			label: c.label,
			type: c.slug,
			channel: c.actor.channel,
			...figures,
			days: days.length,
			slots: days.reduce((s, d) => s + d.slots.length, 0),
			targeted: c.target,
			met: figures.p95 < TARGET_P95_MS
		});
	}

	// book() itself, in process, on the same database: staff booking for a caller, so the time is
	// checked (availability over the day +-7 days) and inserted in one write transaction. Each time
	// is booked until its counters are full, then asked once more: the 'taken' path.
	const pas = (await appointmentType('pas'))!;
	const staffUser = { id: 'bench-staff', username: 'bench', displayName: 'Bench', role: 'staff' as const, unit: 'Bench', passwordHash: 'x', active: true, createdAt: now };
	await db().insert(tables.staffUsers).values(staffUser);
	const staffActor: Actor = { channel: 'phone', assistance: 'on_behalf', staff: { id: staffUser.id, role: 'staff' } };
	const candidates = (await availability({ type: pas, extraTime: false, actor: staffActor })).flatMap((d) => d.slots);
	const wanted = candidates.filter((_, i) => i % Math.max(1, Math.floor(candidates.length / BOOK_TIMES)) === 0).slice(0, BOOK_TIMES);
	const okTimes: number[] = [];
	const takenTimes: number[] = [];
	let wrong = 0;
	let n = 0;
	const attempt = async (start: Date) => {
		const t = performance.now();
		const r = await book({
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
			const { r, took } = await attempt(slot.start);
			if (r.ok) okTimes.push(took);
			else wrong++;
		}
		const { r, took } = await attempt(slot.start);
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
	const [{ n: overlapCount }] = await rawRows<{ n: number | string }>(
		sql`SELECT count(*) AS n FROM (
		      SELECT start, max("end") OVER (PARTITION BY counter_id ORDER BY start, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
		      FROM appointments WHERE status <> 'cancelled') AS w
		    WHERE start < prev_end`
	);
	const overlaps = Number(overlapCount);
	// book() starts an outbox run in the background: let it end before the database closes.
	await processOutbox(new Date(0));

	const report = {
		engine: dialect(),
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
