import { error } from '@sveltejs/kit';
import { acceptTypes, conditionMenus, earlierChoices, optionsText, updateQuestion } from '$lib/forms/builder';
import { routes } from '$lib/routes';
import { applyEdit, editableForm } from '$lib/server/forms/editing';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { doc, revision } = await editableForm(event, event.params.formId);
	const page = doc.pages.find((p) => p.id === event.params.pageId);
	const question = page?.questions.find((q) => q.id === event.params.questionId);
	if (!page || !question) error(404, 'not_found');
	return {
		doc,
		pageId: page.id,
		question,
		revision,
		menus: conditionMenus(question.showIf),
		choices: earlierChoices(doc, page.id, question.id),
		optionsText: 'options' in question && Array.isArray(question.options) ? optionsText(question.options) : '',
		acceptTypes
	};
};

export const actions: Actions = {
	default: (event) =>
		applyEdit(
			event,
			event.params.formId,
			(doc, get, list) => updateQuestion(doc, event.params.pageId, event.params.questionId, get, list),
			() => routes.formEditor(event.params.formId)
		)
};
