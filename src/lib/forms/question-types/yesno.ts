import type { SimpleQuestion } from '../types';
import { ok, single, type QuestionTypeModule } from './kit';

export const yesno: QuestionTypeModule<SimpleQuestion> = {
	types: ['yesno'],
	schema: { properties: {} },
	inputs: single,
	firstFieldId: (q) => q.id,
	validate(q, _raw, _ctx, _previous, c) {
		const v = c.str(q.id);
		if (!v) return c.empty();
		if (v !== 'yes' && v !== 'no') return c.error('choice_invalid');
		return ok(v);
	},
	toFields: (q, value) => ({ [q.id]: String(value) }),
	display: (_q, value, { t }) => [t(value === 'yes' ? 'common.yes' : 'common.no')],
	settings: () => ({})
};
