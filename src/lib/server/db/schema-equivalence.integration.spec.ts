import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
/* eslint-disable no-restricted-syntax -- SQLite's PRAGMAs on its raw connection: this test reads each engine's own catalogue */
import { migrateEngine, openPostgres, openSqlite, type Engine } from './client';

/**
 * The schema is written once (schema/tables.ts) for both engines, and drizzle-kit generates
 * each engine's migrations from it. This proves what the two migrated databases really hold is
 * the same: tables, columns, types, nullability, defaults, primary keys, indexes (unique or not,
 * partial or not) and foreign keys. Runs when the test command found PostgreSQL.
 */

interface Column {
	type: string;
	notNull: boolean;
	hasDefault: boolean;
}
interface Shape {
	columns: Record<string, Record<string, Column>>;
	primaryKeys: Record<string, string[]>;
	indexes: Record<string, { table: string; columns: string[]; unique: boolean; partial: boolean }>;
	foreignKeys: string[];
}

/** Each engine's name for the same kind of value, as the builders map them. */
const TYPE_FAMILIES: Record<string, string> = {
	'sqlite:text': 'text',
	'pg:text': 'text',
	'sqlite:integer': 'integer',
	'pg:integer': 'integer',
	// Times are milliseconds: an INTEGER in SQLite, a bigint in PostgreSQL.
	'pg:bigint': 'integer',
	// Booleans and JSON are stored as integers and text by SQLite, natively by PostgreSQL.
	'pg:boolean': 'integer',
	'pg:jsonb': 'text',
	'sqlite:blob': 'bytes',
	'pg:bytea': 'bytes',
	'sqlite:real': 'real',
	'pg:real': 'real',
	'pg:double precision': 'real'
};
function family(dialect: 'sqlite' | 'pg', type: string): string {
	const f = TYPE_FAMILIES[`${dialect}:${type.toLowerCase()}`];
	if (!f) throw new Error(`unexpected ${dialect} column type ${type}`);
	return f;
}
const ON_DELETE: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

function sqliteShape(engine: Engine): Shape {
	const db = engine.sqlite!;
	const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`).all() as { name: string }[]).map((t) => t.name);
	const shape: Shape = { columns: {}, primaryKeys: {}, indexes: {}, foreignKeys: [] };
	for (const table of tables) {
		const cols = db.prepare(`PRAGMA table_info(${JSON.stringify(table)})`).all() as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
		shape.columns[table] = Object.fromEntries(
			cols.map((c) => [c.name, { type: family('sqlite', c.type), notNull: c.notnull === 1 || c.pk > 0, hasDefault: c.dflt_value !== null }])
		);
		shape.primaryKeys[table] = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
		for (const ix of db.prepare(`PRAGMA index_list(${JSON.stringify(table)})`).all() as { name: string; unique: number; origin: string; partial: number }[]) {
			if (ix.origin === 'pk') continue;
			const columns = (db.prepare(`PRAGMA index_info(${JSON.stringify(ix.name)})`).all() as { name: string }[]).map((c) => c.name);
			shape.indexes[ix.name] = { table, columns, unique: ix.unique === 1, partial: ix.partial === 1 };
		}
		const fks = db.prepare(`PRAGMA foreign_key_list(${JSON.stringify(table)})`).all() as { id: number; table: string; from: string; to: string | null; on_delete: string }[];
		for (const id of new Set(fks.map((f) => f.id))) {
			const parts = fks.filter((f) => f.id === id);
			const to = parts.map((f) => f.to ?? shape.primaryKeys[f.table]?.[0] ?? '?');
			shape.foreignKeys.push(`${table}(${parts.map((f) => f.from).join(',')}) -> ${parts[0].table}(${to.join(',')}) on delete ${parts[0].on_delete.toLowerCase()}`);
		}
	}
	shape.foreignKeys.sort();
	return shape;
}

async function pgShape(engine: Engine): Promise<Shape> {
	const q = async <T>(text: string) => (await engine.pool!.query(text)).rows as T[];
	const shape: Shape = { columns: {}, primaryKeys: {}, indexes: {}, foreignKeys: [] };
	const cols = await q<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null; is_identity: string }>(
		`SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`
	);
	for (const c of cols) {
		(shape.columns[c.table_name] ??= {})[c.column_name] = {
			type: family('pg', c.data_type),
			notNull: c.is_nullable === 'NO',
			// An identity column is SQLite's INTEGER PRIMARY KEY: numbered by the database, no DEFAULT.
			hasDefault: c.column_default !== null && c.is_identity !== 'YES'
		};
	}
	const indexes = await q<{ table: string; name: string; unique: boolean; primary: boolean; partial: boolean; columns: string[] }>(`
		SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary, ix.indpred IS NOT NULL AS partial,
			array_agg(a.attname::text ORDER BY k.n) AS columns
		FROM pg_index ix
		JOIN pg_class t ON t.oid = ix.indrelid
		JOIN pg_class i ON i.oid = ix.indexrelid
		JOIN pg_namespace ns ON ns.oid = t.relnamespace
		CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, n)
		JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
		WHERE ns.nspname = 'public'
		GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary, ix.indpred IS NOT NULL`);
	for (const ix of indexes) {
		if (ix.primary) shape.primaryKeys[ix.table] = ix.columns;
		else shape.indexes[ix.name] = { table: ix.table, columns: ix.columns, unique: ix.unique, partial: ix.partial };
	}
	const fks = await q<{ table: string; columns: string[]; ref: string; ref_columns: string[]; on_delete: string }>(`
		SELECT cl.relname AS table, rcl.relname AS ref, c.confdeltype AS on_delete,
			(SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
			(SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS ref_columns
		FROM pg_constraint c
		JOIN pg_class cl ON cl.oid = c.conrelid
		JOIN pg_class rcl ON rcl.oid = c.confrelid
		JOIN pg_namespace ns ON ns.oid = cl.relnamespace
		WHERE c.contype = 'f' AND ns.nspname = 'public'`);
	for (const f of fks) shape.foreignKeys.push(`${f.table}(${f.columns.join(',')}) -> ${f.ref}(${f.ref_columns.join(',')}) on delete ${ON_DELETE[f.on_delete]}`);
	shape.foreignKeys.sort();
	return shape;
}

const server = process.env.TEST_PG_URL;

describe.skipIf(!server)('the schema on SQLite and on PostgreSQL', () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'indgang-schema-'));
	const database = `indgang_schema_${process.pid}_${Date.now().toString(36)}`;
	let sqlite: Shape;
	let postgres: Shape;
	beforeAll(async () => {
		const s = openSqlite(path.join(dir, 'schema.db'));
		await migrateEngine(s);
		sqlite = sqliteShape(s);
		await s.close();
		const admin = new pg.Client({ connectionString: server });
		await admin.connect();
		await admin.query(`CREATE DATABASE ${database}`);
		await admin.end();
		const url = new URL(server!);
		url.pathname = `/${database}`;
		const p = openPostgres(url.href, 2);
		await migrateEngine(p);
		postgres = await pgShape(p);
		await p.close();
	});
	afterAll(async () => {
		rmSync(dir, { recursive: true, force: true });
		const admin = new pg.Client({ connectionString: server });
		await admin.connect();
		await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
		await admin.end();
	});

	it('has the same tables with the same columns, types, nullability and defaults', () => {
		expect(Object.keys(sqlite.columns).length).toBeGreaterThan(20);
		expect(Object.keys(postgres.columns).sort()).toEqual(Object.keys(sqlite.columns).sort());
		for (const table of Object.keys(sqlite.columns)) expect(postgres.columns[table], table).toEqual(sqlite.columns[table]);
	});

	it('has the same primary keys, indexes and foreign keys', () => {
		expect(postgres.primaryKeys).toEqual(sqlite.primaryKeys);
		expect(Object.keys(sqlite.indexes).length).toBeGreaterThan(10);
		expect(postgres.indexes).toEqual(sqlite.indexes);
		expect(sqlite.foreignKeys.length).toBeGreaterThan(10);
		expect(postgres.foreignKeys).toEqual(sqlite.foreignKeys);
	});
});
