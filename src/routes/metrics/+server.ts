import { error } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { count, eq, min } from 'drizzle-orm';
import { metricsToken } from '$lib/server/config';
import { db, engineOf, first, tables } from '$lib/server/db';
import { jobSchedule } from '$lib/server/jobs';
import { machineSnapshots, mergeSnapshots, prometheusText } from '$lib/server/metrics';
import type { RequestHandler } from './$types';

function authorised(header: string | null, token: string): boolean {
	const given = Buffer.from(header?.replace(/^Bearer /, '') ?? '');
	const wanted = Buffer.from(token);
	return header?.startsWith('Bearer ') === true && given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * Prometheus figures, only for a scraper with METRICS_TOKEN as its bearer token (without one
 * configured there are none): requests and latency by route, the outbox's depth and its oldest
 * message's age, how late each scheduled job is, and the database pool. No personal data.
 */
export const GET: RequestHandler = async ({ request }) => {
	const token = metricsToken();
	if (!token) error(404, 'not_found');
	if (!authorised(request.headers.get('authorization'), token)) error(401, 'unauthorised');

	const now = Date.now();
	const o = tables.outbox;
	const pending = await first(db().select({ n: count(), oldest: min(o.createdAt) }).from(o).where(eq(o.status, 'pending')));
	const failed = await first(db().select({ n: count() }).from(o).where(eq(o.status, 'failed')));
	const leases = await db().select().from(tables.jobLeases);
	const lag = jobSchedule().map((job) => {
		const last = leases.find((l) => l.name === job.name)?.lastRunAt?.getTime();
		return { labels: { job: job.name }, value: last === undefined ? 0 : Math.max(0, (now - last - job.everyMs) / 1000) };
	});
	const pool = engineOf().pool;
	const gauges = [
		{ name: 'indgang_outbox_pending', help: 'Messages waiting to be sent.', values: [{ value: Number(pending?.n ?? 0) }] },
		{ name: 'indgang_outbox_failed', help: 'Messages that failed for good and wait for staff.', values: [{ value: Number(failed?.n ?? 0) }] },
		{
			name: 'indgang_outbox_oldest_pending_age_seconds',
			help: 'Age of the oldest message waiting to be sent.',
			values: [{ value: pending?.oldest ? (now - new Date(pending.oldest).getTime()) / 1000 : 0 }]
		},
		{ name: 'indgang_job_lag_seconds', help: 'How far past its period a scheduled job has not run.', values: lag },
		...(pool
			? [
					{ name: 'indgang_db_pool_connections', help: 'PostgreSQL connections of this process.', values: [{ labels: { state: 'total' }, value: pool.totalCount }, { labels: { state: 'idle' }, value: pool.idleCount }] },
					{ name: 'indgang_db_pool_waiting', help: 'Queries waiting for a connection.', values: [{ value: pool.waitingCount }] }
				]
			: [])
	];
	return new Response(prometheusText(mergeSnapshots(await machineSnapshots()), gauges), {
		headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' }
	});
};
