import type { TFunction } from 'i18next';
import { resolveOptions } from './fields';
import { questionType } from './question-types';
import type { Answer, FormContext, Lang, Question } from './types';

/** An answer as the check page, the receipt and the staff case view show it: lines of text. */
export function answerLines(
	t: TFunction,
	lang: Lang,
	formId: string,
	q: Question,
	answer: Answer | null | undefined,
	options: FormContext['options']
): string[] {
	if (!answer) return [t('form.notAnswered')];
	if (answer.texts) return answer.texts.length ? answer.texts : [t('form.noneSelected')];
	const v = answer.value;
	const optionText = (value: string) => {
		if (q.type !== 'radio' && q.type !== 'select' && q.type !== 'checkbox') return value;
		const o = resolveOptions(formId, q, options).find((x) => x.value === value);
		return o?.key ? t(o.key) : (o?.text ?? value);
	};
	return questionType(q).display(q, v, { t, lang, optionText });
}
