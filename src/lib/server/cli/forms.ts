import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { closeDatabase, openDatabase } from '$lib/server/db';
import { exportForm, importForm } from '$lib/server/forms/store';
import { describeImport } from '$lib/server/forms/import-messages';

const USAGE = 'Usage: npm run forms -- export ID [FILE]   |   npm run forms -- import FILE';

/**
 * `npm run forms`: a form's document out of the database, or a document in as a draft version,
 * validated as the builder validates a save. Exit code 0 on success, 1 on a refusal, 2 on misuse.
 */
export async function main(args: string[]): Promise<number> {
	const [command, ...rest] = args;
	if (command === 'export' && rest.length >= 1) {
		await openDatabase();
		try {
			const doc = await exportForm(rest[0]);
			if (!doc) {
				console.error(`No published form with the id ${rest[0]}.`);
				return 1;
			}
			const text = JSON.stringify(doc, null, '\t') + '\n';
			if (rest[1]) {
				if (existsSync(rest[1])) {
					console.error(`${rest[1]} exists already; choose a new file.`);
					return 1;
				}
				writeFileSync(rest[1], text);
				console.log(`Form ${doc.id} written to ${rest[1]}.`);
			} else process.stdout.write(text);
			return 0;
		} finally {
			await closeDatabase();
		}
	}
	if (command === 'import' && rest.length === 1) {
		let text: string;
		try {
			text = readFileSync(rest[0], 'utf8');
		} catch {
			console.error(`Cannot read ${rest[0]}.`);
			return 1;
		}
		await openDatabase();
		try {
			const result = await importForm(text, null);
			for (const line of describeImport(result)) (result.ok ? console.log : console.error)(line);
			return result.ok ? 0 : 1;
		} finally {
			await closeDatabase();
		}
	}
	console.error(USAGE);
	return 2;
}
