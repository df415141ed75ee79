import { afterSave, findPage, mergeAnswers, visibleQuestions } from './engine';
import type { FieldValues } from './fields';
import type { Answers, AnswerValue, FieldError, FormContext, FormDefinition, RawInput } from './types';
import { validatePage } from './validate';

export interface Step {
	errors: FieldError[];
	/** The values that passed, also when others failed (a good file, "save for later"). */
	accepted: Record<string, AnswerValue | undefined>;
	/** The answers with the accepted values in. */
	answers: Answers;
	/** Where to go next (a page id or CHECK_PAGE), or null when the page must be shown again. */
	next: string | null;
	/** What the page shows again after errors: what was typed, as typed. */
	fields: FieldValues;
}

/**
 * One page posted: validate, merge, and say where to go. The server's page action and the
 * browser without the network both call this, so the next page is the same either way.
 */
export function takeStep(form: FormDefinition, ctx: FormContext, answers: Answers, pageId: string, returnToCheck: boolean, raw: RawInput): Step {
	const page = findPage(form, pageId)!;
	const questions = visibleQuestions(page, answers, ctx);
	const previous = Object.fromEntries(questions.map((q) => [q.id, answers[q.id]?.value]));
	const { values, errors } = validatePage(page, questions, raw, ctx, previous);
	const failed = new Set(errors.map((e) => e.questionId));
	const accepted = Object.fromEntries(Object.entries(values).filter(([id]) => !failed.has(id)));
	const merged = mergeAnswers(answers, accepted);
	const fields: FieldValues = errors.length
		? Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' || Array.isArray(v) ? v : '']))
		: {};
	return { errors, accepted, answers: merged, next: errors.length ? null : afterSave(form, merged, ctx, pageId, returnToCheck), fields };
}
