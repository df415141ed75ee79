import { eq, gt, lte, sql, and } from 'drizzle-orm';
import { db, first, tables } from '$lib/server/db';

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
	async forgive(key: string): Promise<void> {
		const t = tables.rateLimits;
		await db()
			.update(t)
			.set({ count: sql`${t.count} - 1` })
			.where(and(eq(t.key, this.row(key)), gt(t.count, 0)));
	}

	async reset(key: string): Promise<void> {
		await db().delete(tables.rateLimits).where(eq(tables.rateLimits.key, this.row(key)));
	}
}

/** Windows that have ended hold nothing any limit still needs. */
export async function purgeRateLimits(now = new Date()): Promise<number> {
	return (await db().delete(tables.rateLimits).where(lte(tables.rateLimits.resetAt, now)).returning({ key: tables.rateLimits.key })).length;
}

/** Five wrong passwords for a user, or thirty from one address, in fifteen minutes. */
export const staffLoginLimiter = {
	user: new FailureLimiter('login-user', 5, 15 * 60 * 1000),
	ip: new FailureLimiter('login-ip', 30, 15 * 60 * 1000)
};
