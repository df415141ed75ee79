import type { FormDocument, Lang, Texts } from './types';

type Tree = { [key: string]: string | Tree };

/**
 * A form's texts in one language, in the shape of the i18n keys the pages use
 * (`forms.<formId>.…`, see types.ts): the document holds them, the locale files do not.
 */
export function formTexts(form: FormDocument, lang: Lang): Tree {
	const pick = (t: Texts | undefined) => t?.[lang];
	const tree: Tree = {};
	const pages: Tree = {};
	for (const page of form.pages) {
		const p: Tree = {};
		if (page.title) p.title = pick(page.title)!;
		if (page.body) p.body = pick(page.body)!;
		pages[page.id] = p;
		for (const q of page.questions) {
			const node: Tree = { label: pick(q.label)!, name: pick(q.name)! };
			if (q.hint) node.hint = pick(q.hint)!;
			if (q.type === 'number' && q.unit) node.unit = pick(q.unit)!;
			if ((q.type === 'radio' || q.type === 'checkbox' || q.type === 'select') && Array.isArray(q.options)) {
				const options: Tree = {};
				for (const o of q.options) {
					options[o.value] = pick(o.label)!;
					if (o.hint) options[`${o.value}_hint`] = pick(o.hint)!;
				}
				node.options = options;
			}
			if (q.errors) node.errors = Object.fromEntries(Object.entries(q.errors).map(([code, t]) => [code, pick(t)!]));
			tree[q.id] = node;
		}
	}
	tree.pages = pages;
	return tree;
}
