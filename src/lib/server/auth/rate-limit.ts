import { eq, gt, lte, sql, and, type SQL } from 'drizzle-orm';
import { db, first, tables } from '$lib/server/db';

async function takeBack(row: string): Promise<void> {
	const t = tables.rateLimits;
	await db()
		.update(t)
		.set({ count: sql`${t.count} - 1` })
		.where(and(eq(t.key, row), gt(t.count, 0)));
}

/**
 * Failed attempts counted in fixed windows, as rows: every instance counts into the same
 * window, and a restart forgives nothing. Callers count first (hit) and then check, so that
 * parallel attempts cannot slip past the limit between a check and its count.
 */
export class FailureLimiter {
	constructor(
		private readonly name: string,
		private readonly max: number,
		private readonly windowMs: number
	) {}

	private row(key: string) {
		return `${this.name}:${key}`;
	}

	/** Counts an attempt and says whether it is one too many, and for how long the key must wait. */
	async hit(key: string, now = Date.now()): Promise<{ blocked: boolean; waitMs: number }> {
		const t = tables.rateLimits;
		const fresh = sql`${t.resetAt} <= ${now}`;
		const [row] = await db()
			.insert(t)
			.values({ key: this.row(key), count: 1, resetAt: new Date(now + this.windowMs) })
			.onConflictDoUpdate({
				target: t.key,
				set: {
					count: sql`CASE WHEN ${fresh} THEN 1 ELSE ${t.count} + 1 END`,
					resetAt: sql`CASE WHEN ${fresh} THEN ${now + this.windowMs} ELSE ${t.resetAt} END`
				}
			})
			.returning({ count: t.count, resetAt: t.resetAt });
		const blocked = row.count > this.max;
		return { blocked, waitMs: blocked ? row.resetAt.getTime() - now : 0 };
	}

	/** Milliseconds until the key may try again, or 0 when it may try now (without counting). */
	async blockedFor(key: string, now = Date.now()): Promise<number> {
		const t = tables.rateLimits;
		const row = await first(db().select().from(t).where(and(eq(t.key, this.row(key)), gt(t.resetAt, new Date(now)))).limit(1));
		return row && row.count >= this.max ? row.resetAt.getTime() - now : 0;
	}

	/** Takes back one counted attempt (a success from a shared address). */
	forgive(key: string): Promise<void> {
		return takeBack(this.row(key));
	}

	async reset(key: string): Promise<void> {
		await db().delete(tables.rateLimits).where(eq(tables.rateLimits.key, this.row(key)));
	}
}

/** Windows that have ended hold nothing any limit still needs. */
export async function purgeRateLimits(now = new Date()): Promise<number> {
	return (await db().delete(tables.rateLimits).where(lte(tables.rateLimits.resetAt, now)).returning({ key: tables.rateLimits.key })).length;
}

/**
 * Growing waits between failures: a few free tries (a typing mistake costs nothing), then
 * 1 s, 2 s, 4 s … up to 15 minutes. A wrong guess every 15 minutes is no attack.
 */
export const BACKOFF = { free: 3, firstMs: 1000, maxMs: 15 * 60 * 1000 };

export function backoffMs(failures: number): number {
	if (failures < BACKOFF.free) return 0;
	return Math.min(BACKOFF.maxMs, BACKOFF.firstMs * 2 ** (failures - BACKOFF.free));
}

/** backoffMs in SQL, on both engines: a CASE for the cap, a shift for the doubling. */
function backoffSql(count: SQL): SQL {
	const cap = Math.ceil(Math.log2(BACKOFF.maxMs / BACKOFF.firstMs)) + BACKOFF.free;
	return sql`CASE WHEN ${count} < ${sql.raw(String(BACKOFF.free))} THEN 0 WHEN ${count} >= ${sql.raw(String(cap))} THEN ${sql.raw(String(BACKOFF.maxMs))} ELSE ${sql.raw(String(BACKOFF.firstMs))} * (1 << (${count} - ${sql.raw(String(BACKOFF.free))})) END`;
}

/**
 * Failures with growing waits, per key (for sign-in: the account and the client together, so
 * that nobody can lock anybody else out). An attempt is counted before it is checked, and only
 * when its wait is over, in one statement: parallel attempts cannot slip past the wait. A key
 * is forgotten after a quiet hour; a success resets it.
 */
export class BackoffLimiter {
	private readonly forgetMs = 60 * 60 * 1000;
	constructor(private readonly name: string) {}

	private row(key: string) {
		return `${this.name}:${key}`;
	}

	/** Counts an attempt, or says how long the key must wait before it may make one. */
	async attempt(key: string, now = Date.now()): Promise<{ allowed: true } | { allowed: false; waitMs: number }> {
		const t = tables.rateLimits;
		const lastAt = sql`(${t.resetAt} - ${this.forgetMs})`;
		const forgotten = sql`${t.resetAt} <= ${now}`;
		const counted = await db()
			.insert(t)
			.values({ key: this.row(key), count: 1, resetAt: new Date(now + this.forgetMs) })
			.onConflictDoUpdate({
				target: t.key,
				set: { count: sql`CASE WHEN ${forgotten} THEN 1 ELSE ${t.count} + 1 END`, resetAt: new Date(now + this.forgetMs) },
				setWhere: sql`${forgotten} OR ${lastAt} + ${backoffSql(sql`${t.count}`)} <= ${now}`
			})
			.returning({ count: t.count });
		if (counted.length) return { allowed: true };
		const row = await first(db().select().from(t).where(eq(t.key, this.row(key))).limit(1));
		const waitMs = row ? row.resetAt.getTime() - this.forgetMs + backoffMs(row.count) - now : 0;
		return waitMs > 0 ? { allowed: false, waitMs } : this.attempt(key, now);
	}

	/** Takes back one counted attempt: a try that was no guess (a code of the app's, used a moment ago). */
	forgive(key: string): Promise<void> {
		return takeBack(this.row(key));
	}

	async reset(key: string): Promise<void> {
		await db().delete(tables.rateLimits).where(eq(tables.rateLimits.key, this.row(key)));
	}
}

/**
 * Passwords and second factors: growing waits per account and client; and thirty failures
 * from one client address in fifteen minutes (behind a proxy, ADDRESS_HEADER and XFF_DEPTH
 * must name the real client, or everyone behind it shares this limit: see the README).
 */
export const staffLoginLimiter = {
	account: new BackoffLimiter('login-account'),
	ip: new FailureLimiter('login-ip', 30, 15 * 60 * 1000)
};
