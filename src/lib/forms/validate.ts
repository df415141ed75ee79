import { questionType } from './question-types';
import { checkFor, type QuestionResult } from './question-types/kit';
import type { AnswerValue, FieldError, FormContext, FormPage, PageRule, Question, RawInput } from './types';

/** Choices in order of preference: each different, and a lower one only with the ones above it. */
function rankedChoices(rule: PageRule, values: Record<string, AnswerValue | undefined>): FieldError[] {
	const seen = new Set<string>();
	const errors: FieldError[] = [];
	rule.questions.forEach((id, i) => {
		const v = values[id];
		if (typeof v !== 'string') return;
		if (i > 0 && typeof values[rule.questions[i - 1]] !== 'string') errors.push({ questionId: id, fieldId: id, code: 'priority_gap' });
		else if (seen.has(v)) errors.push({ questionId: id, fieldId: id, code: 'distinct_choices' });
		seen.add(v);
	});
	return errors;
}

export type { QuestionResult } from './question-types/kit';

/**
 * Checks one question's posted input, by its type's module. `previous` is the saved answer,
 * which a file question keeps when no new file is chosen.
 */
export function validateQuestion(q: Question, raw: RawInput, ctx: FormContext, previous?: AnswerValue): QuestionResult {
	const type = questionType(q);
	return type.validate(q, raw, ctx, previous, checkFor(q, raw, type.firstFieldId(q)));
}

export interface PageResult {
	values: Record<string, AnswerValue | undefined>;
	errors: FieldError[];
}

/** Validates the page's visible questions, then the page's own cross-question rules. */
export function validatePage(
	page: FormPage,
	questions: Question[],
	raw: RawInput,
	ctx: FormContext,
	previous: Record<string, AnswerValue | undefined> = {}
): PageResult {
	const values: PageResult['values'] = {};
	const errors: FieldError[] = [];
	for (const q of questions) {
		const result = validateQuestion(q, raw, ctx, previous[q.id]);
		values[q.id] = result.value;
		errors.push(...result.errors);
	}
	if (errors.length === 0) for (const rule of page.rules ?? []) errors.push(...rankedChoices(rule, values));
	return { values, errors };
}
