import type { Cookies } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { db, first, tables, transaction } from '$lib/server/db';
import { logStaffEvent } from '$lib/server/audit/changes';
import { generateId } from '$lib/server/forms/reference';
import type { StaffOidcConfig } from '$lib/server/config';
import { staffFromClaims } from '$lib/server/identity/staff-claims';
import { startSession } from './session';

export type SsoRefusal = 'no_subject' | 'no_role' | 'no_unit' | 'disabled' | 'username_taken';

/**
 * A staff member signed in at the municipality's identity provider. The provider is the source
 * of name, unit and role: the account is made at the first sign-in and brought up to date at
 * each; an administrator can still close it here. A local account is never taken over by a
 * provider's user of the same name.
 */
export async function signInStaffBySso(cookies: Cookies, claims: Record<string, unknown>, config: StaffOidcConfig): Promise<{ ok: true } | { ok: false; reason: SsoRefusal }> {
	const who = staffFromClaims(claims, config);
	if (!who.ok) {
		await logStaffEvent(null, 'sso', 'sign_in_refused', { reason: who.reason, method: 'sso' });
		return who;
	}
	const u = tables.staffUsers;
	const result = await transaction(async () => {
		const existing = await first(db().select().from(u).where(eq(u.ssoSubject, who.subject)).limit(1));
		if (existing && !existing.active) return { ok: false as const, reason: 'disabled' as const, id: existing.id };
		const fields = { displayName: who.displayName, unit: who.unit, role: who.role, email: who.email, lastLoginAt: new Date() };
		if (existing) {
			await db().update(u).set(fields).where(eq(u.id, existing.id));
			return { ok: true as const, id: existing.id, changed: existing.role !== who.role || existing.unit !== who.unit };
		}
		const id = generateId();
		const added = await db()
			.insert(u)
			.values({ id, username: who.username, passwordHash: '', ssoSubject: who.subject, active: true, createdAt: new Date(), ...fields })
			.onConflictDoNothing()
			.returning({ id: u.id });
		if (!added.length) return { ok: false as const, reason: 'username_taken' as const, id: null };
		await logStaffEvent(null, id, 'created', { method: 'sso', role: who.role, unit: who.unit });
		return { ok: true as const, id, changed: false };
	});
	if (!result.ok) {
		await logStaffEvent(null, result.id ?? 'sso', 'sign_in_refused', { reason: result.reason, method: 'sso' });
		return { ok: false, reason: result.reason };
	}
	if (result.changed) await logStaffEvent(null, result.id, 'updated', { method: 'sso', role: who.role, unit: who.unit });
	await logStaffEvent(null, result.id, 'signed_in', { method: 'sso' });
	await startSession(cookies, { kind: 'staff', staffId: result.id, loa: 'substantial', provider: 'sso' });
	return { ok: true };
}
