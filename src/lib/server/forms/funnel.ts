import { eq, sql } from 'drizzle-orm';
import { localDateOf } from '$lib/booking/time';
import { FUNNEL_START } from '$lib/reports/breakdowns';
import { citizenKey, eventDay } from '$lib/server/channels/events';
import { startPageSeen } from '$lib/server/channels/journeys';
import { db, first, forUpdate, tables, transaction } from '$lib/server/db';

/** Adds to a page's counts in the month its draft began. */
async function bump(month: string, serviceSlug: string, page: string, reached: number, lastSeen: number) {
	const c = tables.formPageCounts;
	await db()
		.insert(c)
		.values({ month, serviceSlug, page, reached, lastSeen })
		.onConflictDoUpdate({ target: [c.month, c.serviceSlug, c.page], set: { reached: sql`${c.reached} + ${reached}`, lastSeen: sql`${c.lastSeen} + ${lastSeen}` } });
}

const lockedDraft = (draftId: string) => {
	const d = tables.drafts;
	return first(
		forUpdate(
			db()
				.select({ serviceSlug: d.serviceSlug, createdAt: d.createdAt, pagesSeen: d.pagesSeen, lastPage: d.lastPage, cpr: tables.citizens.cpr })
				.from(d)
				.innerJoin(tables.citizens, eq(tables.citizens.id, d.citizenId))
				.where(eq(d.id, draftId))
				.limit(1)
		)
	);
};

/**
 * The funnel, kept up to date as drafts move (as the monthly contact counts are): a page counts
 * as reached the first time a draft shows it, and the page a draft showed last holds it as
 * "left there" until the draft moves on or is submitted. Reloading the same page changes nothing.
 * Only counts are kept; which draft saw what stays on the draft and goes with it.
 */
export function pageReached(draftId: string, page: string): Promise<void> {
	return transaction(async () => {
		const d = await lockedDraft(draftId);
		if (!d || d.lastPage === page) return;
		const seen = d.pagesSeen ?? [];
		const firstTime = !seen.includes(page);
		const month = localDateOf(d.createdAt).slice(0, 7);
		await bump(month, d.serviceSlug, page, firstTime ? 1 : 0, 1);
		if (d.lastPage) await bump(month, d.serviceSlug, d.lastPage, 0, -1);
		await db()
			.update(tables.drafts)
			.set({ pagesSeen: firstTime ? [...seen, page] : seen, lastPage: page })
			.where(eq(tables.drafts.id, draftId));
		// The form's start, as the journey facts know it, learns its page too (for drop-out by page).
		await startPageSeen(citizenKey(d.cpr), d.serviceSlug, eventDay(d.createdAt), page);
	});
}

/** A draft begun: the funnel's first stage. */
export const draftStarted = (draftId: string) => pageReached(draftId, FUNNEL_START);

/** A draft submitted is left nowhere: called in the submission's transaction, before the draft goes. */
export async function draftSubmitted(draftId: string): Promise<void> {
	const d = await lockedDraft(draftId);
	if (d?.lastPage) await bump(localDateOf(d.createdAt).slice(0, 7), d.serviceSlug, d.lastPage, 0, -1);
}
