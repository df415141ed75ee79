import { eq } from 'drizzle-orm';
import { db, tables } from '$lib/server/db';
import type { Citizen } from '$lib/server/db/schema';
import type { CitizenIdentity } from '$lib/server/identity/types';
import { personRegister } from '$lib/server/register';
import { generateId } from '$lib/server/forms/reference';

/** The citizen behind a verified identity; the register's name wins over the provider's. */
export function citizenFor(identity: CitizenIdentity): Citizen {
	const name = personRegister().findByCpr(identity.cpr)?.name ?? identity.name;
	const now = new Date();
	const existing = db().select().from(tables.citizens).where(eq(tables.citizens.cpr, identity.cpr)).get();
	if (existing) {
		db().update(tables.citizens).set({ name, lastLoginAt: now }).where(eq(tables.citizens.id, existing.id)).run();
		return { ...existing, name, lastLoginAt: now };
	}
	const citizen: Citizen = { id: generateId(), cpr: identity.cpr, name, email: null, createdAt: now, lastLoginAt: now };
	db().insert(tables.citizens).values(citizen).onConflictDoNothing().run();
	return db().select().from(tables.citizens).where(eq(tables.citizens.cpr, identity.cpr)).get()!;
}

/** Remembers the receipt address the citizen gave, to pre-fill it next time. */
export function rememberEmail(citizenId: string, email: string): void {
	db().update(tables.citizens).set({ email }).where(eq(tables.citizens.id, citizenId)).run();
}
