import { and, eq, isNull } from 'drizzle-orm';
import { db, first, forUpdate, tables, transaction } from '$lib/server/db';
import { exemptionReasons, type ExemptionReason } from '$lib/server/db/schema';
import type { Subject } from '$lib/server/auth/guards';
import { auditSubject } from '$lib/server/audit/log';
import { citizenKey } from '$lib/server/channels/events';
import { activeServices } from '$lib/server/services/catalog';
import type { FieldError } from './serve';

/** "All services" in the form: an exemption that is not tied to one service. */
export const ALL_SERVICES = 'alle';

/** Only services where self-service is mandatory have anything to be exempt from. */
export async function exemptableServices(): Promise<string[]> {
	return (await activeServices()).filter((s) => s.selfServiceMandatory).map((s) => s.slug);
}

export function activeExemptions(cpr: string) {
	const e = tables.exemptions;
	return db()
		.select({ id: e.id, serviceSlug: e.serviceSlug, reason: e.reason, createdAt: e.createdAt })
		.from(e)
		.where(and(eq(e.citizenKey, citizenKey(cpr)), isNull(e.endedAt)));
}

export async function readExemption(data: FormData): Promise<{ value: { serviceSlug: string | null; reason: ExemptionReason } | null; errors: FieldError[] }> {
	const service = data.get('fritagelse-tjeneste');
	const reason = data.get('fritagelse-grund');
	const errors: FieldError[] = [];
	if (service !== ALL_SERVICES && !(await exemptableServices()).includes(String(service))) errors.push({ fieldId: 'fritagelse-tjeneste', code: 'exemption_service' });
	if (!(exemptionReasons as readonly unknown[]).includes(reason)) errors.push({ fieldId: 'fritagelse-grund-disability', code: 'exemption_reason' });
	if (errors.length) return { value: null, errors };
	return { value: { serviceSlug: service === ALL_SERVICES ? null : String(service), reason: reason as ExemptionReason }, errors };
}

/**
 * Records that the citizen is exempt from mandatory digital self-service, by the
 * pseudonymous key only. The same exemption twice is kept once, with the newer reason.
 */
export function recordExemption(subject: Subject, value: { serviceSlug: string | null; reason: ExemptionReason }, now = new Date()): Promise<void> {
	const key = citizenKey(subject.citizen.cpr);
	const e = tables.exemptions;
	return transaction(async () => {
		// The citizen's row locked: two saves at once keep one exemption.
		await first(forUpdate(db().select({ id: tables.citizens.id }).from(tables.citizens).where(eq(tables.citizens.id, subject.citizen.id)).limit(1)));
		const same = and(eq(e.citizenKey, key), isNull(e.endedAt), value.serviceSlug ? eq(e.serviceSlug, value.serviceSlug) : isNull(e.serviceSlug));
		const existing = await first(db().select({ id: e.id }).from(e).where(same).limit(1));
		let id: number;
		if (existing) {
			await db().update(e).set({ reason: value.reason }).where(eq(e.id, existing.id));
			id = existing.id;
		} else {
			const [row] = await db()
				.insert(e)
				.values({ citizenKey: key, serviceSlug: value.serviceSlug, reason: value.reason, createdAt: now, createdByStaffId: subject.operator?.id ?? null })
				.returning({ id: e.id });
			id = row.id;
		}
		await auditSubject(subject, 'update', 'exemption', String(id));
	});
}

/** Ends one of the citizen's own exemptions; another citizen's id changes nothing. */
export function endExemption(subject: Subject, id: number, now = new Date()): Promise<boolean> {
	const e = tables.exemptions;
	return transaction(async () => {
		const changed = await db()
			.update(e)
			.set({ endedAt: now })
			.where(and(eq(e.id, id), eq(e.citizenKey, citizenKey(subject.citizen.cpr)), isNull(e.endedAt)))
			.returning({ id: e.id });
		if (changed.length) await auditSubject(subject, 'update', 'exemption', String(id));
		return changed.length > 0;
	});
}
