import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * The e2e server's own SQLite file, opened read-only: for what a test cannot see on a page,
 * such as the contact events a report is built from.
 */
export function e2eDb() {
	return new Database(path.resolve('.test-data', 'e2e', 'indgang.db'), { readonly: true, fileMustExist: true });
}

export function queryE2e<T>(sql: string, ...params: unknown[]): T[] {
	const db = e2eDb();
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}
