import type { AddressValue, AnswerValue, ChoiceQuestion, DynamicOption, FileValue, FormContext, Question } from './types';

/** Values as the HTML inputs hold them, by field name: what a page shows and what it posts. */
export type FieldValues = Record<string, string | string[]>;

export const dateParts = ['day', 'month', 'year'] as const;
export const addressParts = ['street', 'postcode', 'city'] as const;

export function partName(questionId: string, part: string): string {
	return `${questionId}-${part}`;
}

/** The id of the input a question's error links to: its first input. */
export function firstFieldId(q: Question): string {
	if (q.type === 'date') return partName(q.id, 'day');
	if (q.type === 'address') return partName(q.id, 'street');
	return q.id;
}

/** A saved answer back into the inputs' values, so that a page can show it again. */
export function answerToFields(q: Question, value: AnswerValue | undefined): FieldValues {
	if (value === undefined) return {};
	switch (q.type) {
		case 'date': {
			const [year, month, day] = String(value).split('-');
			return {
				[partName(q.id, 'day')]: String(Number(day)),
				[partName(q.id, 'month')]: String(Number(month)),
				[partName(q.id, 'year')]: year
			};
		}
		case 'address': {
			const a = value as AddressValue;
			return {
				[partName(q.id, 'street')]: a.street,
				[partName(q.id, 'postcode')]: a.postcode,
				[partName(q.id, 'city')]: a.city
			};
		}
		case 'checkbox':
			return { [q.id]: value as string[] };
		case 'file':
			return { [q.id]: (value as FileValue).name };
		default:
			return { [q.id]: String(value) };
	}
}

export function optionValues(q: ChoiceQuestion, ctx: Pick<FormContext, 'options'>): string[] {
	return Array.isArray(q.options) ? q.options.map((o) => o.value) : (ctx.options[q.options.from] ?? []).map((o) => o.value);
}

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
