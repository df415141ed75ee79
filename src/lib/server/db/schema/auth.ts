import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

export const citizens = sqliteTable('citizens', {
	id: text('id').primaryKey(),
	/** Kept only to look the citizen up in the person register; never leaves the server. */
	cpr: text('cpr').notNull().unique(),
	name: text('name'),
	email: text('email'),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	lastLoginAt: integer('last_login_at', { mode: 'timestamp_ms' })
});
export type Citizen = typeof citizens.$inferSelect;

export const staffRoles = ['staff', 'ambassador', 'manager', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const staffUsers = sqliteTable('staff_users', {
	id: text('id').primaryKey(),
	username: text('username').notNull().unique(),
	passwordHash: text('password_hash').notNull(),
	displayName: text('display_name').notNull(),
	role: text('role', { enum: staffRoles }).notNull(),
	unit: text('unit').notNull(),
	active: integer('active', { mode: 'boolean' }).notNull().default(true),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});
export type StaffUser = typeof staffUsers.$inferSelect;

export const sessions = sqliteTable(
	'sessions',
	{
		/** sha256(token), hex: a stolen database cannot be replayed as cookies. */
		id: text('id').primaryKey(),
		kind: text('kind', { enum: ['citizen', 'staff'] }).notNull(),
		citizenId: text('citizen_id').references(() => citizens.id, { onDelete: 'cascade' }),
		staffId: text('staff_id').references(() => staffUsers.id, { onDelete: 'cascade' }),
		loa: text('loa', { enum: ['low', 'substantial', 'high'] }).notNull(),
		provider: text('provider').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('sessions_expires_idx').on(t.expiresAt)]
);
export type Session = typeof sessions.$inferSelect;
