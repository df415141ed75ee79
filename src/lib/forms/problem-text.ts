import type { TFunction } from 'i18next';
import type { DefinitionProblem } from './definition-check';
import type { FieldProblem } from './builder';
import type { FormDocument } from './types';
import { routes } from '$lib/routes';

/**
 * A definition problem in words, with a link to the field where it is put right: on the page
 * being edited a link to the field, elsewhere to the editor of that page or question.
 */
export function problemText(t: TFunction, doc: FormDocument, p: DefinitionProblem, here: string): { fieldId: string; text: string; href?: string } {
	const m = /^\/pages\/(\d+)(?:\/questions\/(\d+))?(?:\/(.*))?$/.exec(p.path);
	const page = m ? doc.pages[Number(m[1])] : undefined;
	const question = m && m[2] !== undefined ? page?.questions[Number(m[2])] : undefined;
	const rest = (m ? m[3] : p.path.slice(1)) ?? '';
	const parts = rest.split('/');
	const lang = parts.at(-1) === 'da' || parts.at(-1) === 'en' ? parts.at(-1)! : null;
	const field = parts[0] === 'showIf' ? 'cond-kind' : parts[0] === 'options' ? 'options' : lang && parts.length === 2 ? `${parts[0]}-${lang}` : parts[0] || 'id';
	const where = question
		? t('builder.where.question', { question: question.id })
		: page
			? t('builder.where.page', { page: page.id })
			: t('builder.where.form');
	const text = t(`builder.problems.${p.code}`, {
		where,
		detail: p.detail ?? '',
		field: t(`builder.fields.${parts[0] === 'options' ? 'options' : parts[0]}`, { defaultValue: parts[0] }),
		lang: lang ? t(`builder.langs.${lang}`) : ''
	});
	const target = question && page ? routes.formQuestionEditor(doc.id, page.id, question.id) : page ? routes.formPageEditor(doc.id, page.id) : routes.formEditor(doc.id);
	return { fieldId: field, text, href: target === here ? undefined : `${target}#${field}` };
}

export function fieldProblemText(t: TFunction, p: FieldProblem) {
	return { fieldId: p.fieldId, text: t(`builder.fieldProblems.${p.code}`) };
}
