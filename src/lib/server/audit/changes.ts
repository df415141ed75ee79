import { desc, eq, and } from 'drizzle-orm';
import { db, tables } from '$lib/server/db';

/** The change log of the catalogue, forms and booking set-up: who changed what, and when. */
export async function logChange(
	staffId: string | null,
	objectType: 'form' | 'service' | 'counter' | 'appointment_type',
	objectId: string,
	action: string,
	detail: Record<string, unknown> | null = null,
	at = new Date()
): Promise<void> {
	await db().insert(tables.changeLog).values({ at, staffId, objectType, objectId, action, detail });
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
