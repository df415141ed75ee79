import { eq } from 'drizzle-orm';
import { db, tables } from '$lib/server/db';
import type { Citizen } from '$lib/server/db/schema';
import type { CitizenIdentity } from '$lib/server/identity/types';
import { personRegister } from '$lib/server/register';
import { generateId } from '$lib/server/forms/reference';

/** The citizen behind a verified identity; the register's name wins over the provider's. */
export function citizenFor(identity: CitizenIdentity): Citizen {
	const name = personRegister().findByCpr(identity.cpr)?.name ?? identity.name;
	return ensureCitizen(identity.cpr, name, new Date());
}

/**
 * The citizen row for a CPR number, made on first sight. Staff serving someone who never
 * signed in need it too: drafts and bookings made for them are theirs to continue later.
 */
export function ensureCitizen(cpr: string, name: string | null, loginAt: Date | null = null): Citizen {
	const existing = db().select().from(tables.citizens).where(eq(tables.citizens.cpr, cpr)).get();
	if (existing) {
		const changes = loginAt ? { name, lastLoginAt: loginAt } : { name };
		db().update(tables.citizens).set(changes).where(eq(tables.citizens.id, existing.id)).run();
		return { ...existing, ...changes };
	}
	const citizen: Citizen = { id: generateId(), cpr, name, email: null, createdAt: new Date(), lastLoginAt: loginAt };
	db().insert(tables.citizens).values(citizen).onConflictDoNothing().run();
	return db().select().from(tables.citizens).where(eq(tables.citizens.cpr, cpr)).get()!;
}

/** Remembers the receipt address the citizen gave, to pre-fill it next time. */
export function rememberEmail(citizenId: string, email: string): void {
	db().update(tables.citizens).set({ email }).where(eq(tables.citizens.id, citizenId)).run();
}
