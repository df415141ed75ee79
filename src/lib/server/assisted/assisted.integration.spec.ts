import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db, first, tables } from '$lib/server/db';
import { useTestDatabase } from '$lib/server/db/testing';
import { seed } from '$lib/server/db/seed';
import type { StaffUser } from '$lib/server/db/schema';
import { subjectOf, type Subject } from '$lib/server/auth/guards';
import { ensureCitizen } from '$lib/server/auth/citizens';
import { createSession, servingIdleMs, generateSessionToken, validateSessionToken } from '$lib/server/auth/session';
import { citizenKey } from '$lib/server/channels/events';
import { endServing, readServeRequest, startServing } from './serve';
import { endExemption, readExemption, recordExemption } from './exemptions';
import { currentHelpCode, issueHelpCode, purgeExpiredHelpCodes, redeemHelpCode, recordHelp } from './help';

useTestDatabase('assisted');

// Fictitious fixture persons (birth dates that fail the modulus 11 check, so no real person has them).
const GITTE = '1704481234';
const HANS = '2311521234';
const NOT_IN_REGISTER = '1704489999';

const T0 = new Date('2026-11-23T09:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

async function staffUser(role: StaffUser['role'], id = `${role}-${Math.random().toString(36).slice(2)}`): Promise<StaffUser> {
	const row = { id, username: id, passwordHash: 'x', displayName: `Navn ${id}`, role, unit: 'Borgerservice', editableServices: null, email: null, lastLoginAt: null, totpKey: null, ssoSubject: null, active: true, createdAt: T0 };
	await db().insert(tables.staffUsers).values(row);
	return row;
}

async function staffSession(staff: StaffUser) {
	const token = generateSessionToken();
	const session = await createSession(token, { kind: 'staff', staffId: staff.id, loa: 'substantial', provider: 'password' });
	return { token, session };
}

function form(values: Record<string, string>) {
	const data = new FormData();
	for (const [k, v] of Object.entries(values)) data.set(k, v);
	return data;
}

async function auditRows(citizenId: string) {
	return (await db().select().from(tables.auditLog).where(eq(tables.auditLog.citizenId, citizenId)));
}

beforeAll(seed);
beforeEach(() => vi.useFakeTimers({ now: T0, toFake: ['Date'] }));
afterEach(() => vi.useRealTimers());

describe('the serve form', () => {
	it('names every missing or wrong field and keeps what was typed', async () => {
		expect((await readServeRequest(form({}))).errors.map((e) => e.code)).toEqual(['channel_required', 'purpose_required', 'cpr_required']);
		const wrong = await readServeRequest(form({ kanal: 'pigeon', formaal: 'no-such-service', cpr: '320148-1234' }));
		expect(wrong.request).toBeNull();
		expect(wrong.errors.map((e) => [e.fieldId, e.code])).toEqual([
			['kanal-counter', 'channel_required'],
			['formaal', 'purpose_required'],
			['cpr', 'cpr_invalid']
		]);
		expect(wrong.values).toEqual({ kanal: 'pigeon', formaal: 'no-such-service', cpr: '320148-1234' });
	});

	it('refuses a CPR number whose birth date is after today in Copenhagen', async () => {
		// T0 is 2026-11-23; 311226 with a seventh digit of 4 is 31 December 2026.
		const future = await readServeRequest(form({ kanal: 'counter', formaal: 'generel', cpr: '311226-4000' }));
		expect(future.errors.map((e) => [e.fieldId, e.code])).toEqual([['cpr', 'cpr_future']]);
	});

	it('reads a counter visit about one service, or general help, with the CPR number in one form', async () => {
		expect((await readServeRequest(form({ kanal: 'counter', formaal: 'ansoeg-om-pas', cpr: ' 170448-1234 ' }))).request).toEqual({
			channel: 'counter',
			serviceSlug: 'ansoeg-om-pas',
			cpr: GITTE
		});
		expect((await readServeRequest(form({ kanal: 'phone', formaal: 'generel', cpr: GITTE }))).request).toMatchObject({ channel: 'phone', serviceSlug: null });
	});
});

describe('serving a citizen', () => {
	it('looks the citizen up (logged), serves one at a time, and a double click serves the same one', async () => {
		const staff = await staffUser('staff');
		const { token, session } = await staffSession(staff);
		expect(await startServing(session, staff, { channel: 'counter', serviceSlug: null, cpr: NOT_IN_REGISTER })).toEqual({ ok: false, code: 'cpr_not_found' });

		const started = await startServing(session, staff, { channel: 'phone', serviceSlug: 'nyt-sundhedskort', cpr: GITTE });
		expect(started).toMatchObject({ ok: true, citizen: { name: 'Gitte Hjælpsen' } });
		const citizenId = started.ok ? started.citizen.id : '';
		expect(await auditRows(citizenId)).toEqual([
			expect.objectContaining({ staffId: staff.id, staffRole: 'staff', action: 'view', objectType: 'person', purpose: 'citizen_enquiry' })
		]);

		const served = await validateSessionToken(token);
		expect(served.assisted?.id).toBe(citizenId);
		const subject = subjectOf({ ...served, lang: 'da', kiosk: false } as unknown as App.Locals)!;
		expect(subject.actor).toEqual({ channel: 'phone', assistance: 'on_behalf', staff: { id: staff.id, role: 'staff', unit: 'Borgerservice' } });
		expect(subject.operator?.id).toBe(staff.id);

		expect(await startServing(served.session!, staff, { channel: 'phone', serviceSlug: null, cpr: GITTE })).toMatchObject({ ok: true });
		expect(await startServing(served.session!, staff, { channel: 'phone', serviceSlug: null, cpr: HANS })).toEqual({ ok: false, code: 'busy' });
		// A second tab that read the session before the first start still cannot swap the citizen.
		expect(await startServing({ ...session, assistedCitizenId: null }, staff, { channel: 'phone', serviceSlug: null, cpr: HANS })).toEqual({ ok: false, code: 'busy' });
		expect((await validateSessionToken(token)).assisted?.id).toBe(citizenId);
		expect(await auditRows(citizenId)).toHaveLength(1);

		await endServing(session.id);
		expect((await validateSessionToken(token)).assisted).toBeNull();
		expect((await validateSessionToken(token)).staff?.id).toBe(staff.id);
	});

	it('ends by itself after a quiet quarter of an hour, while the staff member stays signed in', async () => {
		const staff = await staffUser('staff');
		const { token, session } = await staffSession(staff);
		await startServing(session, staff, { channel: 'counter', serviceSlug: null, cpr: HANS });
		// Busy for 40 minutes: each request keeps the service alive.
		for (let m = 10; m <= 40; m += 10) {
			vi.setSystemTime(minutes(m));
			expect((await validateSessionToken(token)).assisted?.name).toBe('Hans Telefonsen');
		}
		vi.setSystemTime(new Date(minutes(40).getTime() + servingIdleMs() - 1000));
		expect((await validateSessionToken(token)).assisted).not.toBeNull();
		vi.setSystemTime(new Date(minutes(40).getTime() + 2 * servingIdleMs()));
		const after = await validateSessionToken(token);
		expect(after.assisted).toBeNull();
		expect(after.session?.assistedChannel).toBeNull();
		expect(after.staff?.id).toBe(staff.id);
	});

	it('gives an ambassador no citizen, even with one set on the session', async () => {
		const ambassador = await staffUser('ambassador');
		const { token, session } = await staffSession(ambassador);
		const citizen = await ensureCitizen(HANS, 'Hans Telefonsen');
		await db().update(tables.sessions).set({ assistedCitizenId: citizen.id, assistedChannel: 'counter', assistedActiveAt: T0 }).where(eq(tables.sessions.id, session.id));
		expect(subjectOf({ ...(await validateSessionToken(token)), lang: 'da', kiosk: false } as unknown as App.Locals)).toBeNull();
	});
});

describe('kiosk sessions', () => {
	it('sign a citizen out after three quiet minutes, where an ordinary session lasts half an hour', async () => {
		const citizen = await ensureCitizen(HANS, 'Hans Telefonsen');
		const kiosk = generateSessionToken();
		const own = generateSessionToken();
		await createSession(kiosk, { kind: 'citizen', citizenId: citizen.id, loa: 'substantial', provider: 'test', kiosk: true });
		await createSession(own, { kind: 'citizen', citizenId: citizen.id, loa: 'substantial', provider: 'test' });
		vi.setSystemTime(minutes(2));
		expect((await validateSessionToken(kiosk)).citizen?.id).toBe(citizen.id);
		vi.setSystemTime(minutes(4));
		expect((await validateSessionToken(kiosk)).citizen?.id).toBe(citizen.id);
		vi.setSystemTime(minutes(7.5));
		expect((await validateSessionToken(kiosk)).session).toBeNull();
		expect((await validateSessionToken(own)).citizen?.id).toBe(citizen.id);
	});
});

describe('help codes', () => {
	it('are six digits, used once, within thirty minutes, and make the session guided by the helper\'s role', async () => {
		const ambassador = await staffUser('ambassador');
		const { code, expiresAt } = await issueHelpCode(ambassador);
		expect(code).toMatch(/^\d{8}$/);
		expect(expiresAt).toEqual(minutes(30));
		expect((await currentHelpCode(ambassador.id))?.code).toBe(code);

		const citizen = await ensureCitizen(GITTE, 'Gitte Hjælpsen');
		const token = generateSessionToken();
		const session = await createSession(token, { kind: 'citizen', citizenId: citizen.id, loa: 'substantial', provider: 'test' });
		vi.setSystemTime(minutes(5));
		expect(await redeemHelpCode(session, code)).toBe('ok');
		const guided = subjectOf({ ...(await validateSessionToken(token)), lang: 'da', kiosk: false } as unknown as App.Locals)!;
		// The helper's role and unit, never who: the library's ambassador counts for the library.
		expect(guided.actor).toEqual({ channel: 'digital', assistance: 'guided', staff: { id: null, role: 'ambassador', unit: 'Borgerservice' } });
		expect(guided.operator).toBeNull();
		// Spent and gone: no one can use it again, nothing links the helper to her, and the helper's page offers a new one.
		expect(await redeemHelpCode(session, code)).toBe('invalid');
		expect(await currentHelpCode(ambassador.id)).toBeUndefined();
		expect((await db().select().from(tables.helpCodes).where(eq(tables.helpCodes.staffId, ambassador.id)))).toEqual([]);

		// Guidance lasts two hours of use, then runs out by itself.
		for (let m = 25; m <= 115; m += 20) {
			vi.setSystemTime(minutes(m));
			expect((await validateSessionToken(token)).session?.guideRole).toBe('ambassador');
		}
		vi.setSystemTime(minutes(5 + 121));
		expect((await validateSessionToken(token)).session?.guideRole).toBeNull();
	});

	it('run out after thirty minutes, a new one replaces the old, and ten wrong tries stop even the right code', async () => {
		const staff = await staffUser('staff');
		const signIn = async (cpr: string, name: string) =>
			await createSession(generateSessionToken(), { kind: 'citizen', citizenId: (await ensureCitizen(cpr, name)).id, loa: 'substantial', provider: 'test' });
		const gitte = await signIn(GITTE, 'Gitte Hjælpsen');
		const expired = (await issueHelpCode(staff)).code;
		vi.setSystemTime(minutes(30));
		expect(await redeemHelpCode(gitte, expired)).toBe('invalid');
		expect(await purgeExpiredHelpCodes()).toBe(1);

		const replaced = (await issueHelpCode(staff)).code;
		const right = (await issueHelpCode(staff)).code;
		if (replaced !== right) expect(await redeemHelpCode(gitte, replaced)).toBe('invalid');

		const hans = await signIn(HANS, 'Hans Telefonsen');
		const wrong = right === '12345678' ? '87654321' : '12345678';
		for (let i = 0; i < 10; i++) expect(await redeemHelpCode(hans, wrong)).toBe('invalid');
		expect(await redeemHelpCode(hans, right)).toBe('limited');
		// Signing in again does not start the count afresh.
		expect(await redeemHelpCode(await signIn(HANS, 'Hans Telefonsen'), right)).toBe('limited');
		// Another citizen is not punished for the guesser.
		expect(await redeemHelpCode(gitte, right)).toBe('ok');
	});

	it('record help without a transaction as an information contact with the helper\'s role only', async () => {
		const ambassador = { id: 'amb-1', role: 'ambassador' as const, unit: 'Hovedbiblioteket' };
		expect(await recordHelp(ambassador, 'hjaelp-digital-post')).toBe(true);
		// A double tap counts once; the next citizen, a minute later, counts again.
		expect(await recordHelp(ambassador, 'hjaelp-digital-post', new Date(T0.getTime() + 800))).toBe(false);
		expect(await recordHelp({ id: 'amb-2', role: 'ambassador', unit: 'Hovedbiblioteket' }, 'hjaelp-digital-post', new Date(T0.getTime() + 900))).toBe(true);
		expect(await recordHelp(ambassador, 'hjaelp-digital-post', minutes(1))).toBe(true);
		const events = (await db().select().from(tables.contactEvents).where(eq(tables.contactEvents.serviceSlug, 'hjaelp-digital-post')));
		expect(events).toHaveLength(3);
		const [event] = events;
		expect(event).toMatchObject({ event: 'helped', channel: 'counter', assistance: 'guided', kind: 'information', staffRole: 'ambassador', staffUnit: 'Hovedbiblioteket', citizenKey: null });
	});
});

describe('exemptions', () => {
	async function servedSubject(cpr: string, name: string): Promise<Subject> {
		const staff = await staffUser('staff');
		return { citizen: await ensureCitizen(cpr, name), operator: staff, loa: null, proxy: null, actor: { channel: 'counter', assistance: 'on_behalf', staff: { id: staff.id, role: 'staff' } } };
	}

	it('need a mandatory service (or all) and a reason category', async () => {
		expect((await readExemption(form({}))).errors.map((e) => e.code)).toEqual(['exemption_service', 'exemption_reason']);
		// Booking a visit is not mandatory self-service: nothing to be exempt from.
		expect((await readExemption(form({ 'fritagelse-tjeneste': 'personlig-vejledning', 'fritagelse-grund': 'language' }))).errors.map((e) => e.code)).toEqual(['exemption_service']);
		expect((await readExemption(form({ 'fritagelse-tjeneste': 'alle', 'fritagelse-grund': 'no_mitid' }))).value).toEqual({ serviceSlug: null, reason: 'no_mitid' });
	});

	it('are kept once per service by the pseudonymous key, logged, and ended only for their own citizen', async () => {
		const gitte = await servedSubject(GITTE, 'Gitte Hjælpsen');
		const hans = await servedSubject(HANS, 'Hans Telefonsen');
		await recordExemption(gitte, { serviceSlug: null, reason: 'digital_skills' });
		await recordExemption(gitte, { serviceSlug: null, reason: 'disability' });
		const e = tables.exemptions;
		const rows = (await db().select().from(e).where(eq(e.citizenKey, citizenKey(GITTE))));
		expect(rows).toEqual([expect.objectContaining({ serviceSlug: null, reason: 'disability', endedAt: null })]);
		expect(JSON.stringify(rows)).not.toContain(GITTE);
		expect((await auditRows(gitte.citizen.id)).filter((a) => a.objectType === 'exemption')).toHaveLength(2);

		expect(await endExemption(hans, rows[0].id)).toBe(false);
		expect(await endExemption(gitte, rows[0].id)).toBe(true);
		expect((await first(db().select().from(e).where(and(eq(e.id, rows[0].id)))))?.endedAt).toEqual(T0);
	});
});
