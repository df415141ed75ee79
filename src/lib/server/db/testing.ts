import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { closeDatabase, openDatabase } from '.';

/**
 * A real database of a test file's own, migrated as the server migrates it: a SQLite file in
 * a temporary data directory, or, when the test command found PostgreSQL (TEST_PG_URL, a
 * throw-away cluster it started), a fresh database in it. Call it at the top of the file;
 * nothing may touch the database before its beforeAll has run.
 */
export function useTestDatabase(name: string): { dataDir: string } {
	const dataDir = mkdtempSync(path.join(os.tmpdir(), `indgang-${name}-`));
	process.env.DATA_DIR = dataDir;
	process.env.CITIZEN_KEY_SECRET ??= 'test-secret-for-citizen-keys';
	const server = process.env.TEST_PG_URL;
	const database = `indgang_${name.replace(/\W/g, '_')}_${process.pid}_${Date.now().toString(36)}`;
	// Until beforeAll has made the database, a query fails loudly rather than open another.
	process.env.DATABASE_URL = server ? 'postgres://not-yet-created.invalid/none' : path.join(dataDir, 'test.db');
	beforeAll(async () => {
		if (server) {
			const admin = new pg.Client({ connectionString: server });
			await admin.connect();
			await admin.query(`CREATE DATABASE ${database}`);
			await admin.end();
			const url = new URL(server);
			url.pathname = `/${database}`;
			process.env.DATABASE_URL = url.href;
		}
		await openDatabase();
	});
	afterAll(async () => {
		await closeDatabase();
		rmSync(dataDir, { recursive: true, force: true });
		if (server) {
			const admin = new pg.Client({ connectionString: server });
			await admin.connect();
			await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
			await admin.end();
		}
	});
	return { dataDir };
}
