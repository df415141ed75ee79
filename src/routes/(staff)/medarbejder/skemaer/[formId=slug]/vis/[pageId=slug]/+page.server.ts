import { error, fail } from '@sveltejs/kit';
import { CHECK_PAGE, findPage, firstPageId, visibleQuestions } from '$lib/forms/engine';
import { takeStep } from '$lib/forms/step';
import type { Answers, FormContext, FormDefinition } from '$lib/forms/types';
import { copenhagenDate } from '$lib/forms/dates';
import type { Lang } from '$lib/i18n';
import { editableForm } from '$lib/server/forms/editing';
import { readPageInput } from '$lib/server/forms/page';
import { formDataOf } from '$lib/server/http';
import { pageTexts } from '$lib/server/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * The builder's preview: the form's pages as the citizen sees them, in either language, with
 * the engine's own validation and conditions. The answers travel in the page itself (a hidden
 * field, never the URL): no draft, submission, upload or contact event is written.
 */
const previewContext = (): FormContext => ({
	today: copenhagenDate(),
	// A fictitious household, so that pages shown only to parents can be seen too.
	options: {
		household: [{ value: 'preview-child', text: 'Eksempel Barn (01.01.2020)' }],
		children: [{ value: 'preview-child', text: 'Eksempel Barn (01.01.2020)' }]
	},
	prefill: {}
});

async function scope(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const { doc } = await editableForm(event, event.params.formId);
	const form: FormDefinition = { ...doc, version: 0 };
	const lang: Lang = event.url.searchParams.get('sprog') === 'en' ? 'en' : 'da';
	return { form, lang, ctx: previewContext() };
}

function view(form: FormDefinition, ctx: FormContext, answers: Answers, pageId: string) {
	const page = findPage(form, pageId);
	if (!page) error(404, 'not_found');
	return { pageId, page: { id: page.id, titled: !!page.title, body: !!page.body }, questions: visibleQuestions(page, answers, ctx) };
}

export const load: PageServerLoad = async (event) => {
	const { form, lang, ctx } = await scope(event);
	return {
		previewLang: lang,
		formId: form.id,
		serviceSlug: form.serviceSlug,
		options: ctx.options,
		answers: '{}',
		first: firstPageId(form, {}, ctx),
		...view(form, ctx, {}, event.params.pageId),
		texts: await pageTexts(lang, { forms: [form], serviceSlugs: [form.serviceSlug] })
	};
};

/** The preview's answers so far, as the page carried them; anything unreadable starts afresh. */
function readAnswers(posted: FormDataEntryValue | null): Answers {
	try {
		const parsed: unknown = typeof posted === 'string' ? JSON.parse(posted) : {};
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Answers) : {};
	} catch {
		return {};
	}
}

export const actions: Actions = {
	default: async (event) => {
		const { form, ctx } = await scope(event);
		const data = await formDataOf(event.request);
		const answers = readAnswers(data.get('answers'));
		const pageId = String(data.get('pageId') ?? event.params.pageId);
		const here = view(form, ctx, answers, pageId);
		const { raw } = await readPageInput(here.questions, data);
		const step = takeStep(form, ctx, answers, pageId, false, raw);
		if (step.next === null) return fail(400, { ...here, answers: JSON.stringify(answers), fields: step.fields, errors: step.errors, done: false });
		if (step.next === CHECK_PAGE) return { ...here, answers: JSON.stringify(step.answers), fields: {}, errors: [], done: true };
		return { ...view(form, ctx, step.answers, step.next), answers: JSON.stringify(step.answers), fields: {}, errors: [], done: false };
	}
};
