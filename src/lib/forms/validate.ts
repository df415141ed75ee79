import { cprProblem, isValidDate, normaliseCpr, pad } from './cpr';
import { formatPhone, phoneDigitCount, phoneProblem } from './phone';
import { addDays } from './dates';
import { firstFieldId, optionValues, partName } from './fields';
import type {
	AnswerValue,
	FieldError,
	FileMeta,
	FileValue,
	FormContext,
	FormPage,
	PageRule,
	Question,
	RawInput
} from './types';

const DEFAULT_TEXT_MAX = 200;
const DEFAULT_TEXTAREA_MAX = 2000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A definition's pattern must match the whole answer; a pattern that does not compile never does. */
function wholeMatch(pattern: string, value: string): boolean {
	try {
		return new RegExp(`^(?:${pattern})$`, 'u').test(value);
	} catch {
		return false;
	}
}

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

export type QuestionResult = { value?: AnswerValue; errors: FieldError[] };

function str(raw: RawInput, name: string): string {
	const v = raw[name];
	if (typeof v === 'string') return v.trim();
	if (Array.isArray(v)) return (v[0] ?? '').trim();
	return '';
}

function list(raw: RawInput, name: string): string[] {
	const v = raw[name];
	if (Array.isArray(v)) return v.filter((s) => s !== '');
	if (typeof v === 'string' && v !== '') return [v];
	return [];
}

function isFileMeta(v: unknown): v is FileMeta {
	return typeof v === 'object' && v !== null && !Array.isArray(v) && 'size' in v;
}

/**
 * Checks one question's posted input. `previous` is the saved answer, which a file question
 * keeps when no new file is chosen. A new file comes back as a FileValue with an empty
 * uploadId: the server fills it in once the file is stored.
 */
export function validateQuestion(
	q: Question,
	raw: RawInput,
	ctx: FormContext,
	previous?: AnswerValue
): QuestionResult {
	const err = (code: FieldError['code'], params?: FieldError['params'], part?: string): QuestionResult => ({
		errors: [
			{ questionId: q.id, fieldId: part ? partName(q.id, part) : firstFieldId(q), code, params, part }
		]
	});
	const emptyResult = (): QuestionResult => (q.optional ? { errors: [] } : err('required'));

	switch (q.type) {
		case 'text':
		case 'textarea': {
			const v = str(raw, q.id);
			if (!v) return emptyResult();
			const max = q.maxLength ?? (q.type === 'text' ? DEFAULT_TEXT_MAX : DEFAULT_TEXTAREA_MAX);
			if (v.length > max) return err('too_long', { max });
			if (q.type === 'text' && q.pattern && !wholeMatch(q.pattern, v)) return err('invalid_format');
			return { value: v, errors: [] };
		}
		case 'number': {
			const v = str(raw, q.id).replace(/\s/g, '').replace(',', '.');
			if (!v) return emptyResult();
			if (!/^-?\d+(\.\d+)?$/.test(v)) return err('not_number');
			const n = Number(v);
			if (q.integer && !Number.isInteger(n)) return err('not_integer');
			if (q.min !== undefined && n < q.min) return err('number_min', { min: q.min });
			if (q.max !== undefined && n > q.max) return err('number_max', { max: q.max });
			return { value: String(n), errors: [] };
		}
		case 'date': {
			const parts = {
				day: str(raw, partName(q.id, 'day')),
				month: str(raw, partName(q.id, 'month')),
				year: str(raw, partName(q.id, 'year'))
			};
			const missing = (Object.keys(parts) as (keyof typeof parts)[]).filter((p) => !parts[p]);
			if (missing.length === 3) return emptyResult();
			if (missing.length > 0) return err('date_incomplete', { missing: missing.join(',') }, missing[0]);
			const bad = (Object.keys(parts) as (keyof typeof parts)[]).find((p) => !/^\d+$/.test(parts[p]));
			if (bad) return err('date_invalid', undefined, bad);
			if (parts.year.length !== 4) return err('date_invalid', undefined, 'year');
			const [d, m, y] = [Number(parts.day), Number(parts.month), Number(parts.year)];
			if (m < 1 || m > 12) return err('date_invalid', undefined, 'month');
			if (!isValidDate(y, m, d)) return err('date_invalid', undefined, 'day');
			const iso = `${y}-${pad(m)}-${pad(d)}`;
			if (q.minDays !== undefined) {
				const min = addDays(ctx.today, q.minDays);
				if (iso < min) return err('date_min', { date: min });
			}
			if (q.maxDays !== undefined) {
				const max = addDays(ctx.today, q.maxDays);
				if (iso > max) return err('date_max', { date: max });
			}
			return { value: iso, errors: [] };
		}
		case 'radio':
		case 'select': {
			const v = str(raw, q.id);
			if (!v) return emptyResult();
			if (!optionValues(q, ctx).includes(v)) return err('choice_invalid');
			return { value: v, errors: [] };
		}
		case 'checkbox': {
			const values = list(raw, q.id);
			const allowed = optionValues(q, ctx);
			if (values.some((v) => !allowed.includes(v))) return err('choice_invalid');
			const min = q.minSelected ?? (q.optional ? 0 : 1);
			if (values.length === 0 && min > 0) return err('required');
			if (values.length < min) return err('min_selected', { min });
			// Keep the definition's order, whatever order the browser sent.
			return { value: allowed.filter((v) => values.includes(v)), errors: [] };
		}
		case 'yesno': {
			const v = str(raw, q.id);
			if (!v) return emptyResult();
			if (v !== 'yes' && v !== 'no') return err('choice_invalid');
			return { value: v, errors: [] };
		}
		case 'email': {
			const v = str(raw, q.id);
			if (!v) return emptyResult();
			if (v.length > 254 || !EMAIL.test(v)) return err('email_invalid');
			return { value: v, errors: [] };
		}
		case 'phone': {
			const v = str(raw, q.id);
			if (!v) return emptyResult();
			const problem = phoneProblem(v);
			if (problem) return err(problem, { count: phoneDigitCount(v) });
			return { value: formatPhone(v), errors: [] };
		}
		case 'cpr': {
			const v = str(raw, q.id);
			if (!v) return emptyResult();
			const problem = cprProblem(v, ctx.today);
			if (problem) return err(problem);
			return { value: normaliseCpr(v), errors: [] };
		}
		case 'address': {
			const street = str(raw, partName(q.id, 'street'));
			const postcode = str(raw, partName(q.id, 'postcode'));
			const city = str(raw, partName(q.id, 'city'));
			if (!street && !postcode && !city) return emptyResult();
			const errors: FieldError[] = [];
			const add = (code: FieldError['code'], part: string) =>
				errors.push({ questionId: q.id, fieldId: partName(q.id, part), code, part });
			if (!street) add('required', 'street');
			else if (street.length > 100) add('too_long', 'street');
			if (!postcode) add('required', 'postcode');
			else if (!/^\d{4}$/.test(postcode) || Number(postcode) < 555) add('postcode_invalid', 'postcode');
			if (!city) add('required', 'city');
			else if (city.length > 60) add('too_long', 'city');
			if (errors.length) return { errors };
			return { value: { street, postcode, city }, errors: [] };
		}
		case 'file': {
			const meta = raw[q.id];
			if (!isFileMeta(meta) || (meta.size === 0 && !meta.name)) {
				if (previous) return { value: previous, errors: [] };
				return emptyResult();
			}
			if (meta.size === 0) return err('file_empty');
			if (meta.size > q.maxBytes) return err('file_too_large', { max: Math.round(q.maxBytes / 1024 / 1024) });
			if (!q.accept.includes(meta.type)) return err('file_type');
			const value: FileValue = { uploadId: '', name: meta.name, size: meta.size, type: meta.type };
			return { value, errors: [] };
		}
	}
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
