import { questionType } from './question-types';
import type { AnswerValue, ChoiceQuestion, DynamicOption, FormContext, Question } from './types';

/** Values as the HTML inputs hold them, by field name: what a page shows and what it posts. */
export type FieldValues = Record<string, string | string[]>;


export { partName } from './question-types/kit';

/** The id of the input a question's error links to: its first input. */
export function firstFieldId(q: Question): string {
	return questionType(q).firstFieldId(q);
}

/** A saved answer back into the inputs' values, so that a page can show it again. */
export function answerToFields(q: Question, value: AnswerValue | undefined): FieldValues {
	return value === undefined ? {} : questionType(q).toFields(q, value);
}

export { optionValues } from './question-types';

/** Options with either a locale key (static) or a text (from the register). */
export function resolveOptions(
	formId: string,
	q: ChoiceQuestion,
	options: FormContext['options']
): { value: string; key?: string; text?: string }[] {
	if (Array.isArray(q.options))
		return q.options.map(({ value }) => ({ value, key: `forms.${formId}.${q.id}.options.${value}` }));
	return (options[q.options.from] ?? []).map((o: DynamicOption) => ({ value: o.value, text: o.text }));
}
