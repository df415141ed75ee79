import { error } from '@sveltejs/kit';
import { addPage, addQuestion, movePage, moveQuestion, questionTypes, removePage, removeQuestion, updateSettings } from '$lib/forms/builder';
import { routes } from '$lib/routes';
import { changesOf } from '$lib/server/audit/changes';
import { applyEdit, editableForm } from '$lib/server/forms/editing';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const { doc, draft, published, revision } = await editableForm(event, event.params.formId);
	return {
		doc,
		revision,
		draftVersion: draft?.version ?? null,
		publishedVersion: published?.version ?? null,
		types: questionTypes,
		history: await changesOf('form', doc.id, 20),
		saved: event.url.searchParams.has('gemt'),
		imported: event.url.searchParams.get('importeret'),
		published: event.url.searchParams.get('udgivet')
	};
};

const by = (get: (n: string) => string): -1 | 1 => (get('by') === 'up' ? -1 : 1);
const here = (event: RequestEvent) => () => routes.formEditor(event.params.formId);
const edit = (event: RequestEvent, fn: Parameters<typeof applyEdit>[2]) => applyEdit(event, event.params.formId, fn, here(event));
const need = (v: string) => {
	if (!v) error(400, 'bad_request');
	return v;
};

export const actions: Actions = {
	settings: (event) => edit(event, (doc, get) => updateSettings(doc, get)),
	movePage: (event) => edit(event, (doc, get) => movePage(doc, need(get('pageId')), by(get))),
	removePage: (event) => edit(event, (doc, get) => removePage(doc, need(get('pageId')))),
	moveQuestion: (event) => edit(event, (doc, get) => moveQuestion(doc, need(get('pageId')), need(get('questionId')), by(get))),
	removeQuestion: (event) => edit(event, (doc, get) => removeQuestion(doc, need(get('pageId')), need(get('questionId')))),
	addQuestion: (event) => edit(event, (doc, get) => addQuestion(doc, need(get('pageId')), get)),
	addPage: (event) => edit(event, (doc, get) => addPage(doc, get))
};
