import { randomBytes } from 'node:crypto';
import { and, desc, inArray, isNotNull, sql } from 'drizzle-orm';
import { localDateOf } from '$lib/booking/time';
import { parseComment, parseScore } from '$lib/feedback/mask';
import type { Period } from '$lib/reports/period';
import { FailureLimiter } from '$lib/server/auth/rate-limit';
import { citizenKeyring } from '$lib/server/config';
import { db, tables } from '$lib/server/db';
import { assistances, channels, feedbackTouchpoints, type Assistance, type Channel, type FeedbackTouchpoint } from '$lib/server/db/schema';
import { hmac, sameHex } from '$lib/server/delivery/signing';

/** Where and how the citizen was served when asked: all a score is stored with. */
export interface FeedbackContext {
	touchpoint: FeedbackTouchpoint;
	serviceSlug: string | null;
	channel: Channel;
	assistance: Assistance;
}

const sign = (body: string) => hmac(citizenKeyring().current.secret, `feedback:${body}`).slice(0, 32);

/**
 * The question's token, in a hidden field: a fresh id and the context, signed, so that a score
 * cannot be posted for a service or channel the portal did not ask about, and a second tap on
 * the same question changes its score instead of counting twice.
 */
export function feedbackToken(ctx: FeedbackContext): string {
	const body = [randomBytes(12).toString('hex'), ctx.touchpoint, ctx.serviceSlug ?? '', ctx.channel, ctx.assistance].join('.');
	return `${body}.${sign(body)}`;
}

export function readFeedbackToken(token: unknown): (FeedbackContext & { id: string }) | null {
	if (typeof token !== 'string' || token.length > 200) return null;
	const parts = token.split('.');
	if (parts.length !== 6) return null;
	const [id, touchpoint, serviceSlug, channel, assistance, signature] = parts;
	if (!sameHex(signature, sign(parts.slice(0, 5).join('.')))) return null;
	if (!/^[0-9a-f]{24}$/.test(id) || !(feedbackTouchpoints as readonly string[]).includes(touchpoint)) return null;
	if (!(channels as readonly string[]).includes(channel) || !(assistances as readonly string[]).includes(assistance)) return null;
	return { id, touchpoint: touchpoint as FeedbackTouchpoint, serviceSlug: serviceSlug || null, channel: channel as Channel, assistance: assistance as Assistance };
}

/** Scores and comments from one address: enough for a family at one kiosk, too few to skew a month. */
export const feedbackLimiter = new FailureLimiter('feedback', 30, 60 * 60 * 1000);

export type FeedbackResult = { ok: true } | { ok: false; error: 'token' | 'score' | 'comment_too_long' };

/**
 * A score, and later maybe a comment, for the question the token asked. The comment is masked
 * before it is stored; the month is all that says when.
 */
export async function giveFeedback(token: unknown, score: unknown, comment: unknown, now = new Date()): Promise<FeedbackResult> {
	const ctx = readFeedbackToken(token);
	if (!ctx) return { ok: false, error: 'token' };
	const n = parseScore(score);
	if (n === null) return { ok: false, error: 'score' };
	const text = parseComment(comment);
	if ('error' in text) return { ok: false, error: text.error };
	const f = tables.feedback;
	await db()
		.insert(f)
		.values({ id: ctx.id, month: localDateOf(now).slice(0, 7), touchpoint: ctx.touchpoint, serviceSlug: ctx.serviceSlug, channel: ctx.channel, assistance: ctx.assistance, score: n, comment: text.comment })
		.onConflictDoUpdate({ target: f.id, set: { score: sql`excluded.score`, comment: sql`COALESCE(excluded.comment, ${f.comment})` } });
	return { ok: true };
}

/** The comments of a period, newest month first, for staff reading what citizens say by service. */
export function feedbackComments(p: Period, scope: string[] | null, limit = 500) {
	const f = tables.feedback;
	return db()
		.select({ month: f.month, touchpoint: f.touchpoint, serviceSlug: f.serviceSlug, channel: f.channel, assistance: f.assistance, score: f.score, comment: f.comment })
		.from(f)
		.where(and(inArray(f.month, p.months), isNotNull(f.comment), scope ? inArray(f.serviceSlug, scope.length ? scope : ['']) : undefined))
		.orderBy(desc(f.month), f.serviceSlug, desc(f.score))
		.limit(limit);
}
