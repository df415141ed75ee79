import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pgBuilders } from './schema/builders';
import * as sqliteSchema from './schema';
import { defineSchema } from './schema/tables';
import { log } from '$lib/server/log';

export type Dialect = 'sqlite' | 'pg';

/**
 * The application is typed against SQLite's drizzle database; on PostgreSQL the same calls
 * run on node-postgres's, with PostgreSQL's tables (the query builder writes each engine's SQL).
 * Only what both have is used: no `.get()`, `.all()` or `.run()`, and `.returning()` to count.
 */
export type Db = ReturnType<typeof drizzleSqlite<typeof sqliteSchema>>;
export type Tables = ReturnType<typeof defineSchema>;

export interface Engine {
	dialect: Dialect;
	db: Db;
	tables: Tables;
	/** SQLite's connection, for its transactions and its online backup. */
	sqlite?: Database.Database;
	/** PostgreSQL's pool, for transactions, advisory locks and the pool figures in /metrics. */
	pool?: pg.Pool;
	close(): Promise<void>;
}

export function dialectOf(url: string | undefined): Dialect {
	return /^postgres(ql)?:\/\//.test(url ?? '') ? 'pg' : 'sqlite';
}

/** Opens a SQLite file with the settings every connection needs. */
export function openSqlite(file: string): Engine {
	if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	// Concurrent writers (other processes on the same file) wait instead of failing with SQLITE_BUSY.
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	// Owner-only, also for a database made before the server set its umask.
	if (file !== ':memory:') for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
	const db = drizzleSqlite(sqlite, { schema: sqliteSchema });
	return {
		dialect: 'sqlite',
		db,
		tables: sqliteSchema as unknown as Tables,
		sqlite,
		close: async () => {
			sqlite.close();
		}
	};
}

/** node-postgres: its pool reports what /metrics shows (in use, idle, waiting). */
export function openPostgres(url: string, max = Number(process.env.DATABASE_POOL_SIZE) || 10): Engine {
	const pool = new pg.Pool({ connectionString: url, max });
	// An idle client that dies (the server restarts) must not take the process with it.
	pool.on('error', (e) => log.error('database pool', { reason: e.message }));
	const tables = defineSchema(pgBuilders);
	const db = drizzlePg(pool, { schema: tables as never }) as NodePgDatabase;
	return { dialect: 'pg', db: db as unknown as Db, tables, pool, close: () => pool.end() };
}

/**
 * The migrations folder is found from this file, not the working directory, so the server
 * starts from anywhere: in dev this file is src/lib/server/db, in the build it is bundled
 * under build/server, and in both the project root is an ancestor holding drizzle/.
 */
export function migrationsFolder(dialect: Dialect): string {
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 8; i++) {
		const folder = path.join(dir, 'drizzle', dialect);
		if (existsSync(path.join(folder, 'meta', '_journal.json'))) return folder;
		dir = path.dirname(dir);
	}
	return path.resolve('drizzle', dialect);
}

const shipped = new Map<Dialect, number>();

/** How many migrations this build carries for the dialect (its journal's entries). */
export function shippedMigrations(dialect: Dialect): number {
	let n = shipped.get(dialect);
	if (n === undefined) {
		const journal = JSON.parse(readFileSync(path.join(migrationsFolder(dialect), 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
		n = journal.entries.length;
		shipped.set(dialect, n);
	}
	return n;
}

/** An arbitrary number naming the portal's migration lock among PostgreSQL's advisory locks. */
const MIGRATION_LOCK = 7_190_001;

/**
 * Brings the schema up to date. Several instances may start at once: on PostgreSQL they take
 * turns by an advisory lock, on SQLite by the file's own write lock around each migration.
 */
export async function migrateEngine(engine: Engine): Promise<void> {
	if (engine.dialect === 'sqlite') {
		migrateSqlite(engine.db, { migrationsFolder: migrationsFolder('sqlite') });
		return;
	}
	const client = await engine.pool!.connect();
	try {
		await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
		await migratePg(drizzlePg(client), { migrationsFolder: migrationsFolder('pg') });
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch((e: Error) => log.error('migration lock not released', { reason: e.message }));
		client.release();
	}
}
