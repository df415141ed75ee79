import { formatPhone, phoneDigitCount, phoneProblem } from '../phone';
import type { SimpleQuestion } from '../types';
import { oneInput } from './kit';

export const phone = oneInput<SimpleQuestion>({
	types: ['phone'],
	check(v) {
		const problem = phoneProblem(v);
		return problem ? { problem, params: { count: phoneDigitCount(v) } } : { value: formatPhone(v) };
	},
	display: (_q, value) => [String(value)]
});
