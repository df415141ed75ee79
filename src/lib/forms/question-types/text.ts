import type { TextQuestion } from '../types';
import { limitedText, ok, single, type QuestionTypeModule } from './kit';

const DEFAULT_MAX = 200;

/** A regular expression the whole answer must match; one that does not compile never does. */
function wholeMatch(pattern: string, value: string): boolean {
	try {
		return new RegExp(`^(?:${pattern})$`, 'u').test(value);
	} catch {
		return false;
	}
}

export const text: QuestionTypeModule<TextQuestion> = {
	types: ['text'],
	schema: {
		properties: {
			maxLength: { type: 'integer', minimum: 1, maximum: 2000 },
			pattern: { type: 'string', maxLength: 500 },
			width: { enum: ['xs', 's', 'm', 'l'] }
		}
	},
	inputs: single,
	firstFieldId: (q) => q.id,
	validate(q, _raw, _ctx, _previous, c) {
		const v = limitedText(q, c, DEFAULT_MAX);
		if (typeof v !== 'string') return v;
		if (q.pattern && !wholeMatch(q.pattern, v)) return c.error('invalid_format');
		return ok(v);
	},
	toFields: (q, value) => ({ [q.id]: String(value) }),
	display: (_q, value) => String(value).split('\n'),
	settings(read, old) {
		const maxLength = read.number('maxLength', true);
		const pattern = read.text('pattern');
		return { ...(maxLength !== undefined ? { maxLength } : {}), ...(pattern ? { pattern } : {}), ...(old.width ? { width: old.width } : {}) };
	}
};
