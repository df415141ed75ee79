import type { SimpleQuestion } from '../types';
import { oneInput } from './kit';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const email = oneInput<SimpleQuestion>({
	types: ['email'],
	check: (v) => (v.length > 254 || !EMAIL.test(v) ? { problem: 'email_invalid' } : { value: v }),
	display: (_q, value) => [String(value)]
});
