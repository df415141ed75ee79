import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, first, tables } from '$lib/server/db';
import { useTestDatabase } from '$lib/server/db/testing';
import { citizenFor } from './citizens';
import { hashPassword } from './password';
import { createSession, generateSessionToken, invalidateSession, validateSessionToken } from './session';
import { checkSecondFactor, staffLogin } from './staff';
import { BACKOFF, BackoffLimiter, backoffMs, FailureLimiter } from './rate-limit';
import { newTotpKey, recoveryCodeHash, totpCode, totpStep } from './second-factor';
import { changesOf } from '$lib/server/audit/changes';
import type { StaffUser } from '$lib/server/db/schema';

useTestDatabase('auth');

describe('sessions', () => {
	it('store only a hash of the token, slide while used, and end on logout', async () => {
		vi.useFakeTimers({ now: new Date('2026-11-23T10:00:00Z'), toFake: ['Date'] });
		try {
			const citizen = await citizenFor({ cpr: '1209562468', name: null, loa: 'substantial', provider: 'test' });
			const token = generateSessionToken();
			const session = await createSession(token, { kind: 'citizen', citizenId: citizen.id, loa: 'substantial', provider: 'test' });
			expect(session.id).not.toContain(token);
			expect(await first(db().select().from(tables.sessions).where(eq(tables.sessions.id, token)))).toBeUndefined();

			const valid = await validateSessionToken(token);
			expect(valid.citizen?.name).toBe('Erik Prøvesen');
			expect(valid.session?.loa).toBe('substantial');
			expect((await validateSessionToken(generateSessionToken())).session).toBeNull();

			// 20 of 30 minutes gone: used now, the session is extended by a whole lifetime.
			vi.setSystemTime(new Date('2026-11-23T10:20:00Z'));
			expect((await validateSessionToken(token)).session?.expiresAt.toISOString()).toBe('2026-11-23T10:50:00.000Z');
			// Idle past the expiry: gone.
			vi.setSystemTime(new Date('2026-11-23T10:51:00Z'));
			expect((await validateSessionToken(token)).session).toBeNull();

			const second = generateSessionToken();
			const s2 = await createSession(second, { kind: 'citizen', citizenId: citizen.id, loa: 'high', provider: 'oidc' });
			await invalidateSession(s2.id);
			expect((await validateSessionToken(second)).session).toBeNull();
		} finally {
			vi.useRealTimers();
		}
	});
});

describe('staff login', () => {
	const key = Buffer.from(newTotpKey());
	const account = async (id: string, username: string, extra: Partial<StaffUser> = {}) => {
		await db()
			.insert(tables.staffUsers)
			.values({ id, username, passwordHash: await hashPassword('rigtig-kode'), displayName: 'T', role: 'staff', unit: 'Borgerservice', totpKey: key, createdAt: new Date(), ...extra });
		return (await first(db().select().from(tables.staffUsers).where(eq(tables.staffUsers.id, id))))!;
	};

	it('checks argon2id hashes; a password alone, without a second factor, signs nobody in', async () => {
		await account('s1', 'test');
		expect((await first(db().select().from(tables.staffUsers).where(eq(tables.staffUsers.id, 's1'))))!.passwordHash).toMatch(/^\$argon2id\$/);
		expect(await staffLogin('test', 'rigtig-kode', '10.0.0.1')).toMatchObject({ ok: true });
		expect(await staffLogin('TEST', 'rigtig-kode', '10.0.0.1')).toMatchObject({ ok: true });
		expect(await staffLogin('ukendt', 'x', '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
		await account('s0', 'uden-app', { totpKey: null });
		expect(await staffLogin('uden-app', 'rigtig-kode', '10.0.0.1')).toEqual({ ok: false, reason: 'no_second_factor' });
		// An account not yet set up has no password at all.
		await account('s00', 'ny', { passwordHash: '' });
		expect(await staffLogin('ny', '', '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
	});

	it('slows wrong passwords down for the account from that client only: nobody can lock a colleague out', async () => {
		await account('s2', 'kollega');
		for (let i = 0; i < 3; i++) expect(await staffLogin('kollega', 'forkert', '10.0.0.2')).toEqual({ ok: false, reason: 'invalid' });
		// The attacker's next try, even with the right password, waits.
		expect(await staffLogin('kollega', 'rigtig-kode', '10.0.0.2')).toEqual({ ok: false, reason: 'rate_limited', retryAfterSeconds: 1 });
		// The colleague at her own desk is not held back.
		expect(await staffLogin('kollega', 'rigtig-kode', '10.0.0.3')).toMatchObject({ ok: true });
	});

	it('holds the wait when many wrong passwords arrive at once', async () => {
		await account('s3', 'burst');
		const results = await Promise.all(Array.from({ length: 20 }, () => staffLogin('burst', 'forkert', '10.0.0.9')));
		expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(BACKOFF.free);
		expect(results.filter((r) => !r.ok && r.reason === 'rate_limited')).toHaveLength(20 - BACKOFF.free);
	});

	it('takes the app\'s code once, and a recovery code once, even when both arrive twice at once', async () => {
		const staff = await account('s4', 'kode');
		const now = Date.now();
		const code = totpCode(key, totpStep(now));
		const both = await Promise.all([checkSecondFactor(staff, code, '10.0.1.1', now), checkSecondFactor(staff, code, '10.0.1.2', now)]);
		expect(both.filter((r) => r.ok)).toHaveLength(1);
		expect(both.filter((r) => !r.ok && r.reason === 'reused_code')).toHaveLength(1);
		const again = (await first(db().select().from(tables.staffUsers).where(eq(tables.staffUsers.id, 's4'))))!;
		expect(again.lastLoginAt?.getTime()).toBe(now);
		expect(await checkSecondFactor(again, code, '10.0.1.3', now)).toEqual({ ok: false, reason: 'reused_code' });
		// The step before and after are other codes, each good once too.
		expect(await checkSecondFactor(again, totpCode(key, totpStep(now) - 1), '10.0.1.3', now)).toMatchObject({ ok: true });
		expect(await checkSecondFactor(again, totpCode(key, totpStep(now) - 1), '10.0.1.3', now)).toEqual({ ok: false, reason: 'reused_code' });
		// Steps past the skew are forgotten; a code that old is wrong, not reused.
		expect(await checkSecondFactor(again, code, '10.0.1.3', now + 120_000)).toEqual({ ok: false, reason: 'wrong_code' });
		expect(await checkSecondFactor(again, '000000', '10.0.1.3', now)).toMatchObject({ ok: false });

		await db().insert(tables.staffRecoveryCodes).values({ codeHash: recoveryCodeHash('abcde-fghij'), staffId: 's4' });
		const twice = await Promise.all([checkSecondFactor(again, 'ABCDE FGHIJ', '10.0.1.4', now), checkSecondFactor(again, 'abcdefghij', '10.0.1.5', now)]);
		expect(twice.filter((r) => r.ok)).toHaveLength(1);
		expect(await checkSecondFactor(again, 'abcde-fghij', '10.0.1.6', now)).toEqual({ ok: false, reason: 'wrong_code' });
		// Each refusal is in the account's history.
		const actions = (await changesOf('staff_user', 's4')).map((c) => `${c.action}:${(c.detail as { reason?: string } | null)?.reason ?? ''}`);
		expect(actions).toContain('sign_in_refused:reused_code');
		expect(actions).toContain('recovery_code_used:');
	});

	it('waits longer after each failure past the free ones, and forgets after a reset', async () => {
		const limiter = new BackoffLimiter('test-backoff');
		for (let i = 0; i < BACKOFF.free; i++) expect(await limiter.attempt('k', 0)).toEqual({ allowed: true });
		expect(await limiter.attempt('k', 10)).toEqual({ allowed: false, waitMs: 990 });
		expect(await limiter.attempt('k', 1000)).toEqual({ allowed: true });
		expect(await limiter.attempt('k', 1000)).toEqual({ allowed: false, waitMs: 2000 });
		expect(await limiter.attempt('k', 3000)).toEqual({ allowed: true });
		expect(await limiter.attempt('k', 3000)).toEqual({ allowed: false, waitMs: 4000 });
		expect(await limiter.attempt('other', 3000)).toEqual({ allowed: true });
		expect(backoffMs(100)).toBe(BACKOFF.maxMs);
		await limiter.reset('k');
		expect(await limiter.attempt('k', 3000)).toEqual({ allowed: true });
	});

	it('locks a key out after the most failures in a window, forgets them when the window has passed, and keeps keys apart', async () => {
		const limiter = new FailureLimiter('test', 2, 1000);
		expect(await limiter.hit('k', 0)).toEqual({ blocked: false, waitMs: 0 });
		expect(await limiter.hit('k', 10)).toEqual({ blocked: false, waitMs: 0 });
		// The limit is reached: the key waits until the window that began with its first failure ends.
		expect(await limiter.blockedFor('k', 20)).toBe(980);
		expect(await limiter.hit('k', 20)).toEqual({ blocked: true, waitMs: 980 });
		// Another key, and the same key in another limiter, are not held back by it.
		expect(await limiter.blockedFor('other', 20)).toBe(0);
		expect(await limiter.hit('other', 20)).toEqual({ blocked: false, waitMs: 0 });
		expect(await new FailureLimiter('test-other', 2, 1000).blockedFor('k', 20)).toBe(0);
		// The window has passed: the failures are forgotten, and counting starts afresh.
		expect(await limiter.blockedFor('k', 1000)).toBe(0);
		expect(await limiter.hit('k', 1000)).toEqual({ blocked: false, waitMs: 0 });
		expect(await limiter.hit('k', 1010)).toEqual({ blocked: false, waitMs: 0 });
		expect(await limiter.blockedFor('k', 1020)).toBe(980);
		// A reset forgets them at once.
		await limiter.reset('k');
		expect(await limiter.blockedFor('k', 1030)).toBe(0);
		expect(await limiter.hit('k', 1030)).toEqual({ blocked: false, waitMs: 0 });
	});
});
