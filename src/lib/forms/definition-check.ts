import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import schema from './form-definition.v1.schema.json';
import type { Condition, FormDocument, Question, Texts } from './types';

/**
 * Whether a document is a form this portal can run: the published JSON Schema first, then the
 * rules a schema cannot state. Each problem names where it is (a JSON pointer into the
 * document), so that the builder can link it to the field and an import can say what is wrong.
 */

export type ProblemCode =
	| 'schema'
	| 'text_missing'
	| 'duplicate_page'
	| 'duplicate_question'
	| 'duplicate_option'
	| 'condition_unknown'
	| 'condition_later'
	| 'condition_value'
	| 'receipt_email'
	| 'rule_question'
	| 'range'
	| 'pattern';

export interface DefinitionProblem {
	/** JSON pointer to the value, e.g. `/pages/0/questions/1/label/en`. */
	path: string;
	code: ProblemCode;
	/** For `schema`: what the schema said, in its own (English) words. */
	detail?: string;
}

export type CheckResult = { ok: true; form: FormDocument } | { ok: false; problems: DefinitionProblem[] };

// The question's `type` picks its schema, so that a wrong question is told what its own type needs.
const ajv = new Ajv2020({ allErrors: true, strict: false, discriminator: true });
const validateSchema = ajv.compile<FormDocument>(schema);

function schemaProblems(errors: ErrorObject[]): DefinitionProblem[] {
	// oneOf reports every branch that failed; the branch errors under it say more, so keep those.
	const seen = new Set<string>();
	const problems: DefinitionProblem[] = [];
	for (const e of errors) {
		if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
		const path = e.keyword === 'required' ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}` : e.instancePath;
		const detail = e.keyword === 'additionalProperties' ? `unknown property ${(e.params as { additionalProperty: string }).additionalProperty}` : (e.message ?? e.keyword);
		const key = `${path}|${detail}`;
		if (seen.has(key)) continue;
		seen.add(key);
		problems.push({ path: path || '/', code: e.keyword === 'required' && /\/(da|en)$/.test(path) ? 'text_missing' : 'schema', detail });
	}
	// A document that fails the schema is often wrong in one place only; oneOf alone then says nothing.
	if (problems.length === 0 && errors.length) problems.push({ path: errors[0].instancePath || '/', code: 'schema', detail: errors[0].message ?? 'invalid' });
	return problems;
}

function conditionQuestions(c: Condition, path: string, out: { id: string; path: string; value?: string[] }[]) {
	if ('all' in c) c.all.forEach((x, i) => conditionQuestions(x, `${path}/all/${i}`, out));
	else if ('any' in c) c.any.forEach((x, i) => conditionQuestions(x, `${path}/any/${i}`, out));
	else if ('not' in c) conditionQuestions(c.not, `${path}/not`, out);
	else if ('question' in c)
		out.push({ id: c.question, path, value: 'equals' in c ? [c.equals] : 'oneOf' in c ? c.oneOf : [c.includes] });
	return out;
}

function optionValuesOf(q: Question): string[] | null {
	if (q.type === 'yesno') return ['yes', 'no'];
	if ((q.type === 'radio' || q.type === 'checkbox' || q.type === 'select') && Array.isArray(q.options)) return q.options.map((o) => o.value);
	return null;
}

function textProblems(value: unknown, path: string, out: DefinitionProblem[]) {
	if (Array.isArray(value)) value.forEach((v, i) => textProblems(v, `${path}/${i}`, out));
	else if (value && typeof value === 'object') {
		const o = value as Record<string, unknown>;
		if (typeof o.da === 'string' && typeof o.en === 'string' && Object.keys(o).length === 2) {
			for (const lang of ['da', 'en'] as const) if (!(o as Texts)[lang].trim()) out.push({ path: `${path}/${lang}`, code: 'text_missing' });
		} else for (const [k, v] of Object.entries(o)) textProblems(v, `${path}/${k}`, out);
	}
}

export function checkDefinition(doc: unknown): CheckResult {
	if (!validateSchema(doc)) return { ok: false, problems: schemaProblems(validateSchema.errors ?? []) };
	const form = doc;
	const problems: DefinitionProblem[] = [];
	textProblems(form, '', problems);

	const pageIds = new Set<string>();
	// Where each question is: its page's index and its own, for "earlier questions only".
	const position = new Map<string, { page: number; index: number; question: Question }>();
	form.pages.forEach((page, p) => {
		if (pageIds.has(page.id)) problems.push({ path: `/pages/${p}/id`, code: 'duplicate_page' });
		pageIds.add(page.id);
		page.questions.forEach((q, i) => {
			const path = `/pages/${p}/questions/${i}`;
			if (position.has(q.id)) problems.push({ path: `${path}/id`, code: 'duplicate_question' });
			else position.set(q.id, { page: p, index: i, question: q });
			const values = optionValuesOf(q);
			if (values && q.type !== 'yesno') values.forEach((v, o) => values.indexOf(v) !== o && problems.push({ path: `${path}/options/${o}/value`, code: 'duplicate_option' }));
			if (q.type === 'number' && q.min !== undefined && q.max !== undefined && q.min > q.max) problems.push({ path: `${path}/max`, code: 'range' });
			if (q.type === 'date' && q.minDays !== undefined && q.maxDays !== undefined && q.minDays > q.maxDays) problems.push({ path: `${path}/maxDays`, code: 'range' });
			if (q.type === 'text' && q.pattern !== undefined) {
				try {
					new RegExp(q.pattern, 'u');
				} catch {
					problems.push({ path: `${path}/pattern`, code: 'pattern' });
				}
			}
		});
	});

	const checkCondition = (c: Condition, path: string, before: (at: { page: number; index: number }) => boolean) => {
		for (const ref of conditionQuestions(c, path, [])) {
			const at = position.get(ref.id);
			if (!at) problems.push({ path: `${ref.path}/question`, code: 'condition_unknown' });
			else if (!before(at)) problems.push({ path: `${ref.path}/question`, code: 'condition_later' });
			else {
				const values = optionValuesOf(at.question);
				if (values && ref.value?.some((v) => !values.includes(v))) problems.push({ path: ref.path, code: 'condition_value' });
			}
		}
	};
	form.pages.forEach((page, p) => {
		if (page.showIf) checkCondition(page.showIf, `/pages/${p}/showIf`, (at) => at.page < p);
		page.questions.forEach((q, i) => {
			if (q.showIf) checkCondition(q.showIf, `/pages/${p}/questions/${i}/showIf`, (at) => at.page < p || (at.page === p && at.index < i));
		});
		(page.rules ?? []).forEach((rule, r) =>
			rule.questions.forEach((id, k) => {
				const q = page.questions.find((x) => x.id === id);
				if (!q || q.type !== 'select') problems.push({ path: `/pages/${p}/rules/${r}/questions/${k}`, code: 'rule_question' });
			})
		);
	});
	if (form.receiptEmailQuestion && position.get(form.receiptEmailQuestion)?.question.type !== 'email')
		problems.push({ path: '/receiptEmailQuestion', code: 'receipt_email' });
	return problems.length ? { ok: false, problems } : { ok: true, form };
}
