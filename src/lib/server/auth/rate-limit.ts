/**
 * A fixed-window counter of failed attempts, in memory: enough for one server process, and
 * a restart only forgives a few failures. Keys are e.g. `user:<name>` and `ip:<addr>`.
 */
export class FailureLimiter {
	private windows = new Map<string, { count: number; resetAt: number }>();

	constructor(
		private readonly max: number,
		private readonly windowMs: number
	) {}

	/** Milliseconds until the key may try again, or 0 when it may try now. */
	blockedFor(key: string, now = Date.now()): number {
		const w = this.windows.get(key);
		if (!w || w.resetAt <= now) return 0;
		return w.count >= this.max ? w.resetAt - now : 0;
	}

	/** Counts an attempt; callers count before checking, and reset on success. */
	fail(key: string, now = Date.now()): void {
		const w = this.windows.get(key);
		if (!w || w.resetAt <= now) this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
		else w.count++;
		if (this.windows.size > 10_000) this.sweep(now);
	}

	/** Takes back one counted attempt (a success from a shared address). */
	forgive(key: string): void {
		const w = this.windows.get(key);
		if (w && w.count > 0) w.count--;
	}

	reset(key: string): void {
		this.windows.delete(key);
	}

	private sweep(now: number) {
		for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
	}
}

/** Five wrong passwords for a user, or thirty from one address, in fifteen minutes. */
export const staffLoginLimiter = {
	user: new FailureLimiter(5, 15 * 60 * 1000),
	ip: new FailureLimiter(30, 15 * 60 * 1000)
};
