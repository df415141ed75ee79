import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import { db, first, tables } from '$lib/server/db';
import { useTestDatabase } from '$lib/server/db/testing';
import { changesOf } from '$lib/server/audit/changes';
import { completeSetup, createAccount, readAccountInput, sendSetupLink, setActive, setupLinkState, updateAccount } from './accounts';
import { totpCode, totpStep } from './second-factor';
import { checkSecondFactor, staffLogin } from './staff';
import { signInStaffBySso } from './sso';
import { createSession, generateSessionToken, SESSION_COOKIE, startSession, validateSessionToken } from './session';

useTestDatabase('accounts');

const form = (values: Record<string, string | string[]>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(values)) for (const one of [v].flat()) data.append(k, one);
	return data;
};
const person = { username: 'mette.m', displayName: 'Mette Mortensen', unit: 'Borgerservice', role: 'staff', email: 'mette@kommune.example' };

/** A cookie jar as SvelteKit's, for what a browser keeps between requests. */
function jar(): Cookies & { values: Map<string, string> } {
	const values = new Map<string, string>();
	return {
		values,
		get: (name: string) => values.get(name),
		set: (name: string, value: string) => void values.set(name, value),
		delete: (name: string) => void values.delete(name)
	} as unknown as Cookies & { values: Map<string, string> };
}

const tokenOf = (link: string) => link.split('/').pop()!;

describe('staff accounts', () => {
	it('names every wrong field of an account, keeping what was typed', () => {
		const { input, errors } = readAccountInput(form({ username: 'Mette M', displayName: '', unit: ' ', role: 'boss', email: 'mette@' }), []);
		expect(errors.map((e) => `${e.fieldId}:${e.code}`)).toEqual(['username:username_format', 'displayName:name_required', 'unit:unit_required', 'role:role_required', 'email:email_format']);
		expect(input.username).toBe('mette m');
		const editor = readAccountInput(form({ ...person, role: 'editor', editableServices: ['ansoeg-om-pas', 'not-a-service'] }), ['ansoeg-om-pas']);
		expect(editor.input.editableServices).toEqual(['ansoeg-om-pas']);
		expect(readAccountInput(form({ ...person, role: 'editor' }), ['ansoeg-om-pas']).errors.map((e) => e.code)).toEqual(['services_required']);
	});

	it('are set up once through their link: a password, the app, recovery codes; then sign in with both factors', async () => {
		const admin = await createAccount(null, readAccountInput(form({ ...person, username: 'chef', role: 'admin', email: 'chef@kommune.example' }), []).input);
		expect(admin.ok).toBe(true);
		const created = await createAccount(admin.ok ? admin.id : null, readAccountInput(form(person), []).input);
		if (!created.ok) throw new Error('not created');
		expect(await createAccount(null, readAccountInput(form(person), []).input)).toEqual({ ok: false, errors: [{ fieldId: 'username', code: 'username_taken' }] });

		// The link goes by e-mail through the outbox; the message is the link's only copy.
		const mail = await first(db().select().from(tables.outbox).where(eq(tables.outbox.recipient, person.email)));
		expect(mail?.kind).toBe('staff_link');
		expect(mail?.body).toContain(created.link);
		const token = tokenOf(created.link);
		const link = await setupLinkState(token);
		if (link.state !== 'ok') throw new Error('link not ok');
		expect(link.account.username).toBe('mette.m');

		const now = Date.now();
		const code = totpCode(link.totpKey, totpStep(now));
		const bad = await completeSetup(token, 'kort', 'kort', '000000', new Date(now));
		expect(bad).toEqual({ ok: false, errors: [{ fieldId: 'password', code: 'password_short' }, { fieldId: 'code', code: 'wrong_code' }] });
		expect(await completeSetup(token, 'mette.m-er-min-kode', 'mette.m-er-min-kode', code, new Date(now))).toMatchObject({ ok: false, errors: [{ code: 'password_weak' }] });
		expect(await completeSetup(token, 'en lang god sætning', 'en anden sætning', code, new Date(now))).toMatchObject({ ok: false, errors: [{ code: 'password_mismatch' }] });
		// Posted twice at once (a double click): one sets the account up, the other finds the link spent.
		const [a, b] = await Promise.all([
			completeSetup(token, 'en lang god sætning', 'en lang god sætning', code, new Date(now)),
			completeSetup(token, 'en lang god sætning', 'en lang god sætning', code, new Date(now))
		]);
		const done = [a, b].find((r) => r.ok);
		expect([a, b].filter((r) => r.ok)).toHaveLength(1);
		if (!done?.ok) throw new Error('not done');
		expect(done.recoveryCodes).toHaveLength(10);
		expect((await setupLinkState(token)).state).toBe('expired');

		const signIn = await staffLogin('mette.m', 'en lang god sætning', '10.1.0.1');
		if (!signIn.ok) throw new Error('password refused');
		// The code the set-up used is spent; the app's next one works, and a recovery code once.
		expect(await checkSecondFactor(signIn.staff, code, '10.1.0.1', now)).toEqual({ ok: false, reason: 'reused_code' });
		expect(await checkSecondFactor(signIn.staff, totpCode(link.totpKey, totpStep(now) + 1), '10.1.0.1', now)).toMatchObject({ ok: true });
		expect(await checkSecondFactor(signIn.staff, done.recoveryCodes[3], '10.1.0.1', now)).toMatchObject({ ok: true });
		expect(await checkSecondFactor(signIn.staff, done.recoveryCodes[3], '10.1.0.1', now)).toEqual({ ok: false, reason: 'wrong_code' });

		// A new link spends the old one; the account's history says all of it, and by whom.
		const second = await sendSetupLink(admin.ok ? admin.id : null, created.id);
		expect((await setupLinkState(tokenOf(created.link))).state).toBe('expired');
		expect((await setupLinkState(tokenOf(second))).state).toBe('ok');
		const history = (await changesOf('staff_user', created.id)).map((c) => c.action);
		expect(history).toEqual(expect.arrayContaining(['created', 'setup_link_sent', 'setup_completed', 'signed_in', 'sign_in_refused', 'recovery_code_used', 'setup_link_refused']));
	});

	it('expire: a link older than its hours is refused, and the refusal is logged', async () => {
		const created = await createAccount(null, readAccountInput(form({ ...person, username: 'sen', email: 'sen@kommune.example' }), []).input);
		if (!created.ok) throw new Error('not created');
		const later = new Date(Date.now() + 73 * 3600_000);
		expect((await setupLinkState(tokenOf(created.link), later)).state).toBe('expired');
		expect(await completeSetup(tokenOf(created.link), 'en lang god sætning', 'en lang god sætning', '123456', later)).toEqual({ ok: false, expired: true });
		expect((await changesOf('staff_user', created.id)).map((c) => c.action)).toContain('setup_link_refused');
		expect((await setupLinkState('not-a-token')).state).toBe('unknown');
	});

	it('disabled: every session of the account ends at once; the last administrator stays', async () => {
		const created = await createAccount(null, readAccountInput(form({ ...person, username: 'gaar', email: 'gaar@kommune.example' }), []).input);
		const admin = await first(db().select().from(tables.staffUsers).where(eq(tables.staffUsers.username, 'chef')));
		if (!created.ok || !admin) throw new Error('setup');
		const tokens = [generateSessionToken(), generateSessionToken()];
		for (const t of tokens) await createSession(t, { kind: 'staff', staffId: created.id, loa: 'substantial', provider: 'password' });
		expect((await validateSessionToken(tokens[0])).staff?.id).toBe(created.id);
		expect(await setActive(admin.id, created.id, false)).toBe('ok');
		for (const t of tokens) expect((await validateSessionToken(t)).session).toBeNull();
		expect(await setActive(admin.id, admin.id, false)).toBe('self');
		expect(await setActive(created.id, admin.id, false)).toBe('last_admin');
		expect(await updateAccount(admin.id, admin.id, { ...readAccountInput(form({ ...person, username: 'chef' }), []).input })).toEqual([{ fieldId: 'role', code: 'last_admin' }]);
		expect((await changesOf('staff_user', created.id)).map((c) => c.action)).toContain('disabled');
	});
});

describe('single sign-on', () => {
	const config = {
		issuer: 'https://idp.example',
		clientId: 'x',
		scope: 'openid',
		roleClaim: 'roles',
		unitClaim: 'department',
		usernameClaim: 'preferred_username',
		roles: { 'Indgang.Medarbejder': 'staff', 'Indgang.Leder': 'manager' }
	};
	const claims = (sub: string, username: string, roles: string[]) => ({ sub, preferred_username: username, name: 'Sanne SSO', department: 'Borgerservice', roles });

	it('makes the account at the first sign-in, follows the provider\'s role after, and never takes over a local account', async () => {
		expect(await signInStaffBySso(jar(), claims('s-1', 'sanne', ['Indgang.Medarbejder']), config)).toEqual({ ok: true });
		const sso = (u: string) => first(db().select().from(tables.staffUsers).where(eq(tables.staffUsers.username, u)));
		expect(await sso('sanne')).toMatchObject({ role: 'staff', ssoSubject: 'https://idp.example|s-1', passwordHash: '', totpKey: null });
		expect(await signInStaffBySso(jar(), claims('s-1', 'sanne', ['Indgang.Leder']), config)).toEqual({ ok: true });
		expect((await sso('sanne'))?.role).toBe('manager');
		// A provider's user named like a local account is refused, not given it.
		expect(await signInStaffBySso(jar(), claims('s-2', 'chef', ['Indgang.Leder']), config)).toEqual({ ok: false, reason: 'username_taken' });
		expect((await sso('chef'))?.ssoSubject).toBeNull();
		// Closed here: refused there, whatever the provider says.
		const admin = (await sso('chef'))!;
		expect(await setActive(admin.id, (await sso('sanne'))!.id, false)).toBe('ok');
		expect(await signInStaffBySso(jar(), claims('s-1', 'sanne', ['Indgang.Leder']), config)).toEqual({ ok: false, reason: 'disabled' });
	});
});

describe('session limits', () => {
	it('end a staff session after 12 hours and a citizen\'s after 8, however busy', async () => {
		vi.useFakeTimers({ now: new Date('2026-12-01T07:00:00Z'), toFake: ['Date'] });
		try {
			const staff = await first(db().select().from(tables.staffUsers).where(eq(tables.staffUsers.username, 'chef')));
			const citizen = await db().insert(tables.citizens).values({ id: 'c-limit', cpr: '0101900000', name: null, createdAt: new Date() }).returning();
			const staffToken = generateSessionToken();
			const citizenToken = generateSessionToken();
			await createSession(staffToken, { kind: 'staff', staffId: staff!.id, loa: 'substantial', provider: 'password' });
			await createSession(citizenToken, { kind: 'citizen', citizenId: citizen[0].id, loa: 'substantial', provider: 'test' });
			// Used every 20 minutes all day.
			for (let minutes = 20; minutes <= 13 * 60; minutes += 20) {
				vi.setSystemTime(new Date(Date.parse('2026-12-01T07:00:00Z') + minutes * 60_000));
				const s = (await validateSessionToken(staffToken)).session;
				const c = (await validateSessionToken(citizenToken)).session;
				expect(!!s, `staff at ${minutes} min`).toBe(minutes < 12 * 60);
				expect(!!c, `citizen at ${minutes} min`).toBe(minutes < 8 * 60);
				if (s) expect(s.expiresAt.getTime()).toBeLessThanOrEqual(Date.parse('2026-12-01T19:00:00Z'));
			}
		} finally {
			vi.useRealTimers();
		}
	});

	it('grant nothing between the password and the code, and signing in ends the browser\'s earlier session', async () => {
		const staff = await first(db().select().from(tables.staffUsers).where(eq(tables.staffUsers.username, 'chef')));
		const cookies = jar();
		const first_ = await startSession(cookies, { kind: 'staff', staffId: staff!.id, loa: 'low', provider: 'password', awaitingSecondFactor: true });
		const pendingToken = cookies.values.get(SESSION_COOKIE)!;
		const pending = await validateSessionToken(pendingToken);
		expect(pending.staff).toBeNull();
		expect(pending.session).toBeNull();
		expect(pending.awaitingSecondFactor?.staff.id).toBe(staff!.id);
		expect(first_.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000);

		await startSession(cookies, { kind: 'staff', staffId: staff!.id, loa: 'substantial', provider: 'password' });
		expect((await validateSessionToken(pendingToken)).awaitingSecondFactor).toBeNull();
		expect((await validateSessionToken(cookies.values.get(SESSION_COOKIE)!)).staff?.id).toBe(staff!.id);
	});
});
