import type { FieldValues } from './fields';
import { questionType } from './question-types';
import { validatePage } from './validate';
import type {
	AnswerValue,
	Answers,
	Condition,
	FieldError,
	FormContext,
	FormDefinition,
	FormPage,
	PrefillSource,
	Question
} from './types';

export const CHECK_PAGE = 'check';

export function evaluate(condition: Condition, answers: Answers, ctx: FormContext): boolean {
	if ('all' in condition) return condition.all.every((c) => evaluate(c, answers, ctx));
	if ('any' in condition) return condition.any.some((c) => evaluate(c, answers, ctx));
	if ('not' in condition) return !evaluate(condition.not, answers, ctx);
	if ('hasOptions' in condition) return (ctx.options[condition.hasOptions] ?? []).length > 0;
	const value = answers[condition.question]?.value;
	if ('equals' in condition) return value === condition.equals;
	if ('oneOf' in condition) return typeof value === 'string' && condition.oneOf.includes(value);
	return Array.isArray(value) && value.includes(condition.includes);
}

export function visibleQuestions(page: FormPage, answers: Answers, ctx: FormContext): Question[] {
	return page.questions.filter((q) => !q.showIf || evaluate(q.showIf, answers, ctx));
}

/** A page is shown when its condition holds and it has a question left to ask. */
export function visiblePages(form: FormDefinition, answers: Answers, ctx: FormContext): FormPage[] {
	return form.pages.filter(
		(p) => (!p.showIf || evaluate(p.showIf, answers, ctx)) && visibleQuestions(p, answers, ctx).length > 0
	);
}

export function findQuestion(form: FormDefinition, questionId: string): Question | undefined {
	for (const page of form.pages) {
		const q = page.questions.find((x) => x.id === questionId);
		if (q) return q;
	}
	return undefined;
}

export function findPage(form: FormDefinition, pageId: string): FormPage | undefined {
	return form.pages.find((p) => p.id === pageId);
}

export function nextPageId(form: FormDefinition, answers: Answers, ctx: FormContext, currentId: string): string {
	const pages = visiblePages(form, answers, ctx);
	const i = pages.findIndex((p) => p.id === currentId);
	return pages[i + 1]?.id ?? CHECK_PAGE;
}

/** Where a new draft begins. */
export function firstPageId(form: FormDefinition, answers: Answers, ctx: FormContext): string {
	return visiblePages(form, answers, ctx)[0]?.id ?? CHECK_PAGE;
}

/** The page before, or null on the first page (the back link then goes to the service). */
export function previousPageId(
	form: FormDefinition,
	answers: Answers,
	ctx: FormContext,
	currentId: string
): string | null {
	const pages = visiblePages(form, answers, ctx);
	if (currentId === CHECK_PAGE) return pages.at(-1)?.id ?? null;
	const i = pages.findIndex((p) => p.id === currentId);
	return i > 0 ? pages[i - 1].id : null;
}

/** What a page shows: the inputs' values derived from the saved answers. */
export function pageFields(page: FormPage, answers: Answers): FieldValues {
	return Object.assign(
		{},
		...page.questions.map((q) => {
			const value = answers[q.id]?.value;
			return value === undefined ? {} : questionType(q).toFields(q, value);
		})
	);
}

/**
 * Re-checks the saved answers of a visible page as if they had just been posted: a draft
 * saved weeks ago may hold a date that is no longer allowed.
 */
export function pageErrors(page: FormPage, answers: Answers, ctx: FormContext): FieldError[] {
	const questions = visibleQuestions(page, answers, ctx);
	const previous = Object.fromEntries(page.questions.map((q) => [q.id, answers[q.id]?.value]));
	return validatePage(page, questions, pageFields(page, answers), ctx, previous).errors;
}

/** The first visible page that is unanswered or no longer valid, or null when all is ready. */
export function firstIncompletePage(form: FormDefinition, answers: Answers, ctx: FormContext): string | null {
	for (const page of visiblePages(form, answers, ctx)) {
		if (pageErrors(page, answers, ctx).length > 0) return page.id;
	}
	return null;
}

/** Where to go after a page was saved: on to the next page, or back to the check page. */
export function afterSave(
	form: FormDefinition,
	answers: Answers,
	ctx: FormContext,
	currentId: string,
	returnToCheck: boolean
): string {
	if (returnToCheck) return firstIncompletePage(form, answers, ctx) ?? CHECK_PAGE;
	return nextPageId(form, answers, ctx, currentId);
}

/** JSON with every object's keys in order: PostgreSQL's jsonb gives keys back in its own order. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	return JSON.stringify(value) ?? 'undefined';
}

function sameValue(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
	return canonical(a) === canonical(b);
}

/**
 * Stores a page's validated values. A value equal to the register's keeps the source
 * `register`; anything the citizen changed becomes `user`. A question left empty is removed.
 */
export function mergeAnswers(
	answers: Answers,
	values: Record<string, AnswerValue | undefined>
): Answers {
	const merged: Answers = { ...answers };
	for (const [id, value] of Object.entries(values)) {
		if (value === undefined) {
			delete merged[id];
			continue;
		}
		const before = answers[id];
		const source = before?.source === 'register' && sameValue(before.value, value) ? 'register' : 'user';
		merged[id] = { value, source };
	}
	return merged;
}

/** Pre-fill sources that are the register's; the others (e-mail) are what the citizen gave before. */
const REGISTER_SOURCES: PrefillSource[] = ['address'];

/** Fills questions that have a pre-fill source and no answer yet. */
export function prefill(form: FormDefinition, answers: Answers, ctx: FormContext): Answers {
	const filled: Answers = { ...answers };
	for (const page of form.pages) {
		for (const q of page.questions) {
			const value = q.prefill ? ctx.prefill[q.prefill] : undefined;
			if (value !== undefined && !(q.id in filled))
				filled[q.id] = { value, source: REGISTER_SOURCES.includes(q.prefill!) ? 'register' : 'user' };
		}
	}
	return filled;
}

/** The check page's rows: every question asked, with its page (for the change link) and answer. */
export function checkRows(form: FormDefinition, answers: Answers, ctx: FormContext) {
	return visiblePages(form, answers, ctx).flatMap((page) =>
		visibleQuestions(page, answers, ctx).map((question) => ({ pageId: page.id, question, answer: answers[question.id] ?? null }))
	);
}

/**
 * Only the answers to questions the citizen was actually asked are submitted. Choices from
 * the register keep the texts they had, so a receipt reads the same after the household changes.
 */
export function answersToSubmit(form: FormDefinition, answers: Answers, ctx: FormContext): Answers {
	const result: Answers = {};
	for (const page of visiblePages(form, answers, ctx)) {
		for (const q of visibleQuestions(page, answers, ctx)) {
			const answer = answers[q.id];
			if (!answer) continue;
			if ((q.type === 'radio' || q.type === 'checkbox' || q.type === 'select') && !Array.isArray(q.options)) {
				const options = ctx.options[q.options.from] ?? [];
				const values = Array.isArray(answer.value) ? answer.value : [answer.value as string];
				result[q.id] = { ...answer, texts: values.map((v) => options.find((o) => o.value === v)?.text ?? v) };
			} else result[q.id] = answer;
		}
	}
	return result;
}
