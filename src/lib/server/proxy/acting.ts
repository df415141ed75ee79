import { eq } from 'drizzle-orm';
import { localDateOf } from '$lib/booking/time';
import { ensureCitizen } from '$lib/server/auth/citizens';
import { db, tables } from '$lib/server/db';
import type { Citizen, Session } from '$lib/server/db/schema';
import { personRegister } from '$lib/server/register';
import { powerRegistry, type PowerOfAttorney } from './registry';

export interface HeldPower {
	reference: string;
	giverName: string;
	services: string[];
}

/** The powers a citizen holds today, with the givers' names from the person register. */
export async function powersHeldBy(holder: Citizen, now = new Date()): Promise<HeldPower[]> {
	const powers = await powerRegistry().heldBy(holder.cpr, localDateOf(now));
	return powers.map((p) => ({ reference: p.reference, giverName: personRegister().findByCpr(p.giverCpr)?.name ?? '', services: p.services }));
}

/**
 * Starts acting for the power's giver in this session: looked up again, so only a power the
 * citizen holds today counts, whatever the form posted.
 */
export async function startActing(session: Session, holder: Citizen, reference: string, now = new Date()): Promise<boolean> {
	const power: PowerOfAttorney | undefined = (await powerRegistry().heldBy(holder.cpr, localDateOf(now))).find((p) => p.reference === reference);
	if (!power) return false;
	const giver = await ensureCitizen(power.giverCpr, personRegister().findByCpr(power.giverCpr)?.name ?? null);
	await db()
		.update(tables.sessions)
		.set({ actingForCitizenId: giver.id, actingReference: power.reference, actingServices: power.services })
		.where(eq(tables.sessions.id, session.id));
	// The giver's log shows from when someone acted for them.
	await db().insert(tables.proxyLog).values({ at: now, giverCitizenId: giver.id, actorName: holder.name ?? '', reference: power.reference, action: 'view', objectType: 'power', objectId: power.reference });
	return true;
}

export async function stopActing(sessionId: string): Promise<void> {
	await db().update(tables.sessions).set({ actingForCitizenId: null, actingReference: null, actingServices: null }).where(eq(tables.sessions.id, sessionId));
}

/** For staff serving a citizen: whether the citizen holds or has given powers of attorney (counts, no names of others). */
export async function powersAround(cpr: string, now = new Date()): Promise<{ held: number; given: number }> {
	const today = localDateOf(now);
	const [held, given] = await Promise.all([powerRegistry().heldBy(cpr, today), powerRegistry().givenBy(cpr, today)]);
	return { held: held.length, given: given.length };
}
