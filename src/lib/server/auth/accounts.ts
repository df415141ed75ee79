import { and, asc, eq, gt, isNull, ne } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { db, first, tables, transaction } from '$lib/server/db';
import { staffRoles, type StaffRole, type StaffUser } from '$lib/server/db/schema';
import { logStaffEvent } from '$lib/server/audit/changes';
import { publicOrigin, staffLinkHours } from '$lib/server/config';
import { generateId } from '$lib/server/forms/reference';
import { serverT } from '$lib/server/i18n';
import { enqueue } from '$lib/server/outbox';
import { routes } from '$lib/routes';
import { hashPassword } from './password';
import { generateSessionToken } from './session';
import { newRecoveryCodes, newTotpKey, recoveryCodeHash, totpSteps } from './second-factor';
import { useTotpStep } from './staff';

export interface AccountInput {
	username: string;
	displayName: string;
	unit: string;
	role: StaffRole;
	email: string;
	editableServices: string[];
}

export interface FieldError {
	fieldId: string;
	code: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An account form as posted: what was typed is kept, and every wrong field is named. */
export function readAccountInput(data: FormData, services: readonly string[]): { input: AccountInput; errors: FieldError[] } {
	const text = (name: string, max: number) => String(data.get(name) ?? '').trim().slice(0, max);
	const role = text('role', 20) as StaffRole;
	const input: AccountInput = {
		username: text('username', 60).toLowerCase(),
		displayName: text('displayName', 100),
		unit: text('unit', 100),
		role,
		email: text('email', 200),
		editableServices: role === 'editor' ? data.getAll('editableServices').map(String).filter((s) => services.includes(s)) : []
	};
	const errors: FieldError[] = [];
	if (!input.username) errors.push({ fieldId: 'username', code: 'username_required' });
	else if (!/^[a-z0-9][a-z0-9._-]{1,39}$/.test(input.username)) errors.push({ fieldId: 'username', code: 'username_format' });
	if (!input.displayName) errors.push({ fieldId: 'displayName', code: 'name_required' });
	if (!input.unit) errors.push({ fieldId: 'unit', code: 'unit_required' });
	if (!staffRoles.includes(role)) errors.push({ fieldId: 'role', code: 'role_required' });
	if (!input.email) errors.push({ fieldId: 'email', code: 'email_required' });
	else if (!EMAIL.test(input.email)) errors.push({ fieldId: 'email', code: 'email_format' });
	if (role === 'editor' && !input.editableServices.length) errors.push({ fieldId: 'editableServices', code: 'services_required' });
	return { input, errors };
}

/** A password someone can remember and nobody can guess: long, and not the username. */
export function passwordProblems(password: string, repeat: string, username: string): FieldError[] {
	if (password.length < 12) return [{ fieldId: 'password', code: 'password_short' }];
	if (password.length > 200) return [{ fieldId: 'password', code: 'password_long' }];
	if (password.toLowerCase().includes(username.toLowerCase()) || new Set(password).size < 5) return [{ fieldId: 'password', code: 'password_weak' }];
	if (password !== repeat) return [{ fieldId: 'repeat', code: 'password_mismatch' }];
	return [];
}

export function listAccounts() {
	const u = tables.staffUsers;
	return db()
		.select({
			id: u.id,
			username: u.username,
			displayName: u.displayName,
			role: u.role,
			unit: u.unit,
			active: u.active,
			lastLoginAt: u.lastLoginAt,
			secondFactor: u.totpKey,
			sso: u.ssoSubject
		})
		.from(u)
		.orderBy(asc(u.displayName));
}

export function findAccount(id: string): Promise<StaffUser | undefined> {
	return first(db().select().from(tables.staffUsers).where(eq(tables.staffUsers.id, id)).limit(1));
}

async function usernameTaken(username: string, except?: string): Promise<boolean> {
	const u = tables.staffUsers;
	return !!(await first(
		db()
			.select({ id: u.id })
			.from(u)
			.where(except ? and(eq(u.username, username), ne(u.id, except)) : eq(u.username, username))
			.limit(1)
	));
}

/** A new account, with no password yet: its set-up link sets one. Returns the link. */
export async function createAccount(by: string | null, input: AccountInput): Promise<{ ok: true; id: string; link: string } | { ok: false; errors: FieldError[] }> {
	if (await usernameTaken(input.username)) return { ok: false, errors: [{ fieldId: 'username', code: 'username_taken' }] };
	const id = generateId();
	return transaction(async () => {
		// Two administrators creating the same username at once: the unique index keeps one.
		const added = await db()
			.insert(tables.staffUsers)
			.values({ id, ...input, passwordHash: '', active: true, createdAt: new Date() })
			.onConflictDoNothing()
			.returning({ id: tables.staffUsers.id });
		if (!added.length) return { ok: false as const, errors: [{ fieldId: 'username', code: 'username_taken' }] };
		await logStaffEvent(by, id, 'created', { username: input.username, role: input.role, unit: input.unit });
		const link = await sendSetupLink(by, id);
		return { ok: true as const, id, link };
	});
}

export async function updateAccount(by: string, id: string, input: AccountInput): Promise<FieldError[]> {
	const before = await findAccount(id);
	if (!before) return [{ fieldId: 'username', code: 'not_found' }];
	if (await usernameTaken(input.username, id)) return [{ fieldId: 'username', code: 'username_taken' }];
	if (before.role === 'admin' && input.role !== 'admin' && (await isLastAdmin(id))) return [{ fieldId: 'role', code: 'last_admin' }];
	const changed = (Object.keys(input) as (keyof AccountInput)[]).filter((k) => JSON.stringify(input[k]) !== JSON.stringify(before[k] ?? (k === 'editableServices' ? [] : '')));
	if (!changed.length) return [];
	await transaction(async () => {
		await db().update(tables.staffUsers).set(input).where(eq(tables.staffUsers.id, id));
		await logStaffEvent(by, id, 'updated', { fields: changed, role: input.role, unit: input.unit });
	});
	return [];
}

async function isLastAdmin(id: string): Promise<boolean> {
	const u = tables.staffUsers;
	const other = await first(
		db()
			.select({ id: u.id })
			.from(u)
			.where(and(eq(u.role, 'admin'), eq(u.active, true), ne(u.id, id)))
			.limit(1)
	);
	return !other;
}

/** Disabling ends the account's sessions at once; the last active administrator stays. */
export async function setActive(by: string, id: string, active: boolean): Promise<'ok' | 'self' | 'last_admin'> {
	if (by === id && !active) return 'self';
	const account = await findAccount(id);
	if (!account) return 'ok';
	if (!active && account.role === 'admin' && (await isLastAdmin(id))) return 'last_admin';
	await transaction(async () => {
		await db().update(tables.staffUsers).set({ active }).where(eq(tables.staffUsers.id, id));
		if (!active) await db().delete(tables.sessions).where(eq(tables.sessions.staffId, id));
		await logStaffEvent(by, id, active ? 'enabled' : 'disabled');
	});
	return 'ok';
}

const linkIdOf = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

/**
 * A one-time link that sets the account's password and second factor, by e-mail through the
 * outbox. Only the newest link works: an older one is spent. Returns the link (the command
 * line prints it; the portal never shows it).
 */
export async function sendSetupLink(by: string | null, id: string): Promise<string> {
	const account = await findAccount(id);
	if (!account) throw new Error('no such account');
	const token = generateSessionToken();
	const now = new Date();
	const link = publicOrigin() + routes.accountSetup(token);
	await transaction(async () => {
		await db()
			.update(tables.staffSetupLinks)
			.set({ usedAt: now })
			.where(and(eq(tables.staffSetupLinks.staffId, id), isNull(tables.staffSetupLinks.usedAt)));
		await db()
			.insert(tables.staffSetupLinks)
			.values({ id: linkIdOf(token), staffId: id, totpKey: Buffer.from(newTotpKey()), createdAt: now, expiresAt: new Date(now.getTime() + staffLinkHours() * 3600_000) });
		if (account.email) {
			const t = serverT('da');
			const en = serverT('en');
			const body = [t('mail.staffLink.body', { name: account.displayName, username: account.username, hours: staffLinkHours() }), '', link, '', en('mail.staffLink.body', { name: account.displayName, username: account.username, hours: staffLinkHours() })].join('\n');
			await enqueue({ channel: 'email', kind: 'staff_link', dedupeKey: `staff-link-${linkIdOf(token).slice(0, 24)}`, recipient: account.email, subject: t('mail.staffLink.subject'), body });
		}
		await logStaffEvent(by, id, 'setup_link_sent', { email: !!account.email });
	});
	return link;
}

export type LinkState = { state: 'ok'; account: StaffUser; totpKey: Buffer } | { state: 'expired' | 'unknown' };

export async function setupLinkState(token: string, now = new Date()): Promise<LinkState> {
	if (!/^[a-z2-7]{32}$/.test(token)) return { state: 'unknown' };
	const row = await first(
		db()
			.select({ link: tables.staffSetupLinks, account: tables.staffUsers })
			.from(tables.staffSetupLinks)
			.innerJoin(tables.staffUsers, eq(tables.staffUsers.id, tables.staffSetupLinks.staffId))
			.where(eq(tables.staffSetupLinks.id, linkIdOf(token)))
			.limit(1)
	);
	if (!row) return { state: 'unknown' };
	if (row.link.usedAt || row.link.expiresAt <= now || !row.account.active) {
		await logStaffEvent(null, row.account.id, 'setup_link_refused', { reason: row.link.usedAt ? 'used' : row.account.active ? 'expired' : 'disabled' });
		return { state: 'expired' };
	}
	return { state: 'ok', account: row.account, totpKey: row.link.totpKey };
}

/**
 * Uses the link: the password and the app's first code are checked, the link is spent (once,
 * however often it is posted), and the account gets its password, its key and new recovery
 * codes; any session it had ends. Returns the recovery codes, shown once.
 */
export async function completeSetup(
	token: string,
	password: string,
	repeat: string,
	code: string,
	now = new Date()
): Promise<{ ok: true; username: string; recoveryCodes: string[] } | { ok: false; errors: FieldError[] } | { ok: false; expired: true }> {
	const link = await setupLinkState(token, now);
	if (link.state !== 'ok') return { ok: false, expired: true };
	const errors = passwordProblems(password, repeat, link.account.username);
	const steps = totpSteps(link.totpKey, code, now.getTime());
	if (!code.trim()) errors.push({ fieldId: 'code', code: 'code_required' });
	else if (!steps.length) errors.push({ fieldId: 'code', code: 'wrong_code' });
	if (errors.length) return { ok: false, errors };
	const passwordHash = await hashPassword(password);
	const recoveryCodes = newRecoveryCodes();
	const done = await transaction(async () => {
		const spent = await db()
			.update(tables.staffSetupLinks)
			.set({ usedAt: now })
			.where(and(eq(tables.staffSetupLinks.id, linkIdOf(token)), isNull(tables.staffSetupLinks.usedAt), gt(tables.staffSetupLinks.expiresAt, now)))
			.returning({ id: tables.staffSetupLinks.id });
		if (!spent.length) return false;
		const id = link.account.id;
		await db().update(tables.staffUsers).set({ passwordHash, totpKey: link.totpKey }).where(eq(tables.staffUsers.id, id));
		// The code that confirmed the app is spent like any other.
		await db().delete(tables.staffTotpSteps).where(eq(tables.staffTotpSteps.staffId, id));
		await useTotpStep(id, steps, now.getTime());
		await db().delete(tables.staffRecoveryCodes).where(eq(tables.staffRecoveryCodes.staffId, id));
		await db()
			.insert(tables.staffRecoveryCodes)
			.values(recoveryCodes.map((c) => ({ codeHash: recoveryCodeHash(c), staffId: id })));
		await db().delete(tables.sessions).where(eq(tables.sessions.staffId, id));
		await logStaffEvent(null, id, 'setup_completed');
		return true;
	});
	return done ? { ok: true, username: link.account.username, recoveryCodes } : { ok: false, expired: true };
}
