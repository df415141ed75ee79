import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { aliasedTable, eq, lte } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import { db, first, tables } from '$lib/server/db';
import type { LevelOfAssurance } from '$lib/server/identity/types';
import { kioskIdleSeconds, servingIdleSeconds, staffIdleSeconds } from '$lib/server/config';
import type { Session } from '$lib/server/db/schema';

/** Citizens' sessions are short, as with MitID. */
const CITIZEN_IDLE_MS = 30 * 60 * 1000;
/** However busy: a citizen signs in again after 8 hours, staff after a 12-hour day. */
const MAX_AGE_MS = { citizen: 8 * 3600_000, staff: 12 * 3600_000 };
/** Between a staff password and its second factor. */
const SECOND_FACTOR_MS = 5 * 60_000;

/** Serving a citizen ends by itself when the counter has been quiet this long. */
export function servingIdleMs(): number {
	return servingIdleSeconds() * 1000;
}
export const SESSION_COOKIE = 'indgang_session';
/** Marks a shared device; it holds no personal data, only that the device is a kiosk. */
export const KIOSK_COOKIE = 'indgang_kiosk';

/** How long the session lives without a request: a kiosk's is short, for the next person in line. */
export function idleLimitMs(session: Pick<Session, 'kind' | 'kiosk' | 'awaitingSecondFactor'>): number {
	if (session.awaitingSecondFactor) return SECOND_FACTOR_MS;
	if (session.kind === 'staff') return staffIdleSeconds() * 1000;
	return session.kiosk ? kioskIdleSeconds() * 1000 : CITIZEN_IDLE_MS;
}

/** When the session ends if used from now on: an idle limit later, but never past its maximum age. */
export function expiryFrom(session: Pick<Session, 'kind' | 'kiosk' | 'awaitingSecondFactor' | 'createdAt'>, now: number): Date {
	const end = session.createdAt.getTime() + (session.awaitingSecondFactor ? SECOND_FACTOR_MS : MAX_AGE_MS[session.kind]);
	return new Date(Math.min(now + idleLimitMs(session), end));
}

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

function sessionIdOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export type NewSession = (
	| { kind: 'citizen'; citizenId: string; loa: LevelOfAssurance; provider: string }
	| { kind: 'staff'; staffId: string; loa: LevelOfAssurance; provider: string; awaitingSecondFactor?: boolean }
) & { kiosk?: boolean };

export async function createSession(token: string, input: NewSession): Promise<Session> {
	const now = Date.now();
	const kiosk = !!input.kiosk;
	const awaitingSecondFactor = input.kind === 'staff' && !!input.awaitingSecondFactor;
	const session: Session = {
		id: sessionIdOf(token),
		kind: input.kind,
		citizenId: input.kind === 'citizen' ? input.citizenId : null,
		staffId: input.kind === 'staff' ? input.staffId : null,
		loa: input.loa,
		provider: input.provider,
		createdAt: new Date(now),
		expiresAt: expiryFrom({ kind: input.kind, kiosk, awaitingSecondFactor, createdAt: new Date(now) }, now),
		kiosk,
		awaitingSecondFactor,
		assistedCitizenId: null,
		assistedChannel: null,
		assistedService: null,
		assistedActiveAt: null,
		actingForCitizenId: null,
		actingReference: null,
		actingServices: null,
		guideRole: null,
		guideUnit: null,
		guideUntil: null
	};
	await db().insert(tables.sessions).values(session);
	return session;
}

const noSession = { session: null, citizen: null, staff: null, assisted: null, actingFor: null, awaitingSecondFactor: null } as const;

/**
 * Sliding expiry: every use extends the session by its idle limit. The row is written at most
 * once a minute. A quiet assisted service and a guide's time run out here too.
 */
export async function validateSessionToken(token: string, now = Date.now()) {
	const id = sessionIdOf(token);
	const assistedCitizens = aliasedTable(tables.citizens, 'assisted_citizen');
	const givers = aliasedTable(tables.citizens, 'giver');
	const row = await first(
		db()
			.select({
			session: tables.sessions,
			citizen: tables.citizens,
			staff: tables.staffUsers,
			assisted: assistedCitizens,
			actingFor: givers
		})
		.from(tables.sessions)
		.leftJoin(tables.citizens, eq(tables.sessions.citizenId, tables.citizens.id))
		.leftJoin(tables.staffUsers, eq(tables.sessions.staffId, tables.staffUsers.id))
			.leftJoin(assistedCitizens, eq(tables.sessions.assistedCitizenId, assistedCitizens.id))
			.leftJoin(givers, eq(tables.sessions.actingForCitizenId, givers.id))
			.where(eq(tables.sessions.id, id))
			.limit(1)
	);
	if (!row) return noSession;
	const { session } = row;
	if (now >= session.expiresAt.getTime() || (row.staff && !row.staff.active)) {
		await db().delete(tables.sessions).where(eq(tables.sessions.id, id));
		return noSession;
	}
	// The password was right; until the second factor is, the session is nobody's.
	if (session.awaitingSecondFactor) return { ...noSession, awaitingSecondFactor: { session, staff: row.staff! } };
	const changes: Partial<Session> = {};
	let assisted = row.assisted;
	if (assisted && now - (session.assistedActiveAt?.getTime() ?? 0) >= servingIdleMs()) {
		Object.assign(changes, endedAssistance);
		assisted = null;
	} else if (assisted && now - (session.assistedActiveAt?.getTime() ?? 0) >= 60_000) {
		changes.assistedActiveAt = new Date(now);
	}
	if (session.guideUntil && now >= session.guideUntil.getTime()) Object.assign(changes, endedGuidance);
	const limit = idleLimitMs(session);
	const expiresAt = expiryFrom(session, now);
	if (expiresAt.getTime() - session.expiresAt.getTime() >= Math.min(60_000, limit / 4)) changes.expiresAt = expiresAt;
	if (Object.keys(changes).length) {
		Object.assign(session, changes);
		await db().update(tables.sessions).set(changes).where(eq(tables.sessions.id, id));
	}
	return { session, citizen: row.citizen, staff: row.staff, assisted, actingFor: session.actingForCitizenId ? row.actingFor : null, awaitingSecondFactor: null };
}

/**
 * "Stay signed in": a whole idle limit from now, whenever the last write was; serving a citizen
 * goes on as long as the session does.
 */
export async function extendSession(session: Session, now = Date.now()): Promise<Date> {
	const expiresAt = expiryFrom(session, now);
	const changes: Partial<Session> = { expiresAt, ...(session.assistedCitizenId ? { assistedActiveAt: new Date(now) } : {}) };
	await db().update(tables.sessions).set(changes).where(eq(tables.sessions.id, session.id));
	Object.assign(session, changes);
	return expiresAt;
}

/** Seconds until serving the citizen ends by itself, or null when nobody is being served. */
export function servingExpiresIn(session: Pick<Session, 'assistedCitizenId' | 'assistedActiveAt'>, now = Date.now()): number | null {
	if (!session.assistedCitizenId || !session.assistedActiveAt) return null;
	return Math.max(0, Math.floor((session.assistedActiveAt.getTime() + servingIdleMs() - now) / 1000));
}

export const endedAssistance = {
	assistedCitizenId: null,
	assistedChannel: null,
	assistedService: null,
	assistedActiveAt: null
} satisfies Partial<Session>;

export const endedGuidance = { guideRole: null, guideUnit: null, guideUntil: null } satisfies Partial<Session>;

export type SessionValidationResult = Awaited<ReturnType<typeof validateSessionToken>>;

export async function invalidateSession(sessionId: string): Promise<void> {
	await db().delete(tables.sessions).where(eq(tables.sessions.id, sessionId));
}

export async function purgeExpiredSessions(now = new Date()): Promise<number> {
	return (await db().delete(tables.sessions).where(lte(tables.sessions.expiresAt, now)).returning({ id: tables.sessions.id })).length;
}

/**
 * Signs this browser in: whatever session it held before ends (signing in as someone else, or
 * after a password, never leaves the old session usable), and the new one's cookie is set.
 */
export async function startSession(cookies: Cookies, input: NewSession): Promise<Session> {
	const previous = cookies.get(SESSION_COOKIE);
	if (previous) await invalidateSession(sessionIdOf(previous));
	const token = generateSessionToken();
	const session = await createSession(token, input);
	setSessionCookie(cookies, token, session.expiresAt);
	return session;
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

/** A staff member turns a shared device into a kiosk (or back); the mark lasts a year. */
export function setKioskCookie(cookies: Cookies, on: boolean): void {
	const options = { httpOnly: true, sameSite: 'lax', secure: true, path: '/' } as const;
	if (on) cookies.set(KIOSK_COOKIE, '1', { ...options, maxAge: 365 * 24 * 3600 });
	else cookies.delete(KIOSK_COOKIE, options);
}
