import type { ChoiceQuestion, DynamicOption, FormContext } from './types';

/**
 * What a form page's fields need in the browser, and no more: the question types' modules (with
 * all their validation) stay out of a form page's first load.
 */

/** Values as the HTML inputs hold them, by field name: what a page shows and what it posts. */
export type FieldValues = Record<string, string | string[]>;

export { partName } from './question-types/kit';

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
