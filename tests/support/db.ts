import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

const urlFile = path.resolve('.test-data', 'e2e.database-url');
let pool: pg.Pool | undefined;

/**
 * A query on the e2e server's own database, read-only in spirit: for what a test cannot see on
 * a page, such as the contact events a report is built from. Its SQLite file, or, when the suite
 * runs on PostgreSQL (E2E_PG_URL), its database there. Parameters are written `?`.
 */
export async function queryE2e<T>(sql: string, ...params: unknown[]): Promise<T[]> {
	if (existsSync(urlFile)) {
		pool ??= new pg.Pool({ connectionString: readFileSync(urlFile, 'utf8'), max: 2 });
		let n = 0;
		return (await pool.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
	}
	const db = new Database(path.resolve('.test-data', 'e2e', 'indgang.db'), { readonly: true, fileMustExist: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

/** The names of a table's columns, on either engine. */
export async function columnsOf(table: string): Promise<string[]> {
	const rows = existsSync(urlFile)
		? await queryE2e<{ name: string }>('SELECT column_name AS name FROM information_schema.columns WHERE table_name = ?', table)
		: await queryE2e<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`);
	return rows.map((r) => r.name);
}
