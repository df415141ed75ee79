import { and, eq, isNull, lte, or } from 'drizzle-orm';
import { purgeExpiredSessions } from '$lib/server/auth/session';
import { purgeOldAuditEntries } from '$lib/server/audit/log';
import { purgeRateLimits } from '$lib/server/auth/rate-limit';
import { purgeExpiredHelpCodes } from '$lib/server/assisted/help';
import { purgeOldAppointments } from '$lib/server/booking/appointments';
import { enqueueDueReminders } from '$lib/server/booking/notifications';
import { remindDueRequests } from '$lib/server/cases/dialogue';
import { appointmentRetentionDays, jobTickSeconds, reminderIntervalSeconds } from '$lib/server/config';
import { db, tables } from '$lib/server/db';
import { purgeExpiredDrafts } from '$lib/server/forms/drafts';
import { purgeClosedSubmissions } from '$lib/server/forms/submissions';
import { INSTANCE, processOutbox, releaseOutboxLeases } from '$lib/server/outbox';
import { log, reason } from '$lib/server/log';

interface Job {
	name: string;
	/** How often it runs, across all instances together. */
	everyMs: number;
	work: () => Promise<unknown>;
}

/**
 * The scheduled work. Every instance ticks, but a job runs once per period in all: the tick
 * that takes its lease runs it. The outbox needs no lease of its own here: its messages are
 * leased one by one, so every instance may send.
 */
const jobs: Job[] = [
	{ name: 'reminders', everyMs: reminderIntervalSeconds() * 1000, work: () => enqueueDueReminders() },
	{ name: 'case-reminders', everyMs: 60 * 60_000, work: () => remindDueRequests() },
	{
		name: 'purge',
		everyMs: 60 * 60_000,
		work: async () => {
			await purgeExpiredDrafts();
			await purgeClosedSubmissions();
			await purgeExpiredSessions();
			await purgeExpiredHelpCodes();
			await purgeRateLimits();
			await purgeOldAppointments(appointmentRetentionDays());
			await purgeOldAuditEntries();
		}
	}
];

/** The jobs and their periods, for /metrics' job lag. */
export const jobSchedule = () => jobs.map(({ name, everyMs }) => ({ name, everyMs }));

/** Longer than any run may take: an instance that dies mid-run leaves the job to the others after this. */
const LEASE_MS = 10 * 60_000;

/**
 * Takes a job's lease when the job is due and nobody holds it, in one statement (the row's
 * conditions are checked again as it is changed, so of two instances one wins).
 */
export async function claimJob(name: string, everyMs: number, now = new Date()): Promise<boolean> {
	const j = tables.jobLeases;
	await db().insert(j).values({ name }).onConflictDoNothing();
	const due = or(isNull(j.lastRunAt), lte(j.lastRunAt, new Date(now.getTime() - everyMs)));
	const free = or(isNull(j.leaseUntil), lte(j.leaseUntil, now));
	const taken = await db()
		.update(j)
		.set({ leaseUntil: new Date(now.getTime() + LEASE_MS), leasedBy: INSTANCE, lastRunAt: now })
		.where(and(eq(j.name, name), due, free))
		.returning({ name: j.name });
	return taken.length > 0;
}

async function releaseJob(name: string): Promise<void> {
	const j = tables.jobLeases;
	await db()
		.update(j)
		.set({ leaseUntil: null, leasedBy: null })
		.where(and(eq(j.name, name), eq(j.leasedBy, INSTANCE)));
}

const running = new Set<Promise<unknown>>();
let timers: NodeJS.Timeout[] = [];

function track(work: Promise<unknown>, what: string) {
	const tracked = work.catch((e: unknown) => log.error(`${what} failed`, { reason: reason(e) })).finally(() => running.delete(tracked));
	running.add(tracked);
}

async function tick(job: Job): Promise<void> {
	if (!(await claimJob(job.name, job.everyMs))) return;
	try {
		await job.work();
	} finally {
		await releaseJob(job.name);
	}
}

/** Background work of this process: the outbox every few seconds, the scheduled jobs when theirs. */
export function startJobs(): void {
	if (timers.length) return;
	const everyJob = () => {
		for (const job of jobs) track(tick(job), `job ${job.name}`);
	};
	everyJob();
	const period = jobTickSeconds() * 1000;
	timers = [setInterval(() => track(processOutbox(), 'outbox'), Math.min(5_000, period)), setInterval(everyJob, period)];
	for (const t of timers) t.unref();
}

/** At shutdown: no new work, the work in flight finished, and the outbox's leases given back. */
export async function stopJobs(): Promise<void> {
	for (const t of timers) clearInterval(t);
	timers = [];
	await Promise.all(running);
	await releaseOutboxLeases();
}
