import type { SimpleQuestion } from '../types';
import { ok, single, type QuestionTypeModule } from './kit';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const email: QuestionTypeModule<SimpleQuestion> = {
	types: ['email'],
	schema: { properties: {} },
	inputs: single,
	firstFieldId: (q) => q.id,
	validate(q, _raw, _ctx, _previous, c) {
		const v = c.str(q.id);
		if (!v) return c.empty();
		if (v.length > 254 || !EMAIL.test(v)) return c.error('email_invalid');
		return ok(v);
	},
	toFields: (q, value) => ({ [q.id]: String(value) }),
	display: (_q, value) => [String(value)],
	settings: () => ({})
};
