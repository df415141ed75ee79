import type { NumberQuestion } from '../types';
import { ok, single, texts, type QuestionTypeModule } from './kit';

export const number: QuestionTypeModule<NumberQuestion> = {
	types: ['number'],
	schema: { properties: { min: { type: 'number' }, max: { type: 'number' }, integer: { type: 'boolean' }, unit: texts } },
	inputs: single,
	firstFieldId: (q) => q.id,
	validate(q, _raw, _ctx, _previous, c) {
		const v = c.str(q.id).replace(/\s/g, '').replace(',', '.');
		if (!v) return c.empty();
		if (!/^-?\d+(\.\d+)?$/.test(v)) return c.error('not_number');
		const n = Number(v);
		if (q.integer && !Number.isInteger(n)) return c.error('not_integer');
		if (q.min !== undefined && n < q.min) return c.error('number_min', { min: q.min });
		if (q.max !== undefined && n > q.max) return c.error('number_max', { max: q.max });
		return ok(String(n));
	},
	toFields: (q, value) => ({ [q.id]: String(value) }),
	display: (q, value, { lang }) => [q.unit ? `${value} ${q.unit[lang]}` : String(value)],
	settings(read) {
		const [min, max, unit] = [read.number('min'), read.number('max'), read.texts('unit')];
		return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), ...(read.on('integer') ? { integer: true } : {}), ...(unit ? { unit } : {}) };
	}
};
