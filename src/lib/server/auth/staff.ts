import { and, eq, isNull, lt } from 'drizzle-orm';
import { db, first, tables } from '$lib/server/db';
import type { StaffUser } from '$lib/server/db/schema';
import { logStaffEvent } from '$lib/server/audit/changes';
import { hashPassword, verifyPassword } from './password';
import { staffLoginLimiter } from './rate-limit';
import { isRecoveryCode, oldestUsableStep, recoveryCodeHash, totpSteps } from './second-factor';

export type Refusal =
	| { ok: false; reason: 'invalid' | 'no_second_factor' | 'wrong_code' | 'reused_code' }
	| { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

export type StaffLoginResult = { ok: true; staff: StaffUser } | Refusal;

// Unknown users are checked against a real hash too, so that timing does not tell who exists.
let dummyHash: Promise<string> | undefined;

function limited(waitMs: number): Refusal {
	return { ok: false, reason: 'rate_limited', retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/**
 * The password step. Failures slow down the account from this client only (so that nobody can
 * lock a colleague out), and a client that tries many accounts is stopped by its address.
 */
export async function staffLogin(username: string, password: string, ip: string): Promise<StaffLoginResult> {
	const name = username.toLowerCase();
	const accountKey = `${name}|${ip}`;
	const [account, address] = await Promise.all([staffLoginLimiter.account.attempt(accountKey), staffLoginLimiter.ip.hit(ip)]);
	if (!account.allowed) return limited(account.waitMs);
	if (address.blocked) return limited(address.waitMs);

	const staff = await first(db().select().from(tables.staffUsers).where(eq(tables.staffUsers.username, name)).limit(1));
	const valid = await verifyPassword(staff?.passwordHash || (await (dummyHash ??= hashPassword(crypto.randomUUID()))), password);
	if (!staff || !valid || !staff.active) return { ok: false, reason: 'invalid' };
	await Promise.all([staffLoginLimiter.account.reset(accountKey), staffLoginLimiter.ip.forgive(ip)]);
	// A password alone never signs anyone in; an account from before second factors needs a new set-up link.
	if (!staff.totpKey) {
		await logStaffEvent(null, staff.id, 'sign_in_refused', { reason: 'no_second_factor' });
		return { ok: false, reason: 'no_second_factor' };
	}
	return { ok: true, staff };
}

/** The second step: a code from the app, or a recovery code; each is good once. */
export async function checkSecondFactor(staff: StaffUser, input: string, ip: string, now = Date.now()): Promise<StaffLoginResult> {
	const key = `2fa:${staff.id}|${ip}`;
	const attempt = await staffLoginLimiter.account.attempt(key, now);
	if (!attempt.allowed) return limited(attempt.waitMs);
	const u = tables.staffUsers;
	if (isRecoveryCode(input)) {
		const used = await db()
			.update(tables.staffRecoveryCodes)
			.set({ usedAt: new Date(now) })
			.where(
				and(
					eq(tables.staffRecoveryCodes.codeHash, recoveryCodeHash(input)),
					eq(tables.staffRecoveryCodes.staffId, staff.id),
					isNull(tables.staffRecoveryCodes.usedAt)
				)
			)
			.returning({ codeHash: tables.staffRecoveryCodes.codeHash });
		if (!used.length) return refused(staff, 'wrong_code');
		await logStaffEvent(null, staff.id, 'recovery_code_used');
	} else {
		const steps = totpSteps(staff.totpKey!, input, now);
		if (!steps.length) return refused(staff, 'wrong_code');
		if (!(await useTotpStep(staff.id, steps, now))) {
			// The app's own code, used a moment ago (a colleague on a shared account, a double click): no guess, so no wait.
			await staffLoginLimiter.account.forgive(key);
			return refused(staff, 'reused_code');
		}
	}
	await staffLoginLimiter.account.reset(key);
	await db().update(u).set({ lastLoginAt: new Date(now) }).where(eq(u.id, staff.id));
	await logStaffEvent(null, staff.id, 'signed_in', { method: 'password' });
	return { ok: true, staff };
}

/**
 * Marks one of the code's steps used, in one statement each: of two sign-ins with the same code
 * at once, one gets the step and the other is told the code was used.
 */
export async function useTotpStep(staffId: string, steps: number[], now: number): Promise<boolean> {
	const t = tables.staffTotpSteps;
	await db()
		.delete(t)
		.where(and(eq(t.staffId, staffId), lt(t.step, oldestUsableStep(now))));
	for (const step of steps) {
		const used = await db().insert(t).values({ staffId, step, usedAt: new Date(now) }).onConflictDoNothing().returning({ step: t.step });
		if (used.length) return true;
	}
	return false;
}

async function refused(staff: StaffUser, reason: 'wrong_code' | 'reused_code'): Promise<Refusal> {
	await logStaffEvent(null, staff.id, 'sign_in_refused', { reason });
	return { ok: false, reason };
}
