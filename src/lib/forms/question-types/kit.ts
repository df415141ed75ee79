import type { TFunction } from 'i18next';
import type { FieldValues } from '../fields';
import type { AnswerValue, ChoiceOption, FieldError, FileMeta, FormContext, Lang, OptionSource, Question, RawInput, Texts } from '../types';

/**
 * What a question type is, in one module: the JSON Schema of its settings, the inputs it posts,
 * how its answer is checked, shown back in the inputs, and shown as text, and how the builder
 * reads its settings. Adding a type is adding a module and listing it in index.ts.
 */
export interface QuestionTypeModule<Q extends Question = Question> {
	types: readonly Q['type'][];
	/** The JSON Schema of the settings this type adds to every question's. */
	schema: { properties: Record<string, unknown>; required?: string[] };
	/** The inputs the page posts, by name: one text, a list (checkboxes) or a file. */
	inputs(q: Q): { name: string; as: 'text' | 'list' | 'file' }[];
	/** The input an error summary links to. */
	firstFieldId(q: Q): string;
	validate(q: Q, raw: RawInput, ctx: FormContext, previous: AnswerValue | undefined, check: Check): QuestionResult;
	/** A saved answer back into the inputs' values. */
	toFields(q: Q, value: AnswerValue): FieldValues;
	/** The answer as lines of text (check page, receipt, staff). */
	display(q: Q, value: AnswerValue, o: DisplayContext): string[];
	/** The builder's settings for the type, from the question editor's fields. */
	settings(read: SettingsReader, old: Q): Partial<Q>;
}

export type QuestionResult = { value?: AnswerValue; errors: FieldError[] };

export interface DisplayContext {
	t: TFunction;
	lang: Lang;
	optionText: (value: string) => string;
}

export interface SettingsReader {
	text(name: string): string;
	texts(name: string): Texts | undefined;
	on(name: string): boolean;
	list(name: string): string[];
	number(name: string, integer?: boolean): number | undefined;
	options(): ChoiceOption[] | { from: OptionSource };
}

/** What every type's validate needs: the input's values and the question's errors. */
export interface Check {
	str(name: string): string;
	list(name: string): string[];
	file(name: string): FileMeta | undefined;
	error(code: FieldError['code'], params?: FieldError['params'], part?: string): QuestionResult;
	/** An empty answer: fine when the question is optional, else "required". */
	empty(): QuestionResult;
}

export const partName = (questionId: string, part: string) => `${questionId}-${part}`;

export function checkFor(q: Question, raw: RawInput, firstFieldId: string): Check {
	const error = (code: FieldError['code'], params?: FieldError['params'], part?: string): QuestionResult => ({
		errors: [{ questionId: q.id, fieldId: part ? partName(q.id, part) : firstFieldId, code, params, part }]
	});
	return {
		str(name) {
			const v = raw[name];
			if (typeof v === 'string') return v.trim();
			if (Array.isArray(v)) return (v[0] ?? '').trim();
			return '';
		},
		list(name) {
			const v = raw[name];
			if (Array.isArray(v)) return v.filter((s) => s !== '');
			if (typeof v === 'string' && v !== '') return [v];
			return [];
		},
		file(name) {
			const v = raw[name];
			return typeof v === 'object' && v !== null && !Array.isArray(v) && 'size' in v ? v : undefined;
		},
		error,
		empty: () => (q.optional ? { errors: [] } : error('required'))
	};
}

export const ok = (value: AnswerValue): QuestionResult => ({ value, errors: [] });
export const single = (q: Question) => [{ name: q.id, as: 'text' as const }];
export const texts = { $ref: '#/$defs/texts' };

/**
 * A type with one text input and no settings of its own (e-mail, phone, CPR, yes/no): only what
 * it checks and how it shows differ. `check` gets the trimmed, non-empty answer.
 */
export function oneInput<Q extends Question>(o: {
	types: readonly Q['type'][];
	check(value: string, q: Q, ctx: FormContext): { value: AnswerValue } | { problem: FieldError['code']; params?: FieldError['params'] };
	display(q: Q, value: AnswerValue, d: DisplayContext): string[];
}): QuestionTypeModule<Q> {
	return {
		types: o.types,
		schema: { properties: {} },
		inputs: single,
		firstFieldId: (q) => q.id,
		validate(q, _raw, ctx, _previous, c) {
			const v = c.str(q.id);
			if (!v) return c.empty();
			const checked = o.check(v, q, ctx);
			return 'problem' in checked ? c.error(checked.problem, checked.params) : ok(checked.value);
		},
		toFields: (q, value) => ({ [q.id]: String(value) }),
		display: o.display,
		settings: () => ({})
	};
}

/** Free text up to a length: a short text's and a long text's first checks. */
export function limitedText(q: Question & { maxLength?: number }, c: Check, defaultMax: number): QuestionResult | string {
	const v = c.str(q.id);
	if (!v) return c.empty();
	const max = q.maxLength ?? defaultMax;
	return v.length > max ? c.error('too_long', { max }) : v;
}
