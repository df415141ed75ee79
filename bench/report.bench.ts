/**
 * In-process benchmark of the manager's channel-shift report (issue: the full report for one year
 * over 1,000,000 contact events, server time, beside the time of the equivalent raw SQL on the
 * same database; target: ratio < 1.5 and < 300 ms). Run by `npm run bench` (scripts/bench.mjs)
 * through `vitest run --config bench/vitest.config.ts bench/report.bench.ts`; the figures are
 * printed, never asserted, and written as JSON to $BENCH_OUT for the combined report.
 *
 * A fresh SQLite file in a temporary directory is migrated and seeded like the server does it
 * (without the seed's own demo events), then filled with the demo generator's 1,000,000 events
 * for 2026. "Raw SQL" computes the same numbers straight from contact_events: the per-year
 * GROUP BY aggregates (the period's year and the year before) with the local-month CASE, and the
 * statements channelReport runs on contact_events for the journeys and the exempt group, captured
 * from one report call with their parameters. All run as prepared better-sqlite3 statements
 * with no arithmetic in JS. The report reads its counts from the monthly contact_counts instead.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Statement } from 'better-sqlite3';
import { instantAt } from '$lib/booking/time';
import { period, type Period } from '$lib/reports/period';
import { db } from '$lib/server/db';
import { seed } from '$lib/server/db/seed';
import { insertDemoEvents } from '$lib/server/reports/demo';
import { channelReport } from '$lib/server/reports/report';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'indgang-bench-report-'));
const dbFile = path.join(dataDir, 'bench.db');
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = dbFile;
process.env.CITIZEN_KEY_SECRET = 'bench-secret-for-citizen-keys';
process.env.SEED_DEMO_DATA = 'false'; // no demo staff, and not the seed's own 250,000 events

const TOTAL = Number(process.env.BENCH_CONTACTS || 1_000_000);
const RUNS = Number(process.env.BENCH_REPORT_RUNS || 5);
const WARMUP = 1;
/** Each statement on its own, for the breakdown: fewer runs, it only says where the time goes. */
const STATEMENT_RUNS = 3;
const YEAR = 2026;
/** 2027-01-01 00:00 in Copenhagen: the events fill 2026. */
const END = new Date('2026-12-31T23:00:00Z');
const TARGET_RATIO = 1.5;
const TARGET_MS = 300;

afterAll(() => {
	try {
		db().$client.close();
	} catch {
		/* already closed */
	}
	rmSync(dataDir, { recursive: true, force: true });
});

function quantile(sorted: number[], q: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
const r3 = (v: number) => Math.round(v * 1000) / 1000;
function stats(times: number[]) {
	const s = [...times].sort((a, b) => a - b);
	return { count: s.length, p50: r3(quantile(s, 0.5)), p95: r3(quantile(s, 0.95)), max: r3(s[s.length - 1] ?? NaN) };
}
function timed(fn: () => unknown): number {
	const t = performance.now();
	fn();
	return performance.now() - t;
}

type Method = 'all' | 'get' | 'run' | 'iterate' | 'pluck';
interface Captured {
	sql: string;
	method: Method;
	params: unknown[];
}

/**
 * The statements a call prepares and runs on the client, with their parameters: prepare() is
 * wrapped for the call's duration only.
 */
function capture(fn: () => unknown): Captured[] {
	const client = db().$client;
	const prepare = client.prepare;
	const seen: Captured[] = [];
	client.prepare = function (this: typeof client, source: string) {
		const statement = prepare.call(this, source) as Statement;
		return new Proxy(statement, {
			get(target, prop) {
				const value = Reflect.get(target, prop, target);
				if (typeof value !== 'function') return value;
				if (prop === 'all' || prop === 'get' || prop === 'run' || prop === 'iterate')
					return (...params: unknown[]) => {
						seen.push({ sql: source, method: prop, params });
						return value.apply(target, params);
					};
				return value.bind(target);
			}
		});
	} as typeof client.prepare;
	try {
		fn();
	} finally {
		client.prepare = prepare;
	}
	return seen;
}

function rawAggregates(year: number, scope: string[] | null): Captured[] {
	const months = period('year', year).months;
	const ends = months.map((_, i) => instantAt(i + 1 < 12 ? `${months[i + 1]}-01` : `${year + 1}-01-01`, 0)!.getTime());
	const scopeSql = scope ? ` AND service_slug IN (${scope.map(() => '?').join(',')})` : '';
	return [
		{
			sql: `SELECT CASE ${months.map(() => 'WHEN occurred_at < ? THEN ?').join(' ')} END AS month, service_slug, channel, assistance, kind, event, COUNT(*) AS count
			      FROM contact_events WHERE occurred_at >= ? AND occurred_at < ?${scopeSql}
			      GROUP BY month, service_slug, channel, assistance, kind, event`,
			method: 'all',
			params: [...months.flatMap((m, i) => [ends[i], m]), instantAt(`${year}-01-01`, 0)!.getTime(), ends[11], ...(scope ?? [])]
		}
	];
}

const firstLine = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 90);

function benchCase(label: string, p: Period, scope: string[] | null, targeted: boolean) {
	const client = db().$client;
	const captured = capture(() => channelReport(p, scope)).filter((c) => /\bcontact_events\b/.test(c.sql));
	// The report reads its counts from the monthly contact_counts; without them the same numbers
	// take a GROUP BY over the events themselves, months cut in Copenhagen time, for the
	// period's year and the year before. Those are the raw side's aggregates.
	const statements = [...rawAggregates(p.year, scope), ...rawAggregates(p.year - 1, scope), ...captured].map((c) => ({
		...c,
		statement: client.prepare(c.sql)
	}));
	const execute = (s: (typeof statements)[number]) => (s.method === 'all' ? s.statement.all(...s.params) : s.statement.get(...s.params));
	const raw = () => {
		for (const s of statements) execute(s);
	};

	for (let i = 0; i < WARMUP; i++) {
		channelReport(p, scope);
		raw();
	}
	// Interleaved, so that both see the same cache and machine state.
	const reportTimes: number[] = [];
	const rawTimes: number[] = [];
	const perStatement: number[][] = statements.map(() => []);
	let last: ReturnType<typeof channelReport> | undefined;
	for (let i = 0; i < RUNS; i++) {
		reportTimes.push(timed(() => (last = channelReport(p, scope))));
		rawTimes.push(timed(raw));
	}
	for (let i = 0; i < STATEMENT_RUNS; i++) statements.forEach((s, k) => perStatement[k].push(timed(() => execute(s))));
	const report = stats(reportTimes);
	const rawStats = stats(rawTimes);
	const ratio = r3(report.p50 / rawStats.p50);
	return {
		label,
		period: { kind: p.kind, year: p.year, n: p.n },
		scope,
		targeted,
		report,
		raw: rawStats,
		ratio,
		metRatio: ratio < TARGET_RATIO,
		metMs: report.p95 < TARGET_MS,
		met: ratio < TARGET_RATIO && report.p95 < TARGET_MS,
		statements: statements.map((s, k) => ({
			sql: firstLine(s.sql),
			method: s.method,
			rows: s.method === 'all' ? (execute(s) as unknown[]).length : 1,
			...stats(perStatement[k]),
			plan: (client.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params) as { detail: string }[]).map((r) => r.detail)
		})),
		figures: last && {
			contacts: last.summary.contacts,
			selfServiceShare: last.summary.selfServiceShare,
			graduation: last.graduation,
			dropout: last.dropout
		}
	};
}

it('channel-shift report for a year over 1,000,000 contact events (figures only)', async () => {
	db();
	await seed();
	const t0 = performance.now();
	const inserted = insertDemoEvents({ end: END, contactsPerYear: TOTAL, seed: 1 });
	const insertMs = performance.now() - t0;
	const client = db().$client;
	const t1 = performance.now();
	client.pragma('wal_checkpoint(TRUNCATE)');
	const checkpointMs = performance.now() - t1;
	const pages = client.pragma('page_count', { simple: true }) as number;
	const pageSize = client.pragma('page_size', { simple: true }) as number;
	const indexes = (client.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contact_events'`).all() as { name: string }[]).map((r) => r.name);

	const cases = [
		benchCase(`year ${YEAR}, all services`, period('year', YEAR), null, true),
		benchCase(`month ${YEAR}-06, all services`, period('month', YEAR, 6), null, false),
		benchCase(`year ${YEAR}, ansoeg-om-pas only`, period('year', YEAR), ['ansoeg-om-pas'], false)
	];

	const result = {
		events: inserted,
		insertMs: Math.round(insertMs),
		insertPerSecond: Math.round(inserted / (insertMs / 1000)),
		checkpointMs: Math.round(checkpointMs),
		dbBytes: statSync(dbFile).size,
		dbPagesBytes: pages * pageSize,
		indexes,
		eventsYearBefore: (client.prepare('SELECT count(*) AS n FROM contact_events WHERE occurred_at < ?').get(instantAt(`${YEAR}-01-01`, 0)!.getTime()) as { n: number }).n,
		runs: RUNS,
		warmup: WARMUP,
		target: { ratio: TARGET_RATIO, ms: TARGET_MS },
		cases
	};
	if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(result, null, 2));
	else console.log(JSON.stringify(result, null, 2));

	// Sanity of the bench itself, not a timing assertion: the data and the statements are what we claim.
	expect(Math.abs(inserted - TOTAL)).toBeLessThan(TOTAL * 0.01);
	for (const c of cases) expect(c.statements.length).toBeGreaterThanOrEqual(4);
	expect(cases[0].figures?.contacts).toBeGreaterThan(TOTAL / 2);
	// The kept monthly counts say what counting the events says.
	const [aggregate] = rawAggregates(YEAR, null);
	const rows = client.prepare(aggregate.sql).all(...aggregate.params) as { event: string; count: number }[];
	expect(rows.filter((r) => r.event !== 'form_started').reduce((n, r) => n + r.count, 0)).toBe(cases[0].figures?.contacts);
}, 1_800_000);
