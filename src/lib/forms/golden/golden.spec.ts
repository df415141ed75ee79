import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formDefinitions } from '../definitions';
import { serverT } from '$lib/server/i18n';
import { goldenRecord } from './journeys';

const FILE = new URL('./forms.golden.json', import.meta.url);

describe('the four forms as data', () => {
	it('give the pages, messages and submissions the TypeScript definitions gave', () => {
		const record = JSON.parse(JSON.stringify(goldenRecord(Object.values(formDefinitions), { da: serverT('da'), en: serverT('en') })));
		if (process.env.WRITE_GOLDEN) writeFileSync(FILE, JSON.stringify(record, null, 1) + '\n');
		expect(record).toEqual(JSON.parse(readFileSync(FILE, 'utf8')));
	});
});
