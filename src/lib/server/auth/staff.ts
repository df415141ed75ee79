import { eq } from 'drizzle-orm';
import { db, tables } from '$lib/server/db';
import type { StaffUser } from '$lib/server/db/schema';
import { hashPassword, verifyPassword } from './password';
import { staffLoginLimiter } from './rate-limit';

export type StaffLoginResult =
	| { ok: true; staff: StaffUser }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'rate_limited'; retryAfterMinutes: number };

// Unknown users are checked against a real hash too, so that timing does not tell who exists.
let dummyHash: Promise<string> | undefined;

export async function staffLogin(username: string, password: string, ip: string): Promise<StaffLoginResult> {
	const userKey = `user:${username.toLowerCase()}`;
	const ipKey = `ip:${ip}`;
	const wait = Math.max(staffLoginLimiter.user.blockedFor(userKey), staffLoginLimiter.ip.blockedFor(ipKey));
	if (wait > 0) return { ok: false, reason: 'rate_limited', retryAfterMinutes: Math.ceil(wait / 60_000) };

	// Counted before the slow hash check, so that parallel attempts cannot slip past the limit.
	staffLoginLimiter.user.fail(userKey);
	staffLoginLimiter.ip.fail(ipKey);
	const staff = db().select().from(tables.staffUsers).where(eq(tables.staffUsers.username, username.toLowerCase())).get();
	const valid = await verifyPassword(staff?.passwordHash ?? (await (dummyHash ??= hashPassword(crypto.randomUUID()))), password);
	if (!staff || !valid || !staff.active) return { ok: false, reason: 'invalid' };
	staffLoginLimiter.user.reset(userKey);
	staffLoginLimiter.ip.forgive(ipKey);
	return { ok: true, staff };
}
