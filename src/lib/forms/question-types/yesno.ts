import type { SimpleQuestion } from '../types';
import { oneInput } from './kit';

export const yesno = oneInput<SimpleQuestion>({
	types: ['yesno'],
	check: (v) => (v === 'yes' || v === 'no' ? { value: v } : { problem: 'choice_invalid' }),
	display: (_q, value, { t }) => [t(value === 'yes' ? 'common.yes' : 'common.no')]
});
