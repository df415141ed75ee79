import type { FileQuestion, FileValue } from '../types';
import type { Lang } from '../types';
import type { QuestionTypeModule } from './kit';

export const acceptTypes = ['application/pdf', 'image/jpeg', 'image/png'];

function fileSize(bytes: number, lang: Lang): string {
	const kb = bytes / 1024;
	const fmt = new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 });
	return kb < 1024 ? `${fmt.format(kb)} KB` : `${fmt.format(kb / 1024)} MB`;
}

/**
 * A document or photo. A new file comes back as a FileValue with an empty uploadId (the server
 * fills it in once it is stored); no new file keeps the one saved before.
 */
export const file: QuestionTypeModule<FileQuestion> = {
	types: ['file'],
	schema: {
		properties: {
			maxBytes: { type: 'integer', minimum: 1, maximum: 20971520 },
			accept: { type: 'array', minItems: 1, items: { enum: acceptTypes } }
		},
		required: ['maxBytes', 'accept']
	},
	inputs: (q) => [{ name: q.id, as: 'file' }],
	firstFieldId: (q) => q.id,
	validate(q, _raw, _ctx, previous, c) {
		const meta = c.file(q.id);
		if (!meta || (meta.size === 0 && !meta.name)) return previous ? { value: previous, errors: [] } : c.empty();
		if (meta.size === 0) return c.error('file_empty');
		if (meta.size > q.maxBytes) return c.error('file_too_large', { max: Math.round(q.maxBytes / 1024 / 1024) });
		if (!q.accept.includes(meta.type)) return c.error('file_type');
		const value: FileValue = { uploadId: '', name: meta.name, size: meta.size, type: meta.type };
		return { value, errors: [] };
	},
	toFields: (q, value) => ({ [q.id]: (value as FileValue).name }),
	display(_q, value, { lang }) {
		const f = value as FileValue;
		return [`${f.name} (${fileSize(f.size, lang)})`];
	},
	settings(read, old) {
		const mb = read.number('maxMb');
		return { maxBytes: mb === undefined ? old.maxBytes : Math.round(mb * 1024 * 1024), accept: read.list('accept').filter((t) => acceptTypes.includes(t)) };
	}
};
