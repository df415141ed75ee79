import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedDocuments } from '$lib/server/forms/seed';
import { serverT } from '$lib/server/i18n';
import { extendTranslate } from '$lib/i18n/translate';
import { formTexts } from '../texts';
import { goldenRecord } from './journeys';

const FILE = new URL('./forms.golden.json', import.meta.url);

/** Recorded from the TypeScript definitions before they became data (commit "Golden record…"). */
describe('the four forms as data', () => {
	it('give the pages, messages and submissions the TypeScript definitions gave', () => {
		const forms = seedDocuments.map((doc) => ({ ...doc, version: 1 }));
		// The texts from the documents, the locale files only for the UI's own (general messages).
		const t = (lang: 'da' | 'en') => extendTranslate(serverT(lang), lang, { forms: Object.fromEntries(forms.map((f) => [f.id, formTexts(f, lang)])) });
		const record = JSON.parse(JSON.stringify(goldenRecord(forms, { da: t('da'), en: t('en') })));
		expect(record).toEqual(JSON.parse(readFileSync(FILE, 'utf8')));
	});
});
