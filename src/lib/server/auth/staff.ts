import { eq } from 'drizzle-orm';
import { db, first, tables } from '$lib/server/db';
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
	// Counted before the slow hash check, so that parallel attempts cannot slip past the limit.
	const [user, address] = await Promise.all([staffLoginLimiter.user.hit(userKey), staffLoginLimiter.ip.hit(ipKey)]);
	const wait = Math.max(user.waitMs, address.waitMs);
	if (user.blocked || address.blocked) return { ok: false, reason: 'rate_limited', retryAfterMinutes: Math.max(1, Math.ceil(wait / 60_000)) };

	const staff = await first(db().select().from(tables.staffUsers).where(eq(tables.staffUsers.username, username.toLowerCase())).limit(1));
	const valid = await verifyPassword(staff?.passwordHash ?? (await (dummyHash ??= hashPassword(crypto.randomUUID()))), password);
	if (!staff || !valid || !staff.active) return { ok: false, reason: 'invalid' };
	await Promise.all([staffLoginLimiter.user.reset(userKey), staffLoginLimiter.ip.forgive(ipKey)]);
	return { ok: true, staff };
}
