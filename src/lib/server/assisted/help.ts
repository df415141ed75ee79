import { randomInt } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { db, tables } from '$lib/server/db';
import type { StaffUser } from '$lib/server/db/schema';
import { recordContactEvent } from '$lib/server/channels/events';
import { FailureLimiter } from '$lib/server/auth/rate-limit';

export const HELP_CODE_MINUTES = 30;
/** Once a code is entered, the citizen's session counts as guided for this long, or until they end it. */
const GUIDED_HOURS = 2;

/**
 * Six digits are easy to read aloud and to type on a phone. With one use, thirty minutes
 * and a limit on wrong tries per session, guessing one is hopeless.
 */
export function issueHelpCode(staff: Pick<StaffUser, 'id' | 'role'>, now = new Date()) {
	return db().transaction(
		(tx) => {
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

/** Ten wrong codes per session in thirty minutes. */
export const helpCodeLimiter = new FailureLimiter(10, HELP_CODE_MINUTES * 60_000);

export function normaliseHelpCode(input: unknown): string {
	return typeof input === 'string' ? input.replace(/\D/g, '') : '';
}

/**
 * The citizen, signed in on their own device, enters the helper's code. From then on their
 * session's contact events say `guided` and carry the helper's role, never who it was.
 */
export function redeemHelpCode(sessionId: string, code: string, now = new Date()): 'ok' | 'invalid' | 'limited' {
	if (helpCodeLimiter.blockedFor(sessionId, now.getTime())) return 'limited';
	const h = tables.helpCodes;
	const found = db().transaction(
		(tx) => {
			const row = tx.select().from(h).where(and(eq(h.code, code), gt(h.expiresAt, now), isNull(h.usedAt))).get();
			if (!row) return null;
			tx.update(h).set({ usedAt: now }).where(eq(h.id, row.id)).run();
			tx.update(tables.sessions)
				.set({ guideRole: row.staffRole, guideUntil: new Date(now.getTime() + GUIDED_HOURS * 3600_000) })
				.where(eq(tables.sessions.id, sessionId))
				.run();
			return row;
		},
		{ behavior: 'immediate' }
	);
	if (found) return 'ok';
	helpCodeLimiter.fail(sessionId, now.getTime());
	return 'invalid';
}

export function endGuidance(sessionId: string): void {
	db().update(tables.sessions).set({ guideRole: null, guideUntil: null }).where(eq(tables.sessions.id, sessionId)).run();
}

/** Help that produced no transaction: what a helper most often shows people, besides the services. */
export const helpTopics = ['hjaelp-mitid', 'hjaelp-digital-post', 'hjaelp-borger-dk', 'hjaelp-indgang'] as const;

/** One tap: an information contact, given in person and guided, with the helper's role only. */
export function recordHelp(staff: Pick<StaffUser, 'role'>, topic: string, at = new Date()): void {
	recordContactEvent({ event: 'helped', channel: 'counter', assistance: 'guided', kind: 'information', serviceSlug: topic, staffRole: staff.role, at });
}

/** The helper's newest code that can still be used, so a reload shows it again. */
export function currentHelpCode(staffId: string, now = new Date()) {
	const h = tables.helpCodes;
	return db()
		.select({ code: h.code, expiresAt: h.expiresAt })
		.from(h)
		.where(and(eq(h.staffId, staffId), gt(h.expiresAt, now), isNull(h.usedAt)))
		.orderBy(desc(h.createdAt))
		.get();
}
