import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { questionSchema } from './schema';

const FILE = new URL('../form-definition.v1.schema.json', import.meta.url);

describe('the published form format', () => {
	it('describes each question type as its module does (WRITE_SCHEMA=1 writes the file after a change)', () => {
		const schema = JSON.parse(readFileSync(FILE, 'utf8'));
		if (process.env.WRITE_SCHEMA) {
			schema.$defs.question = questionSchema();
			writeFileSync(FILE, JSON.stringify(schema, null, '\t'));
		}
		expect(schema.$defs.question).toEqual(questionSchema());
	});
});
