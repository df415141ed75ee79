import { and, desc, eq } from 'drizzle-orm';
import { checkDefinition, type DefinitionProblem } from '$lib/forms/definition-check';
import type { FormDefinition, FormDocument } from '$lib/forms/types';
import { db, engineOf, first, forUpdate, tables, transaction } from '$lib/server/db';
import type { FormVersion } from '$lib/server/db/schema';
import { logChange } from '$lib/server/audit/changes';

/**
 * Forms as data. A published version never changes, so each instance may keep the ones it has
 * read (per database it has open); drafts are always read from the database.
 */
const caches = new WeakMap<object, Map<string, FormDefinition>>();
function publishedCache(): Map<string, FormDefinition> {
	const engine = engineOf();
	let cache = caches.get(engine);
	if (!cache) caches.set(engine, (cache = new Map()));
	return cache;
}

const fv = () => tables.formVersions;

function definitionOf(row: FormVersion): FormDefinition {
	return { ...row.definition, version: row.version };
}

/** One version of a form (a citizen's draft keeps the one it began with). */
export async function formVersion(formId: string, version: number): Promise<FormDefinition | undefined> {
	const key = `${formId}@${version}`;
	const cached = publishedCache().get(key);
	if (cached) return cached;
	const row = await first(db().select().from(fv()).where(and(eq(fv().formId, formId), eq(fv().version, version))).limit(1));
	if (!row) return undefined;
	const form = definitionOf(row);
	if (row.status === 'published') publishedCache().set(key, form);
	return form;
}

/** The newest published version: what a new draft starts on. */
export async function currentForm(formId: string): Promise<FormDefinition | undefined> {
	const row = await first(
		db()
			.select({ version: fv().version })
			.from(fv())
			.where(and(eq(fv().formId, formId), eq(fv().status, 'published')))
			.orderBy(desc(fv().version))
			.limit(1)
	);
	return row ? formVersion(formId, row.version) : undefined;
}

export function versionsOf(formId: string): Promise<FormVersion[]> {
	return db().select().from(fv()).where(eq(fv().formId, formId)).orderBy(desc(fv().version));
}

export async function draftVersion(formId: string): Promise<FormVersion | undefined> {
	return first(db().select().from(fv()).where(and(eq(fv().formId, formId), eq(fv().status, 'draft'))).limit(1));
}

export function allForms() {
	return db().select().from(tables.forms).orderBy(tables.forms.id);
}

export type SaveResult =
	| { ok: true; version: number; revision: number }
	| { ok: false; reason: 'invalid'; problems: DefinitionProblem[] }
	| { ok: false; reason: 'conflict'; revision: number }
	| { ok: false; reason: 'not_found' | 'no_service' | 'exists' };

async function serviceExists(slug: string): Promise<boolean> {
	return !!(await first(db().select({ slug: tables.services.slug }).from(tables.services).where(eq(tables.services.slug, slug)).limit(1)));
}

/**
 * Saves a form's draft version, or starts one from the newest version. `revision` is the one
 * the editor began from: a save made on an older one is refused (another editor saved since),
 * never silently written over. A new form (`create`) must not exist.
 */
export function saveDraft(
	doc: unknown,
	o: { staffId: string | null; revision?: number; create?: boolean; action?: string },
	now = new Date()
): Promise<SaveResult> {
	const checked = checkDefinition(doc);
	if (!checked.ok) return Promise.resolve({ ok: false, reason: 'invalid', problems: checked.problems });
	const form = checked.form;
	return transaction(async (): Promise<SaveResult> => {
		if (!(await serviceExists(form.serviceSlug))) return { ok: false, reason: 'no_service' };
		const exists = await first(forUpdate(db().select().from(tables.forms).where(eq(tables.forms.id, form.id)).limit(1)));
		if (o.create && exists) return { ok: false, reason: 'exists' };
		if (!exists) await db().insert(tables.forms).values({ id: form.id, createdAt: now });
		const draft = await first(db().select().from(fv()).where(and(eq(fv().formId, form.id), eq(fv().status, 'draft'))).limit(1));
		if (draft) {
			if (o.revision !== undefined && o.revision !== draft.revision) return { ok: false, reason: 'conflict', revision: draft.revision };
			const revision = draft.revision + 1;
			await db()
				.update(fv())
				.set({ definition: form, revision, updatedAt: now, updatedBy: o.staffId })
				.where(and(eq(fv().formId, form.id), eq(fv().version, draft.version)));
			await logChange(o.staffId, 'form', form.id, o.action ?? 'save', { version: draft.version, revision }, now);
			return { ok: true, version: draft.version, revision };
		}
		const newest = await first(db().select({ version: fv().version }).from(fv()).where(eq(fv().formId, form.id)).orderBy(desc(fv().version)).limit(1));
		const version = (newest?.version ?? 0) + 1;
		await db().insert(fv()).values({ formId: form.id, version, status: 'draft', definition: form, revision: 1, updatedAt: now, updatedBy: o.staffId });
		await logChange(o.staffId, 'form', form.id, o.action ?? (exists ? 'new_version' : 'create'), { version, revision: 1 }, now);
		return { ok: true, version, revision: 1 };
	});
}

/** Publishes the draft version, as it was at `revision`: from now on new drafts take it. */
export function publishDraft(formId: string, o: { staffId: string | null; revision?: number }, now = new Date()): Promise<SaveResult> {
	return transaction(async (): Promise<SaveResult> => {
		await first(forUpdate(db().select().from(tables.forms).where(eq(tables.forms.id, formId)).limit(1)));
		const draft = await draftVersion(formId);
		if (!draft) return { ok: false, reason: 'not_found' };
		if (o.revision !== undefined && o.revision !== draft.revision) return { ok: false, reason: 'conflict', revision: draft.revision };
		const checked = checkDefinition(draft.definition);
		if (!checked.ok) return { ok: false, reason: 'invalid', problems: checked.problems };
		await db()
			.update(fv())
			.set({ status: 'published', publishedAt: now, publishedBy: o.staffId })
			.where(and(eq(fv().formId, formId), eq(fv().version, draft.version)));
		await logChange(o.staffId, 'form', formId, 'publish', { version: draft.version }, now);
		return { ok: true, version: draft.version, revision: draft.revision };
	});
}

/** A form's document as it is exported: the draft if asked for, else the newest published. */
export async function exportForm(formId: string, which: 'published' | 'draft' = 'published'): Promise<FormDocument | undefined> {
	const form = which === 'draft' ? (await draftVersion(formId))?.definition : await currentForm(formId);
	if (!form) return undefined;
	const { version: _version, ...doc } = { version: 0, ...form };
	return doc;
}

/** The import limit: a form of 50 pages with long texts stays far below it. */
export const IMPORT_MAX_BYTES = 1024 * 1024;

export type ImportResult = SaveResult | { ok: false; reason: 'too_large' | 'not_json' | 'format' };

/**
 * An exported file, from this municipality or another: validated as a save is, and landed as
 * the form's draft version (a new form, or the next version of an existing one) for an editor
 * to look at and publish.
 */
export function importForm(text: string, staffId: string | null): Promise<ImportResult> {
	if (Buffer.byteLength(text) > IMPORT_MAX_BYTES) return Promise.resolve({ ok: false, reason: 'too_large' });
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch {
		return Promise.resolve({ ok: false, reason: 'not_json' });
	}
	if (!doc || typeof doc !== 'object' || (doc as { format?: unknown }).format !== 1) return Promise.resolve({ ok: false, reason: 'format' });
	return saveDraft(doc, { staffId, action: 'import' });
}

/** The starter forms, as version 1, published: only those not there, so edits stay. */
export async function seedForms(docs: FormDocument[], now = new Date()): Promise<void> {
	for (const doc of docs) {
		const added = await db().insert(tables.forms).values({ id: doc.id, createdAt: now }).onConflictDoNothing().returning({ id: tables.forms.id });
		if (!added.length) continue;
		await db().insert(fv()).values({ formId: doc.id, version: 1, status: 'published', definition: doc, revision: 1, updatedAt: now, updatedBy: null, publishedAt: now, publishedBy: null });
	}
}

/** Every form, with its newest published version and its draft, for the builder's list. */
export async function formOverview() {
	const rows = await db()
		.select({ formId: fv().formId, version: fv().version, status: fv().status, definition: fv().definition })
		.from(fv())
		.orderBy(fv().formId, desc(fv().version));
	const byForm = new Map<string, { formId: string; serviceSlug: string; published: number | null; draft: number | null }>();
	for (const r of rows) {
		const entry = byForm.get(r.formId) ?? { formId: r.formId, serviceSlug: r.definition.serviceSlug, published: null, draft: null };
		if (r.status === 'draft') entry.draft = r.version;
		else entry.published ??= r.version;
		byForm.set(r.formId, entry);
	}
	return [...byForm.values()];
}
