import { databasePath } from '$lib/server/config';
import { migrateDatabase, openDatabase, type Db } from './client';

let instance: Db | undefined;

/** Opened on first use, so that `vite build` never creates a database file. */
export function db(): Db {
	if (!instance) {
		instance = openDatabase(databasePath());
		migrateDatabase(instance);
	}
	return instance;
}

export type { Db };
export * as tables from './schema';
