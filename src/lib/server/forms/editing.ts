import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { DefinitionProblem } from '$lib/forms/definition-check';
import type { FieldProblem } from '$lib/forms/builder';
import type { FormDocument } from '$lib/forms/types';
import { can, mayEditService, requireStaff } from '$lib/server/auth/guards';
import { formDataOf } from '$lib/server/http';
import { currentForm, draftVersion, saveDraft } from './store';

/**
 * The builder's routes: who may edit a form, the document they edit (the draft, or the newest
 * published version, from which the first change makes the next draft), and a save.
 */
export async function editableForm(event: Pick<RequestEvent, 'locals' | 'url'>, formId: string) {
	const staff = requireStaff(event, can.editForms);
	const draft = await draftVersion(formId);
	const published = await currentForm(formId);
	const doc: FormDocument | undefined = draft?.definition ?? (published && withoutVersion(published));
	if (!doc) error(404, 'not_found');
	if (!mayEditService(staff, doc.serviceSlug)) error(403, 'forbidden');
	return { staff, doc, draft, published, revision: draft?.revision ?? 0 };
}

export function withoutVersion(form: FormDocument & { version?: number }): FormDocument {
	const { version: _version, ...doc } = { version: 0, ...form };
	return doc;
}

export type EditFailure = { problems?: DefinitionProblem[]; fieldProblems?: FieldProblem[]; conflict?: boolean; values: Record<string, string | string[]> };

export function postedValues(data: FormData): Record<string, string | string[]> {
	const values: Record<string, string | string[]> = {};
	for (const [k, v] of data) {
		if (typeof v !== 'string') continue;
		const had = values[k];
		values[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
	}
	return values;
}

/**
 * One edit: read the posted fields, apply `edit` to the document, save it on the revision the
 * editor saw. What cannot be saved comes back with what was typed; a save on an older revision
 * (another editor was quicker) is refused and said.
 */
export async function applyEdit(
	event: RequestEvent,
	formId: string,
	edit: (doc: FormDocument, get: (n: string) => string, list: (n: string) => string[]) => { doc: FormDocument; problems?: FieldProblem[] } | FormDocument,
	next: (doc: FormDocument) => string
) {
	const { staff, doc } = await editableForm(event, formId);
	const data = await formDataOf(event.request);
	const get = (n: string) => {
		const v = data.get(n);
		return typeof v === 'string' ? v : '';
	};
	const list = (n: string) => data.getAll(n).filter((v): v is string => typeof v === 'string');
	const values = postedValues(data);
	const result = edit(doc, get, list);
	const edited = 'pages' in result ? result : result.doc;
	const fieldProblems = 'pages' in result ? [] : (result.problems ?? []);
	if (fieldProblems.length) return fail(400, { fieldProblems, values } satisfies EditFailure);
	const revision = Number(get('revision'));
	const saved = await saveDraft(edited, { staffId: staff.id, revision: Number.isInteger(revision) && revision > 0 ? revision : undefined });
	if (!saved.ok) {
		if (saved.reason === 'conflict') return fail(409, { conflict: true, values } satisfies EditFailure);
		if (saved.reason === 'invalid') return fail(400, { problems: saved.problems, values } satisfies EditFailure);
		error(400, saved.reason);
	}
	redirect(303, `${next(edited)}${next(edited).includes('?') ? '&' : '?'}gemt=1`);
}
