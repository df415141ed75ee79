import type { TextareaQuestion } from '../types';
import { ok, single, type QuestionTypeModule } from './kit';

const DEFAULT_MAX = 2000;

export const textarea: QuestionTypeModule<TextareaQuestion> = {
	types: ['textarea'],
	schema: { properties: { maxLength: { type: 'integer', minimum: 1, maximum: 10000 } } },
	inputs: single,
	firstFieldId: (q) => q.id,
	validate(q, _raw, _ctx, _previous, c) {
		const v = c.str(q.id);
		if (!v) return c.empty();
		const max = q.maxLength ?? DEFAULT_MAX;
		if (v.length > max) return c.error('too_long', { max });
		return ok(v);
	},
	toFields: (q, value) => ({ [q.id]: String(value) }),
	display: (_q, value) => String(value).split('\n'),
	settings(read) {
		const maxLength = read.number('maxLength', true);
		return maxLength !== undefined ? { maxLength } : {};
	}
};
