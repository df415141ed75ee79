import { defineConfig } from 'drizzle-kit';

// SQLite's migrations; drizzle.pg.config.ts makes PostgreSQL's from the same tables.
export default defineConfig({
	schema: './src/lib/server/db/schema/index.ts',
	out: './drizzle/sqlite',
	dialect: 'sqlite'
});
