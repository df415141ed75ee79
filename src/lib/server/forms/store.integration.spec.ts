import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '$lib/server/db';
import { useTestDatabase } from '$lib/server/db/testing';
import { seed } from '$lib/server/db/seed';
import type { FormDocument } from '$lib/forms/types';
import { changesOf } from '$lib/server/audit/changes';
import { seededForm } from './seed';
import { currentForm, draftVersion, exportForm, formVersion, importForm, publishDraft, saveDraft } from './store';

const { dataDir } = useTestDatabase('form-store');

/** A form of our own, on a seeded service: the health card form under another id. */
function copy(label = 'Hvorfor skal du have et nyt kort?'): FormDocument {
	const { version: _v, ...doc } = seededForm('sundhedskort');
	const next = structuredClone(doc);
	next.id = 'kort-kopi';
	next.pages[0].questions[0].label.da = label;
	return next;
}

describe('forms as data in the database', () => {
	it('saves drafts on their revision, refuses a save on an older one, and publishes versions that never change', async () => {
		await seed();
		const created = await saveDraft(copy(), { staffId: null, create: true });
		expect(created).toMatchObject({ ok: true, version: 1, revision: 1 });
		expect(await saveDraft(copy(), { staffId: null, create: true })).toMatchObject({ ok: false, reason: 'exists' });
		expect(await currentForm('kort-kopi')).toBeUndefined();

		// Two editors began on revision 1: the first saves, the second is told.
		expect(await saveDraft(copy('Første'), { staffId: null, revision: 1 })).toMatchObject({ ok: true, revision: 2 });
		expect(await saveDraft(copy('Anden'), { staffId: null, revision: 1 })).toMatchObject({ ok: false, reason: 'conflict', revision: 2 });
		expect((await draftVersion('kort-kopi'))!.definition.pages[0].questions[0].label.da).toBe('Første');

		expect(await publishDraft('kort-kopi', { staffId: null, revision: 1 })).toMatchObject({ ok: false, reason: 'conflict' });
		expect(await publishDraft('kort-kopi', { staffId: null, revision: 2 })).toMatchObject({ ok: true, version: 1 });
		expect((await currentForm('kort-kopi'))!.version).toBe(1);

		// The next change is version 2; version 1 stays as it was.
		expect(await saveDraft(copy('Ny tekst'), { staffId: null })).toMatchObject({ ok: true, version: 2, revision: 1 });
		expect((await formVersion('kort-kopi', 1))!.pages[0].questions[0].label.da).toBe('Første');
		expect((await currentForm('kort-kopi'))!.version).toBe(1);
		await publishDraft('kort-kopi', { staffId: null });
		expect((await currentForm('kort-kopi'))!.pages[0].questions[0].label.da).toBe('Ny tekst');
		expect((await changesOf('form', 'kort-kopi')).map((c) => c.action)).toEqual(['publish', 'new_version', 'publish', 'save', 'create']);
	});

	it('refuses a definition that fails the format, field by field, and changes nothing', async () => {
		const bad = copy();
		bad.pages[0].questions[0].label.en = ' ';
		bad.pages[1].showIf = { question: 'deliveryAddress', equals: 'x' };
		const result = await saveDraft(bad, { staffId: null });
		expect(result).toMatchObject({ ok: false, reason: 'invalid' });
		if (!result.ok && result.reason === 'invalid')
			expect(result.problems.map((p) => `${p.path} ${p.code}`)).toEqual(['/pages/0/questions/0/label/en text_missing', '/pages/1/showIf/question condition_later']);
		expect(await draftVersion('kort-kopi')).toBeUndefined();
		for (const [text, reason] of [
			['not json', 'not_json'],
			['{"format":2,"id":"x"}', 'format'],
			['x'.repeat(1024 * 1024 + 1), 'too_large']
		] as const)
			expect(await importForm(text, null)).toMatchObject({ ok: false, reason });
	});

	it('exports a form that, imported into a fresh database, is the same form', async () => {
		const exported = await exportForm('kort-kopi');
		expect(exported).toBeDefined();
		await closeDatabase();
		process.env.DATABASE_URL = path.join(dataDir, 'fresh.db');
		await openDatabase();
		await seed();
		expect(await currentForm('kort-kopi')).toBeUndefined();
		const imported = await importForm(JSON.stringify(exported), null);
		expect(imported).toMatchObject({ ok: true, version: 1 });
		expect(await currentForm('kort-kopi')).toBeUndefined();
		await publishDraft('kort-kopi', { staffId: null });
		expect(await exportForm('kort-kopi')).toEqual(exported);
	});
});
