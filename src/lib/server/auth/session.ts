import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq, lte } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import { db, tables } from '$lib/server/db';
import type { LevelOfAssurance } from '$lib/server/identity/types';

/** Citizens' sessions are short, as with MitID; staff work a whole day. */
const LIFETIME = { citizen: 30 * 60 * 1000, staff: 10 * 60 * 60 * 1000 } as const;
export const SESSION_COOKIE = 'indgang_session';

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

function sessionIdOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export type NewSession =
	| { kind: 'citizen'; citizenId: string; loa: LevelOfAssurance; provider: string }
	| { kind: 'staff'; staffId: string; loa: LevelOfAssurance; provider: string };

export function createSession(token: string, input: NewSession) {
	const now = Date.now();
	const session = {
		id: sessionIdOf(token),
		kind: input.kind,
		citizenId: input.kind === 'citizen' ? input.citizenId : null,
		staffId: input.kind === 'staff' ? input.staffId : null,
		loa: input.loa,
		provider: input.provider,
		createdAt: new Date(now),
		expiresAt: new Date(now + LIFETIME[input.kind])
	};
	db().insert(tables.sessions).values(session).run();
	return session;
}

/**
 * Sliding expiry: every use extends the session by a whole lifetime, so the idle limit is the
 * lifetime itself. The row is written at most once a minute.
 */
export function validateSessionToken(token: string) {
	const id = sessionIdOf(token);
	const row = db()
		.select({
			session: tables.sessions,
			citizen: tables.citizens,
			staff: tables.staffUsers
		})
		.from(tables.sessions)
		.leftJoin(tables.citizens, eq(tables.sessions.citizenId, tables.citizens.id))
		.leftJoin(tables.staffUsers, eq(tables.sessions.staffId, tables.staffUsers.id))
		.where(eq(tables.sessions.id, id))
		.get();
	if (!row) return { session: null, citizen: null, staff: null };
	const { session } = row;
	const now = Date.now();
	if (now >= session.expiresAt.getTime() || (row.staff && !row.staff.active)) {
		db().delete(tables.sessions).where(eq(tables.sessions.id, id)).run();
		return { session: null, citizen: null, staff: null };
	}
	const lifetime = LIFETIME[session.kind];
	if (now + lifetime - session.expiresAt.getTime() >= 60_000) {
		session.expiresAt = new Date(now + lifetime);
		db().update(tables.sessions).set({ expiresAt: session.expiresAt }).where(eq(tables.sessions.id, id)).run();
	}
	return { session, citizen: row.citizen, staff: row.staff };
}

export type SessionValidationResult = ReturnType<typeof validateSessionToken>;

export function invalidateSession(sessionId: string): void {
	db().delete(tables.sessions).where(eq(tables.sessions.id, sessionId)).run();
}

export function purgeExpiredSessions(now = new Date()): number {
	return db().delete(tables.sessions).where(lte(tables.sessions.expiresAt, now)).run().changes;
}

/** Always `secure`: browsers accept such cookies on http://localhost too, so dev needs no exception. */
export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: true,
		path: '/',
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: true, path: '/' });
}
