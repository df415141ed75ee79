import { CHECK_PAGE, findPage, pageFields, previousPageId, visibleQuestions } from '$lib/forms/engine';
import type { FieldValues } from '$lib/forms/fields';
import { questionType } from '$lib/forms/question-types';
import type { Answers, FieldError, FormContext, FormDefinition, Question, RawInput } from '$lib/forms/types';
import { takeStep } from '$lib/forms/step';
import { routes } from '$lib/routes';

/**
 * Going on through a form without the network: the same engine and validation the server
 * runs, on the answers the page was given, so the next page is the one the server would show.
 */

export type Entries = [string, string][];

/** What the offline view shows: a form page, or the check page. */
export type OfflineView =
	| { kind: 'page'; pageId: string; answers: Answers; returnToCheck: boolean; fields: FieldValues; errors: FieldError[] }
	| { kind: 'check'; answers: Answers };

/** A page's posted fields read as the server reads them (files aside: they need the network). */
export function rawInput(questions: Question[], entries: Entries): RawInput {
	const all = (name: string) => entries.filter(([k]) => k === name).map(([, v]) => v);
	const one = (name: string) => all(name)[0];
	const raw: RawInput = {};
	for (const q of questions)
		for (const input of questionType(q).inputs(q)) {
			if (input.as === 'list') raw[input.name] = all(input.name);
			else if (input.as === 'text') raw[input.name] = one(input.name);
		}
	return raw;
}

export function pageView(form: FormDefinition, answers: Answers, pageId: string, returnToCheck: boolean): OfflineView {
	const page = findPage(form, pageId)!;
	return { kind: 'page', pageId, answers, returnToCheck, fields: pageFields(page, answers), errors: [] };
}

export type StepResult =
	| { ok: false; view: OfflineView }
	| { ok: true; answers: Answers; next: OfflineView };

/** A page posted without the network: the same step the server's page action takes. */
export function offlineStep(
	form: FormDefinition,
	ctx: FormContext,
	answers: Answers,
	pageId: string,
	returnToCheck: boolean,
	entries: Entries
): StepResult {
	const questions = visibleQuestions(findPage(form, pageId)!, answers, ctx);
	const step = takeStep(form, ctx, answers, pageId, returnToCheck, rawInput(questions, entries));
	if (step.next === null) return { ok: false, view: { kind: 'page', pageId, answers, returnToCheck, fields: step.fields, errors: step.errors } };
	return {
		ok: true,
		answers: step.answers,
		next: step.next === CHECK_PAGE ? { kind: 'check', answers: step.answers } : pageView(form, step.answers, step.next, returnToCheck)
	};
}

/** The questions a page shows now. */
export function viewQuestions(form: FormDefinition, ctx: FormContext, view: Extract<OfflineView, { kind: 'page' }>): Question[] {
	return visibleQuestions(findPage(form, view.pageId)!, view.answers, ctx);
}

/** The URL a view stands for: what the address bar shows, and what a replay posts to. */
export function viewUrl(draftId: string, view: OfflineView): string {
	return view.kind === 'check' ? routes.checkAnswers(draftId) : routes.formPage(draftId, view.pageId, view.returnToCheck);
}

export function backUrl(form: FormDefinition, ctx: FormContext, draftId: string, view: OfflineView): string {
	if (view.kind === 'page' && view.returnToCheck) return routes.checkAnswers(draftId);
	const previous = previousPageId(form, view.answers, ctx, view.kind === 'check' ? CHECK_PAGE : view.pageId);
	return previous ? routes.formPage(draftId, previous) : routes.service(form.serviceSlug);
}
