import type { TextareaQuestion } from '../types';
import { limitedText, ok, single, type QuestionTypeModule } from './kit';

const DEFAULT_MAX = 2000;

export const textarea: QuestionTypeModule<TextareaQuestion> = {
	types: ['textarea'],
	schema: { properties: { maxLength: { type: 'integer', minimum: 1, maximum: 10000 } } },
	inputs: single,
	firstFieldId: (q) => q.id,
	validate(q, _raw, _ctx, _previous, c) {
		const v = limitedText(q, c, DEFAULT_MAX);
		return typeof v === 'string' ? ok(v) : v;
	},
	toFields: (q, value) => ({ [q.id]: String(value) }),
	display: (_q, value) => String(value).split('\n'),
	settings(read) {
		const maxLength = read.number('maxLength', true);
		return maxLength !== undefined ? { maxLength } : {};
	}
};
