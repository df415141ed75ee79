import { formatPhone, phoneDigitCount, phoneProblem } from '../phone';
import type { SimpleQuestion } from '../types';
import { ok, single, type QuestionTypeModule } from './kit';

export const phone: QuestionTypeModule<SimpleQuestion> = {
	types: ['phone'],
	schema: { properties: {} },
	inputs: single,
	firstFieldId: (q) => q.id,
	validate(q, _raw, _ctx, _previous, c) {
		const v = c.str(q.id);
		if (!v) return c.empty();
		const problem = phoneProblem(v);
		if (problem) return c.error(problem, { count: phoneDigitCount(v) });
		return ok(formatPhone(v));
	},
	toFields: (q, value) => ({ [q.id]: String(value) }),
	display: (_q, value) => [String(value)],
	settings: () => ({})
};
