import { questionType, questionTypes, type SettingsReader } from './question-types';
import type { ChoiceOption, Condition, FormDocument, FormPage, OptionSource, PrefillSource, Question, QuestionType, Texts } from './types';

/**
 * The form builder's edits, as pure functions from a document to the next. Routes read the
 * posted fields, call one of these, and save the result (the store validates every save).
 * A field that cannot even be read (a letter in a number) is named here, by its field id.
 */

export interface FieldProblem {
	fieldId: string;
	code: 'required' | 'not_number' | 'option_line' | 'condition_pick' | 'id_format';
}

export type Fields = (name: string) => string;
export type FieldList = (name: string) => string[];

export { acceptTypes, questionTypes } from './question-types';
const QUESTION_ID = /^[a-zA-Z][a-zA-Z0-9]{0,39}$/;
const PAGE_ID = /^[a-z][a-z0-9-]{0,39}$/;

function move<T>(list: T[], index: number, by: -1 | 1): T[] {
	const to = index + by;
	if (index < 0 || to < 0 || to >= list.length) return list;
	const copy = [...list];
	[copy[index], copy[to]] = [copy[to], copy[index]];
	return copy;
}

const clone = (doc: FormDocument): FormDocument => structuredClone(doc);

export function findPageIndex(doc: FormDocument, pageId: string): number {
	return doc.pages.findIndex((p) => p.id === pageId);
}

export function movePage(doc: FormDocument, pageId: string, by: -1 | 1): FormDocument {
	return { ...clone(doc), pages: move(clone(doc).pages, findPageIndex(doc, pageId), by) };
}

export function removePage(doc: FormDocument, pageId: string): FormDocument {
	return { ...clone(doc), pages: doc.pages.filter((p) => p.id !== pageId).map((p) => structuredClone(p)) };
}

export function moveQuestion(doc: FormDocument, pageId: string, questionId: string, by: -1 | 1): FormDocument {
	const next = clone(doc);
	const page = next.pages[findPageIndex(next, pageId)];
	if (page) page.questions = move(page.questions, page.questions.findIndex((q) => q.id === questionId), by);
	return next;
}

export function removeQuestion(doc: FormDocument, pageId: string, questionId: string): FormDocument {
	const next = clone(doc);
	const page = next.pages[findPageIndex(next, pageId)];
	if (page) page.questions = page.questions.filter((q) => q.id !== questionId);
	if (next.receiptEmailQuestion === questionId) delete next.receiptEmailQuestion;
	return next;
}

/** Texts from `<name>-da` and `<name>-en`; undefined when both are empty (an optional text). */
export function textsFrom(get: Fields, name: string): Texts | undefined {
	const da = get(`${name}-da`).trim();
	const en = get(`${name}-en`).trim();
	return da || en ? { da, en } : undefined;
}

export const isChoiceType = (type: QuestionType) => type === 'radio' || type === 'checkbox' || type === 'select';

/** A new question of a type, with what every type needs and sensible limits. */
export function newQuestion(type: QuestionType, id: string, label: Texts, name: Texts, options: ChoiceOption[] = []): Question {
	const base = { id, label, name };
	switch (type) {
		case 'radio':
		case 'checkbox':
		case 'select':
			return { ...base, type, options };
		case 'file':
			return { ...base, type, maxBytes: 5 * 1024 * 1024, accept: ['application/pdf', 'image/jpeg', 'image/png'] };
		case 'text':
		case 'textarea':
		case 'number':
		case 'date':
		case 'email':
		case 'phone':
		case 'cpr':
		case 'yesno':
		case 'address':
			return { ...base, type };
	}
}

export function addPage(doc: FormDocument, get: Fields): { doc: FormDocument; problems: FieldProblem[] } {
	const id = get('pageId').trim();
	const problems: FieldProblem[] = [];
	if (!PAGE_ID.test(id)) problems.push({ fieldId: 'pageId', code: 'id_format' });
	const added = addQuestionTo(doc, null, get, 'new-');
	problems.push(...added.problems);
	if (problems.length) return { doc, problems };
	const page: FormPage = { id, questions: [added.question!] };
	const title = textsFrom(get, 'pageTitle');
	if (title) page.title = title;
	const next = clone(doc);
	next.pages.push(page);
	return { doc: next, problems };
}

function addQuestionTo(doc: FormDocument, pageId: string | null, get: Fields, prefix = '') {
	const problems: FieldProblem[] = [];
	const type = get(`${prefix}type`) as QuestionType;
	const id = get(`${prefix}id`).trim();
	if (!questionTypes.includes(type)) problems.push({ fieldId: `${prefix}type`, code: 'required' });
	if (!QUESTION_ID.test(id)) problems.push({ fieldId: `${prefix}id`, code: 'id_format' });
	const label = textsFrom(get, `${prefix}label`) ?? { da: '', en: '' };
	const name = textsFrom(get, `${prefix}name`) ?? { da: '', en: '' };
	for (const [key, t] of [['label', label], ['name', name]] as const)
		for (const lang of ['da', 'en'] as const) if (!t[lang]) problems.push({ fieldId: `${prefix}${key}-${lang}`, code: 'required' });
	const options = newOptions(type, get(`${prefix}options`), `${prefix}options`, problems);
	if (problems.length) return { question: null, problems, doc };
	const question = newQuestion(type, id, label, name, options);
	const next = clone(doc);
	if (pageId) next.pages[findPageIndex(next, pageId)]?.questions.push(question);
	return { question, problems, doc: next };
}

export function addQuestion(doc: FormDocument, pageId: string, get: Fields): { doc: FormDocument; problems: FieldProblem[] } {
	const { doc: next, problems } = addQuestionTo(doc, pageId, get);
	return { doc: problems.length ? doc : next, problems };
}

function numberFrom(get: Fields, name: string, problems: FieldProblem[], integer = false): number | undefined {
	const raw = get(name).trim().replace(',', '.');
	if (!raw) return undefined;
	const n = Number(raw);
	if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
		problems.push({ fieldId: name, code: 'not_number' });
		return undefined;
	}
	return n;
}

/** Options as lines of `value | dansk | English`, one per line: quick to type and to read. */
export function optionsFrom(text: string, problems: FieldProblem[]): ChoiceOption[] {
	const options: ChoiceOption[] = [];
	for (const line of text.split(/\r?\n/)) {
		if (!line.trim()) continue;
		const [value, da, en] = line.split('|').map((x) => x.trim());
		if (!value || da === undefined || en === undefined) {
			problems.push({ fieldId: 'options', code: 'option_line' });
			continue;
		}
		options.push({ value, label: { da, en } });
	}
	return options;
}

/** A new choice question's options: it cannot be saved without them. */
export function newOptions(type: QuestionType, text: string, fieldId: string, problems: FieldProblem[]): ChoiceOption[] {
	if (!isChoiceType(type)) return [];
	const found: FieldProblem[] = [];
	const options = optionsFrom(text, found);
	if (found.length || options.length === 0) problems.push({ fieldId, code: found.length ? 'option_line' : 'required' });
	return options;
}

export function optionsText(options: ChoiceOption[]): string {
	return options.map((o) => `${o.value} | ${o.label.da} | ${o.label.en}`).join('\n');
}

export type ConditionKind = 'none' | 'equals' | 'not' | 'oneOf' | 'includes' | 'hasChildren' | 'hasHousehold' | 'keep';

/** A condition from the menus: a kind, and the answers it looks at as `question=value`. */
export function conditionFrom(kind: string, picked: string[], problems: FieldProblem[], current?: Condition): Condition | undefined {
	if (kind === 'none' || !kind) return undefined;
	if (kind === 'keep') return current;
	if (kind === 'hasChildren') return { hasOptions: 'children' };
	if (kind === 'hasHousehold') return { hasOptions: 'household' };
	const pairs = picked.map((p) => p.split('=')).filter((p): p is [string, string] => p.length === 2 && !!p[0] && !!p[1]);
	const questions = new Set(pairs.map(([q]) => q));
	if (pairs.length === 0 || questions.size !== 1 || (kind !== 'oneOf' && pairs.length !== 1)) {
		problems.push({ fieldId: 'cond-answers', code: 'condition_pick' });
		return current;
	}
	const [question, value] = pairs[0];
	if (kind === 'equals') return { question, equals: value };
	if (kind === 'not') return { not: { question, equals: value } };
	if (kind === 'includes') return { question, includes: value };
	return { question, oneOf: pairs.map(([, v]) => v) };
}

/** The menus' view of a condition: what the editor shows selected. */
export function conditionMenus(c: Condition | undefined): { kind: ConditionKind; picked: string[] } {
	if (!c) return { kind: 'none', picked: [] };
	if ('hasOptions' in c) return { kind: c.hasOptions === 'children' ? 'hasChildren' : 'hasHousehold', picked: [] };
	if ('not' in c && 'question' in c.not && 'equals' in c.not) return { kind: 'not', picked: [`${c.not.question}=${c.not.equals}`] };
	if ('question' in c) {
		if ('equals' in c) return { kind: 'equals', picked: [`${c.question}=${c.equals}`] };
		if ('includes' in c) return { kind: 'includes', picked: [`${c.question}=${c.includes}`] };
		return { kind: 'oneOf', picked: c.oneOf.map((v) => `${c.question}=${v}`) };
	}
	return { kind: 'keep', picked: [] };
}

/** A page's own settings: its id, title, text and condition. */
export function updatePage(doc: FormDocument, pageId: string, get: Fields, list: FieldList): { doc: FormDocument; problems: FieldProblem[] } {
	const problems: FieldProblem[] = [];
	const next = clone(doc);
	const page = next.pages[findPageIndex(next, pageId)];
	if (!page) return { doc, problems };
	const id = get('id').trim();
	if (!PAGE_ID.test(id)) problems.push({ fieldId: 'id', code: 'id_format' });
	page.id = id;
	const title = textsFrom(get, 'title');
	const body = textsFrom(get, 'body');
	if (title) page.title = title;
	else delete page.title;
	if (body) page.body = body;
	else delete page.body;
	const showIf = conditionFrom(get('cond-kind'), list('cond-answers'), problems, page.showIf);
	if (showIf) page.showIf = showIf;
	else delete page.showIf;
	return { doc: problems.length ? doc : next, problems };
}

/** A question's settings, each type its own. */
export function updateQuestion(doc: FormDocument, pageId: string, questionId: string, get: Fields, list: FieldList): { doc: FormDocument; problems: FieldProblem[] } {
	const problems: FieldProblem[] = [];
	const next = clone(doc);
	const page = next.pages[findPageIndex(next, pageId)];
	const index = page?.questions.findIndex((q) => q.id === questionId) ?? -1;
	if (!page || index < 0) return { doc, problems };
	const old = page.questions[index];
	const id = get('id').trim();
	if (!QUESTION_ID.test(id)) problems.push({ fieldId: 'id', code: 'id_format' });
	const label = textsFrom(get, 'label') ?? { da: '', en: '' };
	const name = textsFrom(get, 'name') ?? { da: '', en: '' };
	const q: Record<string, unknown> = { id, type: old.type, label, name };
	const hint = textsFrom(get, 'hint');
	if (hint) q.hint = hint;
	if (get('optional') === 'yes') q.optional = true;
	const prefill = get('prefill') as PrefillSource;
	if (['address', 'email', 'phone'].includes(prefill)) q.prefill = prefill;
	const showIf = conditionFrom(get('cond-kind'), list('cond-answers'), problems, old.showIf);
	if (showIf) q.showIf = showIf;
	if (old.autocomplete) q.autocomplete = old.autocomplete;
	if (old.errors) q.errors = old.errors;
	const read: SettingsReader = {
		text: (name) => get(name).trim(),
		texts: (name) => textsFrom(get, name),
		on: (name) => get(name) === 'yes',
		list,
		number: (name, integer = false) => numberFrom(get, name, problems, integer),
		options: () => {
			const from = get('optionsFrom') as OptionSource;
			return from === 'household' || from === 'children' ? { from } : optionsFrom(get('options'), problems);
		}
	};
	Object.assign(q, questionType(old).settings(read, old));
	page.questions[index] = q as unknown as Question;
	if (id !== questionId) renameReferences(next, questionId, id);
	return { doc: problems.length ? doc : next, problems };
}

/** A question's new id follows it into the conditions and rules that name it. */
function renameReferences(doc: FormDocument, from: string, to: string) {
	const walk = (c: Condition): Condition => {
		if ('all' in c) return { all: c.all.map(walk) };
		if ('any' in c) return { any: c.any.map(walk) };
		if ('not' in c) return { not: walk(c.not) };
		if ('question' in c && c.question === from) return { ...c, question: to };
		return c;
	};
	for (const page of doc.pages) {
		if (page.showIf) page.showIf = walk(page.showIf);
		for (const q of page.questions) if (q.showIf) q.showIf = walk(q.showIf);
		for (const rule of page.rules ?? []) rule.questions = rule.questions.map((id) => (id === from ? to : id));
	}
	if (doc.receiptEmailQuestion === from) doc.receiptEmailQuestion = to;
}

/** The form's own settings: which question's e-mail gets the receipt, and whether a visit is needed. */
export function updateSettings(doc: FormDocument, get: Fields): FormDocument {
	const next = clone(doc);
	const email = get('receiptEmailQuestion');
	if (email) next.receiptEmailQuestion = email;
	else delete next.receiptEmailQuestion;
	if (get('counterVisitRequired') === 'yes') next.counterVisitRequired = true;
	else delete next.counterVisitRequired;
	const requires = get('requiresOptions');
	if (requires === 'children' || requires === 'household') next.requiresOptions = requires;
	else delete next.requiresOptions;
	return next;
}

/** A new form: one page with one question, for its service. */
export function newForm(id: string, serviceSlug: string, first: Question): FormDocument {
	return { format: 1, id, serviceSlug, pages: [{ id: 'start', questions: [first] }] };
}

export interface Change {
	kind: 'page_added' | 'page_removed' | 'page_changed' | 'question_added' | 'question_removed' | 'question_changed' | 'settings_changed' | 'order_changed';
	id: string;
}

/** What publishing would change for citizens: against the published version, by page and question. */
export function changesBetween(before: FormDocument | undefined, after: FormDocument): Change[] {
	if (!before) return after.pages.map((p) => ({ kind: 'page_added' as const, id: p.id }));
	const changes: Change[] = [];
	const pagesBefore = new Map(before.pages.map((p) => [p.id, p]));
	const pagesAfter = new Map(after.pages.map((p) => [p.id, p]));
	const questionsOf = (doc: FormDocument) => new Map(doc.pages.flatMap((p) => p.questions.map((q) => [q.id, q] as const)));
	const qBefore = questionsOf(before);
	const qAfter = questionsOf(after);
	const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
	for (const p of after.pages) {
		const old = pagesBefore.get(p.id);
		if (!old) changes.push({ kind: 'page_added', id: p.id });
		else if (!same({ ...old, questions: old.questions.map((q) => q.id) }, { ...p, questions: p.questions.map((q) => q.id) })) changes.push({ kind: 'page_changed', id: p.id });
	}
	for (const p of before.pages) if (!pagesAfter.has(p.id)) changes.push({ kind: 'page_removed', id: p.id });
	for (const [id, q] of qAfter) {
		const old = qBefore.get(id);
		if (!old) changes.push({ kind: 'question_added', id });
		else if (!same(old, q)) changes.push({ kind: 'question_changed', id });
	}
	for (const id of qBefore.keys()) if (!qAfter.has(id)) changes.push({ kind: 'question_removed', id });
	const order = (d: FormDocument) => d.pages.filter((p) => pagesBefore.has(p.id) && pagesAfter.has(p.id)).map((p) => p.id);
	if (!same(order(before), order(after))) changes.push({ kind: 'order_changed', id: '' });
	const settings = (d: FormDocument) => [d.receiptEmailQuestion, d.counterVisitRequired, d.requiresOptions, d.serviceSlug];
	if (!same(settings(before), settings(after))) changes.push({ kind: 'settings_changed', id: '' });
	return changes;
}

export interface ConditionChoice {
	id: string;
	label: Texts;
	options: { value: string; label: Texts }[];
}

const YES_NO = [
	{ value: 'yes', label: { da: 'Ja', en: 'Yes' } },
	{ value: 'no', label: { da: 'Nej', en: 'No' } }
];

/** The questions a condition may look at: those with fixed answers before the page (or question). */
export function earlierChoices(doc: FormDocument, pageId: string, questionId?: string): ConditionChoice[] {
	const choices: ConditionChoice[] = [];
	for (const page of doc.pages) {
		for (const q of page.questions) {
			if (page.id === pageId && (!questionId || q.id === questionId)) return choices;
			if (q.type === 'yesno') choices.push({ id: q.id, label: q.label, options: YES_NO });
			else if ((q.type === 'radio' || q.type === 'select' || q.type === 'checkbox') && Array.isArray(q.options))
				choices.push({ id: q.id, label: q.label, options: q.options.map((o) => ({ value: o.value, label: o.label })) });
		}
	}
	return choices;
}
