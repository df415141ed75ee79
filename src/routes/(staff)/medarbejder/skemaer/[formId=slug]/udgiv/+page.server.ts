import { fail, redirect } from '@sveltejs/kit';
import { changesBetween } from '$lib/forms/builder';
import { routes } from '$lib/routes';
import { editableForm, withoutVersion } from '$lib/server/forms/editing';
import { publishDraft } from '$lib/server/forms/store';
import { formDataOf } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { doc, draft, published, revision } = await editableForm(event, event.params.formId);
	if (!draft) redirect(303, routes.formEditor(doc.id));
	return { doc, version: draft.version, revision, changes: changesBetween(published && withoutVersion(published), doc) };
};

export const actions: Actions = {
	default: async (event) => {
		const { staff } = await editableForm(event, event.params.formId);
		const data = await formDataOf(event.request);
		const revision = Number(data.get('revision'));
		const result = await publishDraft(event.params.formId, { staffId: staff.id, revision: Number.isInteger(revision) ? revision : -1 });
		if (!result.ok) return fail(result.reason === 'conflict' ? 409 : 400, { reason: result.reason, problems: result.reason === 'invalid' ? result.problems : [] });
		redirect(303, `${routes.formEditor(event.params.formId)}?udgivet=${result.version}`);
	}
};
