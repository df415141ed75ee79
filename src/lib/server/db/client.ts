import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Opens a SQLite file with the settings every connection needs. */
export function openDatabase(file: string): Db {
	if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	// Concurrent requests wait for the writer instead of failing with SQLITE_BUSY.
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	// Owner-only, also for a database made before the server set its umask.
	if (file !== ':memory:') for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
	return drizzle(sqlite, { schema }) as Db;
}

/**
 * The migrations folder is found from this file, not the working directory, so the server
 * starts from anywhere: in dev this file is src/lib/server/db, in the build it is bundled
 * under build/server, and in both the project root is an ancestor holding drizzle/.
 */
export function migrationsFolder(): string {
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 8; i++) {
		if (existsSync(path.join(dir, 'drizzle', 'meta', '_journal.json'))) return path.join(dir, 'drizzle');
		dir = path.dirname(dir);
	}
	return path.resolve('drizzle');
}

export function migrateDatabase(db: Db): void {
	migrate(db, { migrationsFolder: migrationsFolder() });
}
