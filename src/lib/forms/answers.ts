import type { TFunction } from 'i18next';
import { maskCpr } from './cpr';
import { formatDate } from './dates';
import { resolveOptions } from './fields';
import type { AddressValue, Answer, FileValue, FormContext, Lang, Question } from './types';

function fileSize(bytes: number, lang: Lang): string {
	const kb = bytes / 1024;
	const fmt = new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 });
	return kb < 1024 ? `${fmt.format(kb)} KB` : `${fmt.format(kb / 1024)} MB`;
}

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
	switch (q.type) {
		case 'date':
			return [formatDate(v as string, lang)];
		case 'address': {
			const a = v as AddressValue;
			return [a.street, `${a.postcode} ${a.city}`];
		}
		case 'checkbox': {
			const values = v as string[];
			return values.length ? values.map(optionText) : [t('form.noneSelected')];
		}
		case 'radio':
		case 'select':
			return [optionText(v as string)];
		case 'yesno':
			return [t(v === 'yes' ? 'common.yes' : 'common.no')];
		case 'cpr':
			return [maskCpr(v as string)];
		case 'file': {
			const f = v as FileValue;
			return [`${f.name} (${fileSize(f.size, lang)})`];
		}
		case 'number':
			return [q.unit ? `${v} ${q.unit[lang]}` : String(v)];
		default:
			return String(v).split('\n');
	}
}
