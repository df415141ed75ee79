import { randomInt } from 'node:crypto';
import { and, desc, eq, gt, lte } from 'drizzle-orm';
import { db, first, tables, transaction } from '$lib/server/db';
import type { Session, StaffUser } from '$lib/server/db/schema';
import { recordContactEvent } from '$lib/server/channels/events';
import { FailureLimiter } from '$lib/server/auth/rate-limit';
import { endedGuidance } from '$lib/server/auth/session';

import { HELP_CODE_DIGITS, HELP_CODE_MINUTES, WRONG_PER_DAY, WRONG_PER_WINDOW } from './help-limits';

export { HELP_CODE_MINUTES };
/** Once a code is entered, the citizen's session counts as guided for this long, or until they end it. */
const GUIDED_HOURS = 2;

/**
 * Eight digits, read aloud as two groups of four and typed on a phone's number pad. With one
 * use, thirty minutes, one live code per helper and the limits on wrong tries per citizen,
 * guessing one is hopeless (help-limits.ts says how hopeless).
 */
export function issueHelpCode(staff: Pick<StaffUser, 'id' | 'role' | 'unit'>, now = new Date()) {
	const h = tables.helpCodes;
	return transaction(async () => {
		// A new code replaces the helper's unused one: fewer live codes to hit by chance.
		await db().delete(h).where(eq(h.staffId, staff.id));
		let code: string;
		do code = String(randomInt(0, 10 ** HELP_CODE_DIGITS)).padStart(HELP_CODE_DIGITS, '0');
		while (await first(db().select({ id: h.id }).from(h).where(and(eq(h.code, code), gt(h.expiresAt, now))).limit(1)));
		const expiresAt = new Date(now.getTime() + HELP_CODE_MINUTES * 60_000);
		await db().insert(h).values({ code, staffId: staff.id, staffRole: staff.role, staffUnit: staff.unit, createdAt: now, expiresAt });
		return { code, expiresAt };
	});
}

/** Wrong codes per citizen, however often they sign in again: per code lifetime, and per day. */
export const helpCodeLimiter = new FailureLimiter('help-code', WRONG_PER_WINDOW, HELP_CODE_MINUTES * 60_000);
const helpCodeDayLimiter = new FailureLimiter('help-code-day', WRONG_PER_DAY, 24 * 3600_000);

export function normaliseHelpCode(input: unknown): string {
	return typeof input === 'string' ? input.replace(/\D/g, '') : '';
}

/**
 * The citizen, signed in on their own device, enters the helper's code. From then on their
 * session's contact events say `guided` and carry the helper's role and unit, never who it was: the
 * used code is deleted, so nothing links the helper to the citizen afterwards.
 */
export async function redeemHelpCode(session: Pick<Session, 'id' | 'citizenId'>, code: string, now = new Date()): Promise<'ok' | 'invalid' | 'limited'> {
	const key = `citizen:${session.citizenId ?? session.id}`;
	// Counted before the code is looked at: parallel guesses cannot get past the limit.
	const [window, day] = await Promise.all([helpCodeLimiter.hit(key, now.getTime()), helpCodeDayLimiter.hit(key, now.getTime())]);
	if (window.blocked || day.blocked) return 'limited';
	const h = tables.helpCodes;
	const found = await transaction(async () => {
		// Deleting is the claim: of two sessions entering the same code at once, one gets it.
		const [row] = await db()
			.delete(h)
			.where(and(eq(h.code, code), gt(h.expiresAt, now)))
			.returning();
		if (!row) return null;
		await db()
			.update(tables.sessions)
			.set({ guideRole: row.staffRole, guideUnit: row.staffUnit, guideUntil: new Date(now.getTime() + GUIDED_HOURS * 3600_000) })
			.where(eq(tables.sessions.id, session.id));
		return row;
	});
	if (!found) return 'invalid';
	await Promise.all([helpCodeLimiter.forgive(key), helpCodeDayLimiter.forgive(key)]);
	return 'ok';
}

export async function endGuidance(sessionId: string): Promise<void> {
	await db().update(tables.sessions).set(endedGuidance).where(eq(tables.sessions.id, sessionId));
}

export async function purgeExpiredHelpCodes(now = new Date()): Promise<number> {
	return (await db().delete(tables.helpCodes).where(lte(tables.helpCodes.expiresAt, now)).returning({ id: tables.helpCodes.id })).length;
}

/** Help that produced no transaction: what a helper most often shows people, besides the services. */
export const helpTopics = ['hjaelp-mitid', 'hjaelp-digital-post', 'hjaelp-borger-dk', 'hjaelp-indgang'] as const;

/** A second tap on the same topic this soon is the same help, not another citizen. */
const doubleTap = new FailureLimiter('help-tap', 1, 5_000);

/**
 * One tap: an information contact, given in person and guided, with the helper's role only.
 * Returns false for a double tap, which records nothing (whichever instance it reached).
 */
export async function recordHelp(staff: Pick<StaffUser, 'id' | 'role' | 'unit'>, topic: string, at = new Date()): Promise<boolean> {
	if ((await doubleTap.hit(`${staff.id}:${topic}`, at.getTime())).blocked) return false;
	await recordContactEvent({ event: 'helped', channel: 'counter', assistance: 'guided', kind: 'information', serviceSlug: topic, staffRole: staff.role, staffUnit: staff.unit, at });
	return true;
}

/** The helper's newest code that can still be used, so a reload shows it again. */
export function currentHelpCode(staffId: string, now = new Date()) {
	const h = tables.helpCodes;
	return first(
		db()
			.select({ code: h.code, expiresAt: h.expiresAt })
			.from(h)
			.where(and(eq(h.staffId, staffId), gt(h.expiresAt, now)))
			.orderBy(desc(h.createdAt))
			.limit(1)
	);
}
