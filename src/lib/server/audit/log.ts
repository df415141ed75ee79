import { collapseAccessLog } from '$lib/audit/collapse';
import { desc, eq, lt } from 'drizzle-orm';
import { auditRetentionDays } from '$lib/server/config';
import { db, tables } from '$lib/server/db';
import { auditPurposes, type AuditPurpose, type StaffUser } from '$lib/server/db/schema';
import type { Subject } from '$lib/server/auth/guards';

/** A purpose from a form or query string, or null when it is not one we know. */
export function purposeOf(value: unknown): AuditPurpose | null {
	return (auditPurposes as readonly unknown[]).includes(value) ? (value as AuditPurpose) : null;
}

export const auditObjects = ['submission', 'draft', 'upload', 'message', 'appointment', 'person', 'overview', 'exemption', 'case_message'] as const;
export type AuditObject = (typeof auditObjects)[number];

export interface AuditInput {
	staff: StaffUser;
	citizenId: string;
	action: 'view' | 'update';
	objectType: AuditObject;
	objectId: string;
	purpose: AuditPurpose;
}

/** In the caller's transaction, when there is one: the read and its line stand or fall together. */
export async function logAudit(input: AuditInput): Promise<void> {
	await db()
		.insert(tables.auditLog)
		.values({
			at: new Date(),
			staffId: input.staff.id,
			staffRole: input.staff.role,
			staffUnit: input.staff.unit,
			citizenId: input.citizenId,
			action: input.action,
			objectType: input.objectType,
			objectId: input.objectId,
			purpose: input.purpose
		});
}

/**
 * A read or change made while a staff member serves the citizen is logged with the visit's
 * purpose; the citizen's own reads and changes are not.
 */
export async function auditSubject(subject: Subject, action: AuditInput['action'], objectType: AuditObject, objectId: string): Promise<void> {
	if (subject.proxy) {
		// Acting under a power of attorney: the giver reads who acted, and under which power.
		const actorName = subject.proxy.holder.name ?? '';
		await db().insert(tables.proxyLog).values({ at: new Date(), giverCitizenId: subject.citizen.id, actorName, reference: subject.proxy.reference, action, objectType, objectId });
		return;
	}
	if (!subject.operator) return;
	await logAudit({ staff: subject.operator, citizenId: subject.citizen.id, action, objectType, objectId, purpose: 'citizen_enquiry' });
}

/** What the citizen may see of who looked at their data: role and unit, never the name. */
export async function accessLogFor(citizenId: string, limit = 50) {
	const rows = await db()
		.select({
			at: tables.auditLog.at,
			role: tables.auditLog.staffRole,
			unit: tables.auditLog.staffUnit,
			action: tables.auditLog.action,
			purpose: tables.auditLog.purpose,
			objectType: tables.auditLog.objectType
		})
		.from(tables.auditLog)
		.where(eq(tables.auditLog.citizenId, citizenId))
		.orderBy(desc(tables.auditLog.at))
		.limit(limit * 10);
	return collapseAccessLog(rows).slice(0, limit);
}

/** What was done for the citizen under powers of attorney they gave: who, under which power, what. */
export function proxyLogFor(citizenId: string, limit = 50) {
	const p = tables.proxyLog;
	return db()
		.select({ at: p.at, actorName: p.actorName, reference: p.reference, action: p.action, objectType: p.objectType })
		.from(p)
		.where(eq(p.giverCitizenId, citizenId))
		.orderBy(desc(p.at))
		.limit(limit);
}

/** The access log is kept for AUDIT_RETENTION_DAYS (the privacy notice says how long), then goes. */
export async function purgeOldAuditEntries(days = auditRetentionDays(), now = Date.now()): Promise<number> {
	return (await db().delete(tables.auditLog).where(lt(tables.auditLog.at, new Date(now - days * 86_400_000))).returning({ id: tables.auditLog.id })).length;
}
