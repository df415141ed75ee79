import { fail, redirect } from '@sveltejs/kit';
import { newForm, newOptions, newQuestion, questionTypes, textsFrom, type FieldProblem } from '$lib/forms/builder';
import type { QuestionType } from '$lib/forms/types';
import { routes } from '$lib/routes';
import { can, mayEditService, requireStaff } from '$lib/server/auth/guards';
import { postedValues } from '$lib/server/forms/editing';
import { currentForm, draftVersion, formOverview, importForm, IMPORT_MAX_BYTES, saveDraft } from '$lib/server/forms/store';
import { formDataOf } from '$lib/server/http';
import { activeServices } from '$lib/server/services/catalog';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event, can.editForms);
	const services = (await activeServices()).filter((s) => mayEditService(staff, s.slug));
	return {
		forms: (await formOverview()).filter((f) => mayEditService(staff, f.serviceSlug)),
		services: services.map((s) => ({ slug: s.slug, title: s.texts[event.locals.lang].title })),
		types: questionTypes,
		imported: event.url.searchParams.get('importeret')
	};
};

/** The form and service an import file names, if it is an object at all. */
function namedIn(text: string): { id?: unknown; serviceSlug?: unknown } {
	try {
		const parsed: unknown = JSON.parse(text);
		return parsed && typeof parsed === 'object' ? (parsed as { id?: unknown; serviceSlug?: unknown }) : {};
	} catch {
		return {};
	}
}

export const actions: Actions = {
	create: async (event) => {
		const staff = requireStaff(event, can.editForms);
		const data = await formDataOf(event.request);
		const values = postedValues(data);
		const get = (n: string) => (typeof values[n] === 'string' ? (values[n] as string) : '');
		const problems: FieldProblem[] = [];
		const id = get('formId').trim();
		const serviceSlug = get('serviceSlug');
		const type = get('type') as QuestionType;
		const qid = get('id').trim();
		if (!/^[a-z][a-z0-9-]{1,39}$/.test(id)) problems.push({ fieldId: 'formId', code: 'id_format' });
		if (!serviceSlug || !mayEditService(staff, serviceSlug)) problems.push({ fieldId: 'serviceSlug', code: 'required' });
		if (!questionTypes.includes(type)) problems.push({ fieldId: 'type', code: 'required' });
		if (!/^[a-zA-Z][a-zA-Z0-9]{0,39}$/.test(qid)) problems.push({ fieldId: 'id', code: 'id_format' });
		const label = textsFrom(get, 'label') ?? { da: '', en: '' };
		const name = textsFrom(get, 'name') ?? { da: '', en: '' };
		for (const [key, t] of [['label', label], ['name', name]] as const)
			for (const lang of ['da', 'en'] as const) if (!t[lang]) problems.push({ fieldId: `${key}-${lang}`, code: 'required' });
		const options = newOptions(type, get('options'), 'options', problems);
		if (problems.length) return fail(400, { section: 'create', fieldProblems: problems, values });
		const saved = await saveDraft(newForm(id, serviceSlug, newQuestion(type, qid, label, name, options)), { staffId: staff.id, create: true });
		if (!saved.ok) {
			if (saved.reason === 'invalid') return fail(400, { section: 'create', problems: saved.problems, values });
			return fail(400, { section: 'create', fieldProblems: [{ fieldId: saved.reason === 'no_service' ? 'serviceSlug' : 'formId', code: saved.reason }], values });
		}
		redirect(303, `${routes.formEditor(id)}?gemt=1`);
	},
	import: async (event) => {
		const staff = requireStaff(event, can.editForms);
		const data = await formDataOf(event.request);
		const file = data.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { section: 'import', fieldProblems: [{ fieldId: 'file', code: 'file_missing' }], values: {} });
		if (file.size > IMPORT_MAX_BYTES) return fail(400, { section: 'import', fieldProblems: [{ fieldId: 'file', code: 'too_large' }], values: {} });
		const text = await file.text();
		// Only services this editor may edit: the one the file names, and the one of the form it would replace.
		const named = namedIn(text);
		const existing = typeof named.id === 'string' ? ((await draftVersion(named.id))?.definition ?? (await currentForm(named.id))) : undefined;
		const services = [named.serviceSlug, existing?.serviceSlug].filter((x): x is string => typeof x === 'string');
		if (services.some((slug) => !mayEditService(staff, slug))) return fail(403, { section: 'import', fieldProblems: [{ fieldId: 'file', code: 'not_yours' }], values: {} });
		const result = await importForm(text, staff.id);
		if (!result.ok) {
			if (result.reason === 'invalid') return fail(400, { section: 'import', problems: result.problems, values: {} });
			return fail(400, { section: 'import', fieldProblems: [{ fieldId: 'file', code: result.reason }], values: {} });
		}
		redirect(303, `${routes.formEditor(String(named.id))}?importeret=${result.version}`);
	}
};
