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
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		/** A shared device at Borgerservice: a short idle limit, and nothing left behind. */
		kiosk: integer('kiosk', { mode: 'boolean' }).notNull().default(false),
		/**
		 * Medbetjening: the citizen a staff member serves in this session. Kept on the session
		 * so that one staff session serves one citizen at a time.
		 */
		assistedCitizenId: text('assisted_citizen_id').references(() => citizens.id, { onDelete: 'set null' }),
		assistedChannel: text('assisted_channel', { enum: ['phone', 'counter'] }),
		/** The service the citizen came about, or null for general help. */
		assistedService: text('assisted_service'),
		assistedActiveAt: integer('assisted_active_at', { mode: 'timestamp_ms' }),
		/** Hjælp til selvhjælp: the citizen entered a helper's code; only the helper's role is kept. */
		guideRole: text('guide_role', { enum: staffRoles }),
		guideUntil: integer('guide_until', { mode: 'timestamp_ms' })
	},
	(t) => [index('sessions_expires_idx').on(t.expiresAt)]
);
export type Session = typeof sessions.$inferSelect;

/** A short one-time code a helper shows a citizen, so the citizen's own session records guided help. */
export const helpCodes = sqliteTable(
	'help_codes',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		code: text('code').notNull(),
		staffId: text('staff_id')
			.notNull()
			.references(() => staffUsers.id, { onDelete: 'cascade' }),
		staffRole: text('staff_role', { enum: staffRoles }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('help_codes_code_idx').on(t.code, t.expiresAt)]
);
export type HelpCode = typeof helpCodes.$inferSelect;
