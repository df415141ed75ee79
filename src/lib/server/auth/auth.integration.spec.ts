import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, first, tables } from '$lib/server/db';
import { useTestDatabase } from '$lib/server/db/testing';
import { citizenFor } from './citizens';
import { hashPassword } from './password';
import { createSession, generateSessionToken, invalidateSession, validateSessionToken } from './session';
import { staffLogin } from './staff';
import { FailureLimiter } from './rate-limit';

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
	it('checks argon2id hashes and limits failures per user', async () => {
		const passwordHash = await hashPassword('rigtig-kode');
		expect(passwordHash).toMatch(/^\$argon2id\$/);
		await db()
			.insert(tables.staffUsers)
			.values({ id: 's1', username: 'test', passwordHash, displayName: 'T', role: 'staff', unit: 'Borgerservice', createdAt: new Date() });
		expect(await staffLogin('test', 'rigtig-kode', '10.0.0.1')).toMatchObject({ ok: true });
		expect(await staffLogin('TEST', 'rigtig-kode', '10.0.0.1')).toMatchObject({ ok: true });
		expect(await staffLogin('ukendt', 'x', '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
		for (let i = 0; i < 5; i++) expect(await staffLogin('test', 'forkert', '10.0.0.2')).toEqual({ ok: false, reason: 'invalid' });
		// Even the right password waits once the limit is reached.
		expect(await staffLogin('test', 'rigtig-kode', '10.0.0.3')).toMatchObject({ ok: false, reason: 'rate_limited', retryAfterMinutes: 15 });
	});

	it('holds the limit when many wrong passwords arrive at once', async () => {
		const results = await Promise.all(Array.from({ length: 20 }, () => staffLogin('burst', 'forkert', '10.0.0.9')));
		expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(5);
		expect(results.filter((r) => !r.ok && r.reason === 'rate_limited')).toHaveLength(15);
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
