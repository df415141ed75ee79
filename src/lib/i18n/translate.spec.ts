import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import da from './locales/da.json';
import en from './locales/en.json';
import { createTranslate } from './translate';

function leaves(obj: object, prefix = ''): [string, string][] {
	return Object.entries(obj).flatMap(([k, v]): [string, string][] =>
		typeof v === 'string' ? [[`${prefix}${k}`, v]] : v && typeof v === 'object' && !Array.isArray(v) ? leaves(v, `${prefix}${k}.`) : []
	);
}

describe('the pages’ translator gives what i18next gives', () => {
	for (const [lang, resources] of Object.entries({ da, en })) {
		it(`for every key in ${lang}, with and without values, in singular and plural`, () => {
			const reference = i18next.createInstance();
			void reference.init({ lng: lang, resources: { [lang]: { translation: resources } }, initAsync: false, interpolation: { escapeValue: false }, returnNull: false });
			const t = createTranslate(lang, resources);
			for (const [key, text] of leaves(resources)) {
				const base = key.replace(/_(one|other)$/, '');
				const names = [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]);
				const values = Object.fromEntries(names.filter((n) => n !== 'count').map((n) => [n, `‹${n}›`]));
				for (const count of [0, 1, 2, 21]) expect(t(base, { ...values, count }), `${key} ${count}`).toBe(reference.t(base, { ...values, count }));
				expect(t(base, values), key).toBe(reference.t(base, values));
			}
		});
	}
	it('falls back as i18next does: default value, then the key', () => {
		const t = createTranslate('da', da);
		expect(t('no.such.key')).toBe('no.such.key');
		expect(t('no.such.key', { defaultValue: '' })).toBe('');
		expect(t('no.such.key', { defaultValue: 'x {{a}}', a: 1 })).toBe('x 1');
		expect(t('app')).toBe('app');
		expect(t('no.such.key', { defaultValue: '{{a}} and {{b}}', a: 1 })).toBe('1 and {{b}}');
	});
});
