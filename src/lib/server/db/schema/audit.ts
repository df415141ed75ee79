import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { citizens, staffUsers, staffRoles } from './auth';

export const auditPurposes = ['casework', 'citizen_enquiry', 'quality_control'] as const;
export type AuditPurpose = (typeof auditPurposes)[number];

/** Every staff read or write of a citizen's data; the citizen may see it (role and unit, not name). */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		staffId: text('staff_id')
			.notNull()
			.references(() => staffUsers.id),
		staffRole: text('staff_role', { enum: staffRoles }).notNull(),
		staffUnit: text('staff_unit').notNull(),
		citizenId: text('citizen_id')
			.notNull()
			.references(() => citizens.id, { onDelete: 'cascade' }),
		action: text('action', { enum: ['view', 'update'] }).notNull(),
		objectType: text('object_type').notNull(),
		objectId: text('object_id').notNull(),
		purpose: text('purpose', { enum: auditPurposes }).notNull()
	},
	(t) => [index('audit_citizen_idx').on(t.citizenId, t.at)]
);
export type AuditEntry = typeof auditLog.$inferSelect;
