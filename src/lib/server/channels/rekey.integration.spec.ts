import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { citizenKeyring } from '$lib/server/config';
import { db, tables } from '$lib/server/db';
import { useTestDatabase } from '$lib/server/db/testing';
import { ensureCitizen } from '$lib/server/auth/citizens';
import { manageToken } from '$lib/server/booking/tokens';
import { citizenKey, recordContactEvent } from './events';
import { rekeyCitizens } from './rekey';

const { dataDir } = useTestDatabase('rekey');
const saved = { ...process.env };
afterEach(() => {
	for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
	Object.assign(process.env, saved);
});

const CPR = '1106621234'; // Nina Niveausen, fictitious
const keysOf = async () => (await db().select({ key: tables.contactEvents.citizenKey }).from(tables.contactEvents)).map((r) => r.key);

describe('the citizen-key secret', () => {
	it('rotates: new keys say their version, and rekey moves every old key so one citizen keeps one key', async () => {
		process.env.CITIZEN_KEY_SECRET = 'first-secret-for-the-test';
		await ensureCitizen(CPR, 'Nina Niveausen');
		const event = { event: 'form_submitted', channel: 'digital', assistance: 'none', kind: 'transaction', serviceSlug: 'ansoeg-om-pas', citizenCpr: CPR } as const;
		// Helped first, then alone: a graduation the journey facts hold under the key.
		await recordContactEvent({ ...event, assistance: 'guided', staffRole: 'ambassador', at: new Date(Date.now() - 86_400_000) });
		await recordContactEvent(event);
		await db().insert(tables.exemptions).values({ citizenKey: citizenKey(CPR), reason: 'no_mitid', createdAt: new Date() });
		const oldKey = citizenKey(CPR);
		expect(oldKey).toMatch(/^[0-9a-f]{32}$/);
		const oldLink = manageToken('appointment-1');

		process.env.CITIZEN_KEY_SECRET = 'second-secret-for-the-test';
		process.env.CITIZEN_KEY_VERSION = '2';
		process.env.CITIZEN_KEY_PREVIOUS_SECRET = 'first-secret-for-the-test';
		const newKey = citizenKey(CPR);
		expect(newKey).toMatch(/^v2:[0-9a-f]{32}$/);
		await recordContactEvent(event);
		expect(new Set(await keysOf())).toEqual(new Set([oldKey, newKey]));

		expect(await rekeyCitizens()).toEqual({ citizens: 1, events: 2, exemptions: 1 });
		expect(new Set(await keysOf())).toEqual(new Set([newKey]));
		// The journey facts follow: one citizen, helped, with the self-service after it.
		expect((await db().select().from(tables.helpFacts)).map((f) => [f.citizenKey, f.nextSelfAt !== null])).toEqual([[newKey, true]]);
		expect((await db().select().from(tables.exemptions).where(eq(tables.exemptions.citizenKey, newKey))).length).toBe(1);
		// Run again (after a crash): nothing left to move.
		expect(await rekeyCitizens()).toMatchObject({ events: 0, exemptions: 0 });
		// A link sent before the rotation is sent again as it was; a new one is made with the new secret.
		const { createHash } = await import('node:crypto');
		const stored = createHash('sha256').update(oldLink).digest('hex');
		expect(manageToken('appointment-1', stored)).toBe(oldLink);
		expect(manageToken('appointment-2')).not.toBe(manageToken('appointment-2', 'some-other-hash-from-before'));
	});

	it('in production: comes from the environment or a file outside DATA_DIR, never from beside the data', () => {
		process.env.NODE_ENV = 'production';
		delete process.env.CITIZEN_KEY_SECRET;
		expect(() => citizenKeyring()).toThrow(/must be set in production/);
		const inside = path.join(dataDir, 'secret.txt');
		writeFileSync(inside, 'a-secret-beside-the-database');
		process.env.CITIZEN_KEY_SECRET_FILE = inside;
		expect(() => citizenKeyring()).toThrow(/outside DATA_DIR/);
		const outside = path.join(mkdtempSync(path.join(os.tmpdir(), 'indgang-secret-')), 'secret.txt');
		writeFileSync(outside, 'a-secret-elsewhere\n');
		process.env.CITIZEN_KEY_SECRET_FILE = outside;
		expect(citizenKeyring().current).toEqual({ version: 1, secret: 'a-secret-elsewhere' });
	});
});
