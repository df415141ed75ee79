import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { databasePath, databaseUrl } from '$lib/server/config';
import { dialectOf, migrateEngine, shippedMigrations, openPostgres, openSqlite, type Db, type Dialect, type Engine, type Tables } from './client';
import { log } from '$lib/server/log';

let engine: Engine | undefined;
let ready: Promise<Engine> | undefined;

function current(): Engine {
	if (!engine) engine = dialectOf(databaseUrl()) === 'pg' ? openPostgres(databaseUrl()!) : openSqlite(databasePath());
	return engine;
}

/**
 * Opens the database and brings its schema up to date, once per process: the server's init
 * hook and every test that uses a database wait for it before the first query.
 */
export function openDatabase(): Promise<Engine> {
	ready ??= migrateEngine(current()).then(() => current());
	return ready;
}

/** An arbitrary number naming the portal's start-up among PostgreSQL's advisory locks. */
const STARTUP_LOCK = 7_190_002;

/**
 * Runs the start-up work (the seed) one instance at a time: on PostgreSQL by an advisory lock
 * that every instance starting at once waits for. On SQLite instances share one machine, and
 * `npm start` starts them one after another.
 */
export async function atStartup(fn: () => Promise<void>): Promise<void> {
	const e = await openDatabase();
	if (e.dialect !== 'pg') return fn();
	const client = await e.pool!.connect();
	try {
		await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
		await fn();
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK]).catch((err: Error) => log.error('start-up lock not released', { reason: err.message }));
		client.release();
	}
}

/**
 * For /readyz: the database answers and holds every migration this build ships. An instance
 * started from a newer build than the database (or a database another build rolled back)
 * is not ready. Cheap: one small query.
 */
export async function readiness(): Promise<{ ok: true } | { ok: false; reason: 'unreachable' | 'migrations' }> {
	let applied: number;
	try {
		const e = await openDatabase();
		const table = e.dialect === 'pg' ? sql.raw('drizzle.__drizzle_migrations') : sql.raw('__drizzle_migrations');
		const [row] = await rows<{ n: number | string }>(sql`SELECT count(*) AS n FROM ${table}`);
		applied = Number(row?.n ?? 0);
	} catch {
		return { ok: false, reason: 'unreachable' };
	}
	return applied >= shippedMigrations(dialect()) ? { ok: true } : { ok: false, reason: 'migrations' };
}

/** Closes the pool or the file: at shutdown, after the last request and job. */
export async function closeDatabase(): Promise<void> {
	const e = engine;
	engine = undefined;
	ready = undefined;
	await e?.close();
}

export function dialect(): Dialect {
	return current().dialect;
}

export function engineOf(): Engine {
	return current();
}

const inTransaction = new AsyncLocalStorage<Db>();

/** The database, or the transaction the caller runs in: every query goes through here. */
export function db(): Db {
	return inTransaction.getStore() ?? current().db;
}

/**
 * The tables of the engine in use. Typed as SQLite's; on PostgreSQL they are PostgreSQL's
 * own, built from the same definitions (schema/tables.ts).
 */
export const tables: Tables = new Proxy({} as Tables, {
	get: (_, name) => current().tables[name as keyof Tables]
});

let sqliteTurn: Promise<unknown> = Promise.resolve();

/**
 * Runs `fn` in one transaction; every db() call inside it (however deep) takes part. Nested
 * calls join the outer transaction. On PostgreSQL a pooled connection of its own, on SQLite
 * BEGIN IMMEDIATE (the write lock at once, so that a check and the write it guards cannot be
 * split by another process), one transaction at a time on the process's one connection.
 *
 * The body must do database work only: on SQLite a body that waited for the network would
 * hold the write lock meanwhile.
 */
export async function transaction<T>(fn: () => Promise<T>): Promise<T> {
	if (inTransaction.getStore()) return fn();
	const e = current();
	if (e.dialect === 'pg') return (e.db as unknown as NodePgDatabase).transaction((tx) => inTransaction.run(tx as unknown as Db, fn));
	const run = async () => {
		e.sqlite!.exec('BEGIN IMMEDIATE');
		try {
			const result = await inTransaction.run(e.db, fn);
			e.sqlite!.exec('COMMIT');
			return result;
		} catch (error) {
			if (e.sqlite!.inTransaction) e.sqlite!.exec('ROLLBACK');
			throw error;
		}
	};
	const result = sqliteTurn.then(run, run);
	sqliteTurn = result.then(
		() => undefined,
		() => undefined
	);
	return result;
}

/** The first row of a query, or undefined. */
export async function first<T>(rows: PromiseLike<T[]>): Promise<T | undefined> {
	return (await rows)[0];
}

/** Rows of raw SQL (the report's own queries), on either engine. */
export async function rows<T>(query: SQL): Promise<T[]> {
	const e = current();
	const runner = inTransaction.getStore() ?? e.db;
	if (e.dialect === 'pg') return ((await (runner as unknown as NodePgDatabase).execute(query)) as unknown as { rows: T[] }).rows;
	return runner.all<T>(query);
}

/** Raw SQL that returns nothing. */
export async function execute(query: SQL): Promise<void> {
	const e = current();
	const runner = inTransaction.getStore() ?? e.db;
	if (e.dialect === 'pg') await (runner as unknown as NodePgDatabase).execute(query);
	else runner.run(query);
}

/**
 * Locks the rows a query reads until the transaction ends (SELECT … FOR UPDATE on PostgreSQL).
 * SQLite's transactions hold the database's write lock from their start, which does the same.
 */
export function forUpdate<Q>(query: Q): Q {
	if (current().dialect !== 'pg') return query;
	return (query as unknown as { for(strength: 'update'): Q }).for('update');
}

/**
 * Loads many rows at once, in the caller's transaction (the demo's year of contact events, the
 * benchmark's million): a prepared statement on SQLite, one `unnest` of arrays per batch on
 * PostgreSQL. The columns are named with their PostgreSQL types (`"id text, score integer"`), the
 * values raw (times as milliseconds, flags as booleans), in the columns' order.
 */
export async function bulkInsert(table: string, columnList: string, values: unknown[][]): Promise<void> {
	const columns = columnList.split(',').map((c) => {
		const [name, pgType] = c.trim().split(/\s+/);
		return { name, pgType };
	});
	const e = current();
	const names = columns.map((c) => `"${c.name}"`).join(', ');
	if (e.dialect === 'sqlite') {
		const insert = e.sqlite!.prepare(`INSERT INTO "${table}" (${names}) VALUES (${columns.map(() => '?').join(', ')})`);
		// Index keys arrive in random order: a larger page cache for the load only.
		const cacheSize = e.sqlite!.pragma('cache_size', { simple: true }) as number;
		e.sqlite!.pragma('cache_size = -131072');
		try {
			for (const row of values) insert.run(...row.map((v) => (typeof v === 'boolean' ? Number(v) : v)));
		} finally {
			e.sqlite!.pragma(`cache_size = ${cacheSize}`);
		}
		return;
	}
	const runner = (inTransaction.getStore() ?? e.db) as unknown as NodePgDatabase;
	for (let i = 0; i < values.length; i += 5000) {
		const batch = values.slice(i, i + 5000);
		const arrays = columns.map((c, k) => sql`${sql.param(batch.map((row) => row[k]))}::${sql.raw(c.pgType)}[]`);
		await runner.execute(sql`INSERT INTO ${sql.identifier(table)} (${sql.raw(names)}) SELECT * FROM unnest(${sql.join(arrays, sql`, `)})`);
	}
}

/** A unique constraint refused the write (another request got there first). */
export function isUniqueViolation(e: unknown): boolean {
	for (let x: unknown = e; x && typeof x === 'object'; x = (x as { cause?: unknown }).cause) {
		const code = String((x as { code?: unknown }).code ?? '');
		if (code === '23505' || code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
	}
	return false;
}

/** SQL that differs between the engines, as small pieces the shared queries are written with. */
export const dialectSql = {
	/** The larger of two values. */
	greatest: (a: SQL, b: SQL) => (dialect() === 'pg' ? sql`GREATEST(${a}, ${b})` : sql`MAX(${a}, ${b})`),
	least: (a: SQL, b: SQL) => (dialect() === 'pg' ? sql`LEAST(${a}, ${b})` : sql`MIN(${a}, ${b})`),
	/**
	 * Holds a lock named by the text until the transaction ends: on PostgreSQL an advisory lock
	 * (two instances updating one citizen key's facts take turns); SQLite's write lock already does.
	 */
	lockFor: (name: string) => (dialect() === 'pg' ? sql`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))` : null),
	/** SQLite's planner is told which index to use where it would choose a worse one; PostgreSQL's is not. */
	indexedBy: (name: string) => (dialect() === 'pg' ? sql`` : sql.raw(`INDEXED BY ${name}`))
};

export type { Db, Dialect, Engine, Tables };
