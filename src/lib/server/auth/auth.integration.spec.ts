import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, tables } from '$lib/server/db';
import { citizenFor } from './citizens';
import { hashPassword } from './password';
import { createSession, generateSessionToken, invalidateSession, validateSessionToken } from './session';
import { staffLogin } from './staff';
import { FailureLimiter } from './rate-limit';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'indgang-auth-'));
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = path.join(dataDir, 'test.db');

describe('sessions', () => {
	it('store only a hash of the token, slide while used, and end on logout', () => {
		vi.useFakeTimers({ now: new Date('2026-11-23T10:00:00Z'), toFake: ['Date'] });
		try {
			const citizen = citizenFor({ cpr: '1209562468', name: null, loa: 'substantial', provider: 'test' });
			const token = generateSessionToken();
			const session = createSession(token, { kind: 'citizen', citizenId: citizen.id, loa: 'substantial', provider: 'test' });
			expect(session.id).not.toContain(token);
			expect(db().select().from(tables.sessions).where(eq(tables.sessions.id, token)).get()).toBeUndefined();

			const valid = validateSessionToken(token);
			expect(valid.citizen?.name).toBe('Erik Prøvesen');
			expect(valid.session?.loa).toBe('substantial');
			expect(validateSessionToken(generateSessionToken()).session).toBeNull();

			// 20 of 30 minutes gone: used now, the session is extended by a whole lifetime.
			vi.setSystemTime(new Date('2026-11-23T10:20:00Z'));
			expect(validateSessionToken(token).session?.expiresAt.toISOString()).toBe('2026-11-23T10:50:00.000Z');
			// Idle past the expiry: gone.
			vi.setSystemTime(new Date('2026-11-23T10:51:00Z'));
			expect(validateSessionToken(token).session).toBeNull();

			const second = generateSessionToken();
			const s2 = createSession(second, { kind: 'citizen', citizenId: citizen.id, loa: 'high', provider: 'oidc' });
			invalidateSession(s2.id);
			expect(validateSessionToken(second).session).toBeNull();
		} finally {
			vi.useRealTimers();
		}
	});
});

describe('staff login', () => {
	it('checks argon2id hashes and limits failures per user', async () => {
		const passwordHash = await hashPassword('rigtig-kode');
		expect(passwordHash).toMatch(/^\$argon2id\$/);
		db().insert(tables.staffUsers)
			.values({ id: 's1', username: 'test', passwordHash, displayName: 'T', role: 'staff', unit: 'Borgerservice', createdAt: new Date() })
			.run();
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

	it('forgets failures when the window has passed', () => {
		const limiter = new FailureLimiter(2, 1000);
		limiter.fail('k', 0);
		limiter.fail('k', 10);
		expect(limiter.blockedFor('k', 20)).toBe(980);
		expect(limiter.blockedFor('k', 1000)).toBe(0);
	});
});
