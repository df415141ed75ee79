// `npm run backup -- FILE`: a consistent copy of the SQLite database while the portal serves,
// by SQLite's online backup (pages copied in steps; writers carry on meanwhile, and the copy
// is of one moment). PostgreSQL has its own tools: see the README.
import Database from 'better-sqlite3';
import { chmodSync, existsSync } from 'node:fs';
import path from 'node:path';

const target = process.argv[2];
if (!target || target.startsWith('-')) {
	console.error('Usage: npm run backup -- FILE   (copies DATABASE_URL, or DATA_DIR/indgang.db, to FILE)');
	process.exit(2);
}
const url = process.env.DATABASE_URL;
if (url && /^postgres(ql)?:\/\//.test(url)) {
	console.error('DATABASE_URL is PostgreSQL: use pg_dump (see "Running in production" in the README).');
	process.exit(2);
}
const source = url ? url.replace(/^file:/, '') : path.join(process.env.DATA_DIR || 'data', 'indgang.db');
if (!existsSync(source)) {
	console.error(`No database at ${source}.`);
	process.exit(1);
}
if (existsSync(target)) {
	console.error(`${target} exists already; choose a new file.`);
	process.exit(1);
}
const db = new Database(source, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const started = Date.now();
await db.backup(target);
db.close();
// The copy holds the same personal data as the database: owner-only, as everything under DATA_DIR.
chmodSync(target, 0o600);
console.log(`Backed up ${source} to ${target} in ${Date.now() - started} ms.`);
