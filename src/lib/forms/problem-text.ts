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

/** What a builder editor's failed save brought back (see applyEdit). */
export interface EditorFailure {
	conflict?: boolean;
	fieldProblems?: FieldProblem[];
	problems?: DefinitionProblem[];
	values?: Record<string, string | string[]>;
}

/**
 * A page or question editor after a save: its errors (linked here, or to where they are put
 * right), and each field's value, what was typed when the save failed, else the document's.
 */
export function editorState(t: TFunction, doc: FormDocument, failure: EditorFailure | null | undefined, here: string, pickedBefore: string[]) {
	const errors = [
		...(failure?.conflict ? [{ fieldId: 'id', text: t('builder.conflict') }] : []),
		...(failure?.fieldProblems ?? []).map((x) => fieldProblemText(t, x)),
		...(failure?.problems ?? []).map((x) => problemText(t, doc, x, here))
	];
	const values = failure?.values ?? null;
	return {
		errors,
		value: (name: string, fallback: string | number | undefined) => (values ? String(values[name] ?? '') : fallback === undefined ? '' : String(fallback)),
		on: (name: string, fallback: boolean) => (values ? values[name] === 'yes' : fallback),
		list: (name: string, fallback: string[]) => (values ? [values[name] ?? []].flat() : fallback),
		errorFor: (id: string) => errors.find((e) => e.fieldId === id && !('href' in e && e.href))?.text,
		picked: values ? [values['cond-answers'] ?? []].flat() : pickedBefore,
		/** The condition kind shown: what was posted, else the document's. */
		kind: <K extends string>(before: K) => (values ? String(values['cond-kind'] ?? before) : before) as K
	};
}
