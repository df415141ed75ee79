import { cprProblem, maskCpr, normaliseCpr } from '../cpr';
import type { SimpleQuestion } from '../types';
import { ok, single, type QuestionTypeModule } from './kit';

/** A CPR number: checked for a real birth date, never in the future; always shown masked. */
export const cpr: QuestionTypeModule<SimpleQuestion> = {
	types: ['cpr'],
	schema: { properties: {} },
	inputs: single,
	firstFieldId: (q) => q.id,
	validate(q, _raw, ctx, _previous, c) {
		const v = c.str(q.id);
		if (!v) return c.empty();
		const problem = cprProblem(v, ctx.today);
		if (problem) return c.error(problem);
		return ok(normaliseCpr(v));
	},
	toFields: (q, value) => ({ [q.id]: String(value) }),
	display: (_q, value) => [maskCpr(value as string)],
	settings: () => ({})
};
