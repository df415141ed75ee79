import type { TFunction } from 'i18next';
import { addDays } from '../dates';
import { afterSave, answersToSubmit, CHECK_PAGE, checkRows, findPage, mergeAnswers, prefill, visibleQuestions } from '../engine';
import { partName, resolveOptions } from '../fields';
import { errorText } from '../messages';
import type { Answers, FormContext, FormDefinition, Lang, Question, RawInput } from '../types';
import { validatePage } from '../validate';

/**
 * Scripted journeys through a form, recorded as what a citizen would see: each page's texts,
 * the messages a set of wrong inputs gives, and what is submitted. Run once on the TypeScript
 * definitions (forms.golden.json) and since on the forms as data, they must stay equal.
 */

const TODAY = '2026-12-01';

export function goldenContext(withFamily: boolean): FormContext {
	return {
		today: TODAY,
		options: withFamily
			? {
					household: [
						{ value: 'm1', text: 'Erik Prøvesen (01.02.1960)' },
						{ value: 'm2', text: 'Lille Prøvesen (03.04.2020)' }
					],
					children: [{ value: 'm2', text: 'Lille Prøvesen (03.04.2020)' }]
				}
			: { household: [], children: [] },
		prefill: { address: { street: 'Testvej 1', postcode: '8000', city: 'Aarhus C' }, email: 'test@example.dk' }
	};
}

type Texts = Record<Lang, TFunction>;

function values(q: Question, ctx: FormContext): string[] {
	if (q.type === 'yesno') return ['yes', 'no'];
	if (q.type === 'radio' || q.type === 'checkbox' || q.type === 'select')
		return resolveOptions('x', q, ctx.options).map((o) => o.value);
	return [];
}

/** A valid input for the question; variant 1 takes the other branch where there is one. */
function validInput(q: Question, ctx: FormContext, variant: 0 | 1, i = 0): RawInput {
	const choices = values(q, ctx);
	// Several choices on one page (ranked institutions) must differ.
	const pick = choices[(variant === 0 ? i : choices.length - 1 - i) % Math.max(choices.length, 1)];
	switch (q.type) {
		case 'text':
			return { [q.id]: 'Tekst' };
		case 'textarea':
			return { [q.id]: 'En længere tekst' };
		case 'number':
			return { [q.id]: String(variant === 0 ? (q.min ?? 1) : (q.max ?? 99)) };
		case 'date': {
			const iso = addDays(TODAY, variant === 0 ? (q.minDays ?? -30) + 1 : (q.maxDays ?? 30) - 1);
			const [y, m, d] = iso.split('-');
			return { [partName(q.id, 'day')]: d, [partName(q.id, 'month')]: m, [partName(q.id, 'year')]: y };
		}
		case 'email':
			return { [q.id]: 'borger@example.dk' };
		case 'phone':
			return { [q.id]: variant === 0 ? '20 30 40 50' : '' };
		case 'cpr':
			return { [q.id]: '010190-0000' };
		case 'address':
			return { [partName(q.id, 'street')]: 'Ny Vej 2', [partName(q.id, 'postcode')]: '8200', [partName(q.id, 'city')]: 'Aarhus N' };
		case 'file':
			return { [q.id]: variant === 0 ? { name: 'bilag.pdf', size: 2048, type: 'application/pdf' } : undefined };
		case 'checkbox':
			return { [q.id]: variant === 0 ? [pick!] : choices };
		default:
			return { [q.id]: pick };
	}
}

/** Inputs a citizen gets wrong, by type: each gives one or more messages. */
function badInputs(q: Question): RawInput[] {
	const date = (day: string, month: string, year: string): RawInput => ({
		[partName(q.id, 'day')]: day,
		[partName(q.id, 'month')]: month,
		[partName(q.id, 'year')]: year
	});
	switch (q.type) {
		case 'text':
		case 'textarea':
			return [{ [q.id]: '' }, { [q.id]: 'x'.repeat((q.maxLength ?? 2000) + 1) }, { [q.id]: '<>%' }];
		case 'number':
			return [{ [q.id]: '' }, { [q.id]: 'abc' }, { [q.id]: '1,5' }, { [q.id]: String((q.min ?? 0) - 1) }, { [q.id]: String((q.max ?? 0) + 1) }];
		case 'date':
			return [date('', '', ''), date('1', '', '2026'), date('x', '1', '2026'), date('31', '2', '2027'), date('1', '13', '2026'), date('1', '1', '26'), date('1', '1', '1900'), date('1', '1', '2099')];
		case 'email':
			return [{ [q.id]: '' }, { [q.id]: 'borger@' }];
		case 'phone':
			return [{ [q.id]: 'abc' }, { [q.id]: '+46 123 456' }, { [q.id]: '1234' }, { [q.id]: '01234567' }];
		case 'cpr':
			return [{ [q.id]: '' }, { [q.id]: '3213901234' }, { [q.id]: '010199-4000' }];
		case 'address':
			return [
				{ [partName(q.id, 'street')]: '', [partName(q.id, 'postcode')]: '', [partName(q.id, 'city')]: '' },
				{ [partName(q.id, 'street')]: '', [partName(q.id, 'postcode')]: '12', [partName(q.id, 'city')]: 'x'.repeat(61) }
			];
		case 'file':
			return [
				{},
				{ [q.id]: { name: 'stor.pdf', size: 50 * 1024 * 1024, type: 'application/pdf' } },
				{ [q.id]: { name: 'a.zip', size: 10, type: 'application/zip' } },
				{ [q.id]: { name: 'tom.pdf', size: 0, type: 'application/pdf' } }
			];
		case 'checkbox':
			return [{ [q.id]: [] }, { [q.id]: ['bogus'] }];
		default:
			return [{ [q.id]: '' }, { [q.id]: 'bogus' }];
	}
}

function describePage(form: FormDefinition, pageId: string, answers: Answers, ctx: FormContext, texts: Texts) {
	const page = findPage(form, pageId)!;
	const questions = visibleQuestions(page, answers, ctx);
	const view = (lang: Lang) => {
		const t = texts[lang];
		const key = (q: Question) => `forms.${form.id}.${q.id}`;
		const single = questions.length === 1 && !page.title;
		return {
			title: single ? t(`${key(questions[0])}.label`) : t(`forms.${form.id}.pages.${page.id}.title`),
			body: page.body ? t(`forms.${form.id}.pages.${page.id}.body`) : null,
			questions: questions.map((q) => ({
				id: q.id,
				type: q.type,
				optional: !!q.optional,
				label: t(`${key(q)}.label`),
				hint: t(`${key(q)}.hint`, { defaultValue: '' }),
				options:
					q.type === 'radio' || q.type === 'checkbox' || q.type === 'select'
						? resolveOptions(form.id, q, ctx.options).map((o) => [o.value, o.key ? t(o.key) : o.text, o.key ? t(`${o.key}_hint`, { defaultValue: '' }) : ''])
						: null,
				unit: q.type === 'number' && q.unit ? t(`${key(q)}.unit`) : null
			}))
		};
	};
	const messages = (raw: RawInput) => {
		const { errors } = validatePage(page, questions, raw, ctx, {});
		return errors.map((e) => ({
			field: e.fieldId,
			da: errorText(texts.da, 'da', form.id, questions.find((q) => q.id === e.questionId), e),
			en: errorText(texts.en, 'en', form.id, questions.find((q) => q.id === e.questionId), e)
		}));
	};
	const valid = Object.assign({}, ...questions.map((q, i) => validInput(q, ctx, 0, i))) as RawInput;
	const errors = questions.flatMap((q) => badInputs(q).map((bad) => messages({ ...valid, ...bad })));
	// A page's own rules: the same choice twice, and a lower choice without the one above it.
	const selects = questions.filter((q) => q.type === 'select');
	if (selects.length > 1) {
		const first = values(selects[0], ctx)[0];
		errors.push(messages(Object.fromEntries(selects.map((q) => [q.id, first]))));
		errors.push(messages({ [selects[1].id]: first }));
	}
	return { id: page.id, da: view('da'), en: view('en'), errors };
}

export function journey(form: FormDefinition, texts: Texts, withFamily: boolean, variant: 0 | 1) {
	const ctx = goldenContext(withFamily);
	if (form.requiresOptions && !ctx.options[form.requiresOptions]?.length) return { unavailable: true };
	let answers = prefill(form, {}, ctx);
	const pages = [];
	let pageId = form.pages[0] && (afterSave(form, answers, ctx, '', false) as string);
	for (let guard = 0; pageId !== CHECK_PAGE && guard < 50; guard++) {
		pages.push(describePage(form, pageId, answers, ctx, texts));
		const page = findPage(form, pageId)!;
		const questions = visibleQuestions(page, answers, ctx);
		const raw = Object.assign({}, ...questions.map((q, i) => validInput(q, ctx, variant, i))) as RawInput;
		const { values, errors } = validatePage(page, questions, raw, ctx, {});
		if (errors.length) throw new Error(`${form.id}/${pageId}: ${JSON.stringify(errors)}`);
		answers = mergeAnswers(answers, values);
		pageId = afterSave(form, answers, ctx, pageId, false);
	}
	return {
		pages,
		check: checkRows(form, answers, ctx).map((r) => [r.pageId, r.question.id, texts.da(`forms.${form.id}.${r.question.id}.label`)]),
		submitted: answersToSubmit(form, answers, ctx),
		receiptEmailQuestion: form.receiptEmailQuestion ?? null,
		counterVisitRequired: !!form.counterVisitRequired,
		requiresOptions: form.requiresOptions ?? null
	};
}

export function goldenRecord(forms: FormDefinition[], texts: Texts) {
	return Object.fromEntries(
		forms.map((f) => [
			f.id,
			{
				serviceSlug: f.serviceSlug,
				journeys: ([[true, 0], [true, 1], [false, 0], [false, 1]] as const).map(([family, variant]) => journey(f, texts, family, variant))
			}
		])
	);
}
