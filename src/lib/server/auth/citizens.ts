import { eq } from 'drizzle-orm';
import { db, first, tables } from '$lib/server/db';
import type { Citizen } from '$lib/server/db/schema';
import type { CitizenIdentity } from '$lib/server/identity/types';
import { personRegister } from '$lib/server/register';
import { generateId } from '$lib/server/forms/reference';

/** The citizen behind a verified identity; the register's name wins over the provider's. */
export async function citizenFor(identity: CitizenIdentity): Promise<Citizen> {
	const name = personRegister().findByCpr(identity.cpr)?.name ?? identity.name;
	return ensureCitizen(identity.cpr, name, new Date());
}

/**
 * The citizen row for a CPR number, made on first sight. Staff serving someone who never
 * signed in need it too: drafts and bookings made for them are theirs to continue later.
 */
export async function ensureCitizen(cpr: string, name: string | null, loginAt: Date | null = null): Promise<Citizen> {
	const byCpr = () => first(db().select().from(tables.citizens).where(eq(tables.citizens.cpr, cpr)).limit(1));
	const existing = await byCpr();
	if (existing) {
		const changes = loginAt ? { name, lastLoginAt: loginAt } : { name };
		await db().update(tables.citizens).set(changes).where(eq(tables.citizens.id, existing.id));
		return { ...existing, ...changes };
	}
	const citizen: Citizen = { id: generateId(), cpr, name, email: null, createdAt: new Date(), lastLoginAt: loginAt };
	// Two first sign-ins at once: the unique CPR keeps one row, and both get it.
	await db().insert(tables.citizens).values(citizen).onConflictDoNothing();
	return (await byCpr())!;
}

/** Remembers the receipt address the citizen gave, to pre-fill it next time. */
export async function rememberEmail(citizenId: string, email: string): Promise<void> {
	await db().update(tables.citizens).set({ email }).where(eq(tables.citizens.id, citizenId));
}
