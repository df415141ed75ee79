import { desc, eq, and } from 'drizzle-orm';
import { db, tables } from '$lib/server/db';

/** The change log of the catalogue, forms, booking set-up and staff accounts: who changed what, and when. */
export async function logChange(
	staffId: string | null,
	objectType: 'form' | 'service' | 'counter' | 'appointment_type' | 'staff_user',
	objectId: string,
	action: string,
	detail: Record<string, unknown> | null = null,
	at = new Date()
): Promise<void> {
	await db().insert(tables.changeLog).values({ at, staffId, objectType, objectId, action, detail });
}

/**
 * What happened to a staff account, by whom (null: the account itself, or the command line):
 * created, changed, disabled, a set-up link sent or used, signed in, a sign-in refused and why.
 */
export function logStaffEvent(by: string | null, accountId: string, action: string, detail: Record<string, unknown> | null = null): Promise<void> {
	return logChange(by, 'staff_user', accountId, action, detail);
}

export function changesOf(objectType: string, objectId: string, limit = 50) {
	const c = tables.changeLog;
	return db()
		.select({ at: c.at, action: c.action, detail: c.detail, staffName: tables.staffUsers.displayName })
		.from(c)
		.leftJoin(tables.staffUsers, eq(tables.staffUsers.id, c.staffId))
		.where(and(eq(c.objectType, objectType), eq(c.objectId, objectId)))
		.orderBy(desc(c.at), desc(c.id))
		.limit(limit);
}
