import { cprProblem, maskCpr, normaliseCpr } from '../cpr';
import type { SimpleQuestion } from '../types';
import { oneInput } from './kit';

/** A CPR number: checked for a real birth date, never in the future; always shown masked. */
export const cpr = oneInput<SimpleQuestion>({
	types: ['cpr'],
	check(v, _q, ctx) {
		const problem = cprProblem(v, ctx.today);
		return problem ? { problem } : { value: normaliseCpr(v) };
	},
	display: (_q, value) => [maskCpr(value as string)]
});
