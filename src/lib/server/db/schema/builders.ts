import * as p from 'drizzle-orm/pg-core';
import * as s from 'drizzle-orm/sqlite-core';

/**
 * The column and table builders the schema is written with, once for each engine: the tables
 * are defined once (tables.ts) and built for SQLite and for PostgreSQL from the same text.
 * Each kind of column has the same JavaScript value on both: a time is a Date (stored as
 * milliseconds since 1970 on both, so that arithmetic on times reads the same in SQL), a flag
 * a boolean, a JSON column an object.
 */
export const sqliteBuilders = {
	table: s.sqliteTable,
	text: s.text,
	int: (name: string) => s.integer(name),
	real: (name: string) => s.real(name),
	bool: (name: string) => s.integer(name, { mode: 'boolean' }),
	time: (name: string) => s.integer(name, { mode: 'timestamp_ms' }),
	json: (name: string) => s.text(name, { mode: 'json' }),
	bytes: (name: string) => s.blob(name, { mode: 'buffer' }),
	/** An integer key the database counts up. */
	serial: (name: string) => s.integer(name).primaryKey({ autoIncrement: true }),
	index: s.index,
	uniqueIndex: s.uniqueIndex,
	primaryKey: s.primaryKey
};

export type Builders = typeof sqliteBuilders;

/** Milliseconds in a bigint, as SQLite keeps them; pg returns an int8 as a string. */
const timeMs = p.customType<{ data: Date; driverData: string | number }>({
	dataType: () => 'bigint',
	toDriver: (value) => value.getTime(),
	fromDriver: (value) => new Date(Number(value))
});

const bytea = p.customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

const pgBuildersReal = {
	table: p.pgTable,
	text: p.text,
	int: (name: string) => p.integer(name),
	real: (name: string) => p.doublePrecision(name),
	bool: (name: string) => p.boolean(name),
	time: (name: string) => timeMs(name),
	json: (name: string) => p.jsonb(name),
	bytes: (name: string) => bytea(name),
	serial: (name: string) => p.integer(name).primaryKey().generatedByDefaultAsIdentity(),
	index: p.index,
	uniqueIndex: p.uniqueIndex,
	primaryKey: p.primaryKey
};

/**
 * The same builders for PostgreSQL, seen through SQLite's types: the application is typed
 * once, and the query builder writes each engine's SQL from the objects it is given.
 */
export const pgBuilders = pgBuildersReal as unknown as Builders;
