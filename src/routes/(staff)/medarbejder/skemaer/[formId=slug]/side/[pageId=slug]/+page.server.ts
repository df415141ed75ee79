import { error } from '@sveltejs/kit';
import { conditionMenus, earlierChoices, updatePage } from '$lib/forms/builder';
import { routes } from '$lib/routes';
import { applyEdit, editableForm } from '$lib/server/forms/editing';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { doc, revision } = await editableForm(event, event.params.formId);
	const page = doc.pages.find((p) => p.id === event.params.pageId);
	if (!page) error(404, 'not_found');
	return { doc, page, revision, menus: conditionMenus(page.showIf), choices: earlierChoices(doc, page.id) };
};

export const actions: Actions = {
	default: (event) =>
		applyEdit(event, event.params.formId, (doc, get, list) => updatePage(doc, event.params.pageId, get, list), () => routes.formEditor(event.params.formId))
};
