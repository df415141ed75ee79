import type { TFunction } from 'i18next';
import { formatDate } from './dates';
import type { FieldError, Lang, Question } from './types';

/**
 * The text of an error. A question may word its own (`forms.<form>.<q>.errors.<code>`);
 * otherwise the general message for the code, with the question's short name in it.
 */
export function errorText(t: TFunction, lang: Lang, formId: string, q: Question | undefined, e: FieldError): string {
	const base = `forms.${formId}.${e.questionId}`;
	const params: Record<string, string | number> = { ...e.params, name: t(`${base}.name`) };
	if (typeof params.date === 'string') params.date = formatDate(params.date, lang);
	const suffix = e.part ? `${e.code}_${e.part}` : e.code;
	const own = t(`${base}.errors.${suffix}`, { ...params, defaultValue: '' });
	if (own) return own;
	if (e.part) return t(`validation.${suffix}`, params);
	if (e.code === 'required' && q) return t(`validation.required_${q.type}`, params);
	return t(`validation.${e.code}`, params);
}
