import { randomInt } from 'node:crypto';
import { and, desc, eq, gt, lte } from 'drizzle-orm';
import { db, tables } from '$lib/server/db';
import type { Session, StaffUser } from '$lib/server/db/schema';
import { recordContactEvent } from '$lib/server/channels/events';
import { FailureLimiter } from '$lib/server/auth/rate-limit';
import { endedGuidance } from '$lib/server/auth/session';

export const HELP_CODE_MINUTES = 30;
/** Once a code is entered, the citizen's session counts as guided for this long, or until they end it. */
const GUIDED_HOURS = 2;

/**
 * Six digits are easy to read aloud and to type on a phone. With one use, thirty minutes,
 * one live code per helper and a limit on wrong tries per citizen, guessing one is hopeless.
 */
export function issueHelpCode(staff: Pick<StaffUser, 'id' | 'role'>, now = new Date()) {
	return db().transaction(
		(tx) => {
			// A new code replaces the helper's unused one: fewer live codes to hit by chance.
			tx.delete(tables.helpCodes).where(eq(tables.helpCodes.staffId, staff.id)).run();
			let code: string;
			do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
			while (tx.select({ id: tables.helpCodes.id }).from(tables.helpCodes).where(and(eq(tables.helpCodes.code, code), gt(tables.helpCodes.expiresAt, now))).get());
			const expiresAt = new Date(now.getTime() + HELP_CODE_MINUTES * 60_000);
			tx.insert(tables.helpCodes).values({ code, staffId: staff.id, staffRole: staff.role, createdAt: now, expiresAt }).run();
			return { code, expiresAt };
		},
		{ behavior: 'immediate' }
	);
}

/** Ten wrong codes per citizen in thirty minutes, however often they sign in again. */
export const helpCodeLimiter = new FailureLimiter(10, HELP_CODE_MINUTES * 60_000);

export function normaliseHelpCode(input: unknown): string {
	return typeof input === 'string' ? input.replace(/\D/g, '') : '';
}

/**
 * The citizen, signed in on their own device, enters the helper's code. From then on their
 * session's contact events say `guided` and carry the helper's role, never who it was: the
 * used code is deleted, so nothing links the helper to the citizen afterwards.
 */
export function redeemHelpCode(session: Pick<Session, 'id' | 'citizenId'>, code: string, now = new Date()): 'ok' | 'invalid' | 'limited' {
	const key = `citizen:${session.citizenId ?? session.id}`;
	if (helpCodeLimiter.blockedFor(key, now.getTime())) return 'limited';
	const h = tables.helpCodes;
	const found = db().transaction(
		(tx) => {
			const row = tx.select().from(h).where(and(eq(h.code, code), gt(h.expiresAt, now))).get();
			if (!row) return null;
			tx.delete(h).where(eq(h.id, row.id)).run();
			tx.update(tables.sessions)
				.set({ guideRole: row.staffRole, guideUntil: new Date(now.getTime() + GUIDED_HOURS * 3600_000) })
				.where(eq(tables.sessions.id, session.id))
				.run();
			return row;
		},
		{ behavior: 'immediate' }
	);
	if (found) return 'ok';
	helpCodeLimiter.fail(key, now.getTime());
	return 'invalid';
}

export function endGuidance(sessionId: string): void {
	db().update(tables.sessions).set(endedGuidance).where(eq(tables.sessions.id, sessionId)).run();
}

export function purgeExpiredHelpCodes(now = new Date()): number {
	return db().delete(tables.helpCodes).where(lte(tables.helpCodes.expiresAt, now)).run().changes;
}

/** Help that produced no transaction: what a helper most often shows people, besides the services. */
export const helpTopics = ['hjaelp-mitid', 'hjaelp-digital-post', 'hjaelp-borger-dk', 'hjaelp-indgang'] as const;

/** A second tap on the same topic this soon is the same help, not another citizen. */
const DOUBLE_TAP_MS = 5_000;
const lastTaps = new Map<string, number>();

/**
 * One tap: an information contact, given in person and guided, with the helper's role only.
 * Returns false for a double tap, which records nothing.
 */
export function recordHelp(staff: Pick<StaffUser, 'id' | 'role'>, topic: string, at = new Date()): boolean {
	const key = `${staff.id}:${topic}`;
	const last = lastTaps.get(key);
	if (last !== undefined && at.getTime() - last < DOUBLE_TAP_MS) return false;
	lastTaps.set(key, at.getTime());
	if (lastTaps.size > 10_000) lastTaps.clear();
	recordContactEvent({ event: 'helped', channel: 'counter', assistance: 'guided', kind: 'information', serviceSlug: topic, staffRole: staff.role, at });
	return true;
}

/** The helper's newest code that can still be used, so a reload shows it again. */
export function currentHelpCode(staffId: string, now = new Date()) {
	const h = tables.helpCodes;
	return db()
		.select({ code: h.code, expiresAt: h.expiresAt })
		.from(h)
		.where(and(eq(h.staffId, staffId), gt(h.expiresAt, now)))
		.orderBy(desc(h.createdAt))
		.get();
}
