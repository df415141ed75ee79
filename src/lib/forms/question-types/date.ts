import { isValidDate, pad } from '../cpr';
import { addDays, formatDate } from '../dates';
import type { DateQuestion } from '../types';
import { ok, partName, type QuestionTypeModule } from './kit';

const parts = ['day', 'month', 'year'] as const;

export const date: QuestionTypeModule<DateQuestion> = {
	types: ['date'],
	schema: { properties: { minDays: { type: 'integer' }, maxDays: { type: 'integer' } } },
	inputs: (q) => parts.map((p) => ({ name: partName(q.id, p), as: 'text' as const })),
	firstFieldId: (q) => partName(q.id, 'day'),
	validate(q, _raw, ctx, _previous, c) {
		const given = { day: c.str(partName(q.id, 'day')), month: c.str(partName(q.id, 'month')), year: c.str(partName(q.id, 'year')) };
		const missing = parts.filter((p) => !given[p]);
		if (missing.length === 3) return c.empty();
		if (missing.length > 0) return c.error('date_incomplete', { missing: missing.join(',') }, missing[0]);
		const bad = parts.find((p) => !/^\d+$/.test(given[p]));
		if (bad) return c.error('date_invalid', undefined, bad);
		if (given.year.length !== 4) return c.error('date_invalid', undefined, 'year');
		const [d, m, y] = [Number(given.day), Number(given.month), Number(given.year)];
		if (m < 1 || m > 12) return c.error('date_invalid', undefined, 'month');
		if (!isValidDate(y, m, d)) return c.error('date_invalid', undefined, 'day');
		const iso = `${y}-${pad(m)}-${pad(d)}`;
		if (q.minDays !== undefined && iso < addDays(ctx.today, q.minDays)) return c.error('date_min', { date: addDays(ctx.today, q.minDays) });
		if (q.maxDays !== undefined && iso > addDays(ctx.today, q.maxDays)) return c.error('date_max', { date: addDays(ctx.today, q.maxDays) });
		return ok(iso);
	},
	toFields(q, value) {
		const [year, month, day] = String(value).split('-');
		return { [partName(q.id, 'day')]: String(Number(day)), [partName(q.id, 'month')]: String(Number(month)), [partName(q.id, 'year')]: year };
	},
	display: (_q, value, { lang }) => [formatDate(value as string, lang)],
	settings(read) {
		const [minDays, maxDays] = [read.number('minDays', true), read.number('maxDays', true)];
		return { ...(minDays !== undefined ? { minDays } : {}), ...(maxDays !== undefined ? { maxDays } : {}) };
	}
};
