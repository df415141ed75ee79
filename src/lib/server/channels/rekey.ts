import { asc, eq, gt } from 'drizzle-orm';
import { citizenKeyring } from '$lib/server/config';
import { db, tables, transaction } from '$lib/server/db';
import { rebuildJourneys } from '$lib/server/reports/data';
import { citizenKey } from './events';

/**
 * After a rotation of the secret (CITIZEN_KEY_VERSION raised, the old secret as
 * CITIZEN_KEY_PREVIOUS_SECRET): every citizen's old key becomes the new one, in the contact
 * events and the exemptions (and the journey facts, counted again from the events at the end),
 * so journeys in the reports run on across the rotation. Only the
 * citizens table can say whose key is whose, so that is where it starts; a key no longer in it
 * belongs to a citizen whose data is gone, and stays as it was. Safe to run again, and to stop:
 * a key already moved is not matched again.
 */
export async function rekeyCitizens(batch = 500): Promise<{ citizens: number; events: number; exemptions: number }> {
	const { current, previous } = citizenKeyring();
	if (!previous) throw new Error('CITIZEN_KEY_PREVIOUS_SECRET is not set: nothing to move the keys from');
	const done = { citizens: 0, events: 0, exemptions: 0 };
	let after = '';
	for (;;) {
		const rows = await db()
			.select({ id: tables.citizens.id, cpr: tables.citizens.cpr })
			.from(tables.citizens)
			.where(gt(tables.citizens.id, after))
			.orderBy(asc(tables.citizens.id))
			.limit(batch);
		if (!rows.length) {
			// The journey facts follow the keys: counted again from the moved events.
			await rebuildJourneys();
			return done;
		}
		await transaction(async () => {
			for (const c of rows) {
				const from = citizenKey(c.cpr, previous);
				const to = citizenKey(c.cpr, current);
				const events = await db().update(tables.contactEvents).set({ citizenKey: to }).where(eq(tables.contactEvents.citizenKey, from)).returning({ id: tables.contactEvents.id });
				const exemptions = await db().update(tables.exemptions).set({ citizenKey: to }).where(eq(tables.exemptions.citizenKey, from)).returning({ id: tables.exemptions.id });
				done.events += events.length;
				done.exemptions += exemptions.length;
			}
		});
		done.citizens += rows.length;
		after = rows[rows.length - 1].id;
	}
}
