import type { ChoiceQuestion, FormContext } from '../types';
import { ok, type QuestionTypeModule } from './kit';

/** The values a choice may take: its own options, or the register's (the household) at run time. */
export function optionValues(q: ChoiceQuestion, ctx: Pick<FormContext, 'options'>): string[] {
	return Array.isArray(q.options) ? q.options.map((o) => o.value) : (ctx.options[q.options.from] ?? []).map((o) => o.value);
}

/** Radio buttons, a list to choose one from, or tick boxes for several. */
export const choice: QuestionTypeModule<ChoiceQuestion> = {
	types: ['radio', 'checkbox', 'select'],
	schema: {
		properties: {
			options: {
				oneOf: [
					{ type: 'array', minItems: 1, maxItems: 100, items: { $ref: '#/$defs/option' } },
					{ type: 'object', properties: { from: { enum: ['household', 'children'] } }, required: ['from'], additionalProperties: false }
				]
			},
			minSelected: { type: 'integer', minimum: 0 }
		},
		required: ['options']
	},
	inputs: (q) => [{ name: q.id, as: q.type === 'checkbox' ? 'list' : 'text' }],
	firstFieldId: (q) => q.id,
	validate(q, _raw, ctx, _previous, c) {
		const allowed = optionValues(q, ctx);
		if (q.type !== 'checkbox') {
			const v = c.str(q.id);
			if (!v) return c.empty();
			if (!allowed.includes(v)) return c.error('choice_invalid');
			return ok(v);
		}
		const values = c.list(q.id);
		if (values.some((v) => !allowed.includes(v))) return c.error('choice_invalid');
		const min = q.minSelected ?? (q.optional ? 0 : 1);
		if (values.length === 0 && min > 0) return c.error('required');
		if (values.length < min) return c.error('min_selected', { min });
		// Keep the definition's order, whatever order the browser sent.
		return ok(allowed.filter((v) => values.includes(v)));
	},
	toFields: (q, value) => ({ [q.id]: q.type === 'checkbox' ? (value as string[]) : String(value) }),
	display(q, value, { t, optionText }) {
		if (q.type !== 'checkbox') return [optionText(value as string)];
		const values = value as string[];
		return values.length ? values.map(optionText) : [t('form.noneSelected')];
	},
	settings(read, old) {
		const minSelected = old.type === 'checkbox' ? read.number('minSelected', true) : undefined;
		return { options: read.options(), ...(minSelected !== undefined ? { minSelected } : {}) };
	}
};
