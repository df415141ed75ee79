import { staffRoles, type StaffRole } from '$lib/server/db/schema/enums';

/** When the provider gives someone several roles, the account takes the one that may do most. */
const PRECEDENCE: StaffRole[] = ['admin', 'manager', 'editor', 'staff', 'ambassador'];

export interface ClaimSettings {
	issuer: string;
	roleClaim: string;
	unitClaim: string;
	usernameClaim: string;
	roles: Record<string, string>;
}

export type StaffClaims =
	| { ok: true; subject: string; username: string; displayName: string; unit: string; role: StaffRole; email: string | null }
	| { ok: false; reason: 'no_subject' | 'no_role' | 'no_unit' };

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 100) : null);

/**
 * Who an identity provider says a staff member is. The role comes only through the configured
 * mapping: a value the municipality has not mapped (a forged or foreign role) gives no role,
 * and without one there is no sign-in. The subject is the issuer's and the `sub` together, so
 * two providers' users never meet in one account.
 */
export function staffFromClaims(claims: Record<string, unknown>, settings: ClaimSettings): StaffClaims {
	const sub = text(claims.sub);
	if (!sub) return { ok: false, reason: 'no_subject' };
	const raw = claims[settings.roleClaim];
	const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
	const mapped = new Set(values.map((v) => settings.roles[v]).filter((r): r is StaffRole => (staffRoles as readonly string[]).includes(r)));
	const role = PRECEDENCE.find((r) => mapped.has(r));
	if (!role) return { ok: false, reason: 'no_role' };
	const unit = text(claims[settings.unitClaim]);
	if (!unit) return { ok: false, reason: 'no_unit' };
	const email = text(claims.email);
	const login = text(claims[settings.usernameClaim]) ?? email ?? sub;
	const username = login.toLowerCase().replace(/@.*$/, '').replace(/[^a-z0-9._-]/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 40) || 'sso';
	return { ok: true, subject: `${settings.issuer}|${sub}`, username, displayName: text(claims.name) ?? login, unit, role, email };
}
