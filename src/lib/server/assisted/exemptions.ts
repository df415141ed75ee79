import { and, eq, isNull } from 'drizzle-orm';
import { db, tables } from '$lib/server/db';
import { exemptionReasons, type ExemptionReason } from '$lib/server/db/schema';
import type { Subject } from '$lib/server/auth/guards';
import { auditSubject } from '$lib/server/audit/log';
import { citizenKey } from '$lib/server/channels/events';
import { activeServices } from '$lib/server/services/catalog';
import type { FieldError } from './serve';

/** "All services" in the form: an exemption that is not tied to one service. */
export const ALL_SERVICES = 'alle';

/** Only services where self-service is mandatory have anything to be exempt from. */
export function exemptableServices(): string[] {
	return activeServices()
		.filter((s) => s.selfServiceMandatory)
		.map((s) => s.slug);
}

export function activeExemptions(cpr: string) {
	return db()
		.select({ id: tables.exemptions.id, serviceSlug: tables.exemptions.serviceSlug, reason: tables.exemptions.reason, createdAt: tables.exemptions.createdAt })
		.from(tables.exemptions)
		.where(and(eq(tables.exemptions.citizenKey, citizenKey(cpr)), isNull(tables.exemptions.endedAt)))
		.all();
}

export function readExemption(data: FormData): { value: { serviceSlug: string | null; reason: ExemptionReason } | null; errors: FieldError[] } {
	const service = data.get('fritagelse-tjeneste');
	const reason = data.get('fritagelse-grund');
	const errors: FieldError[] = [];
	if (service !== ALL_SERVICES && !exemptableServices().includes(String(service))) errors.push({ fieldId: 'fritagelse-tjeneste', code: 'exemption_service' });
	if (!(exemptionReasons as readonly unknown[]).includes(reason)) errors.push({ fieldId: 'fritagelse-grund-disability', code: 'exemption_reason' });
	if (errors.length) return { value: null, errors };
	return { value: { serviceSlug: service === ALL_SERVICES ? null : String(service), reason: reason as ExemptionReason }, errors };
}

/**
 * Records that the citizen is exempt from mandatory digital self-service, by the
 * pseudonymous key only. The same exemption twice is kept once, with the newer reason.
 */
export function recordExemption(subject: Subject, value: { serviceSlug: string | null; reason: ExemptionReason }, now = new Date()): void {
	const key = citizenKey(subject.citizen.cpr);
	db().transaction(
		(tx) => {
			const e = tables.exemptions;
			const same = and(eq(e.citizenKey, key), isNull(e.endedAt), value.serviceSlug ? eq(e.serviceSlug, value.serviceSlug) : isNull(e.serviceSlug));
			const existing = tx.select({ id: e.id }).from(e).where(same).get();
			let id: number;
			if (existing) {
				tx.update(e).set({ reason: value.reason }).where(eq(e.id, existing.id)).run();
				id = existing.id;
			} else {
				id = tx
					.insert(e)
					.values({ citizenKey: key, serviceSlug: value.serviceSlug, reason: value.reason, createdAt: now, createdByStaffId: subject.operator?.id ?? null })
					.returning({ id: e.id })
					.get().id;
			}
			auditSubject(subject, 'update', 'exemption', String(id), tx);
		},
		{ behavior: 'immediate' }
	);
}

/** Ends one of the citizen's own exemptions; another citizen's id changes nothing. */
export function endExemption(subject: Subject, id: number, now = new Date()): boolean {
	const e = tables.exemptions;
	return db().transaction((tx) => {
		const changed = tx
			.update(e)
			.set({ endedAt: now })
			.where(and(eq(e.id, id), eq(e.citizenKey, citizenKey(subject.citizen.cpr)), isNull(e.endedAt)))
			.run().changes;
		if (changed) auditSubject(subject, 'update', 'exemption', String(id), tx);
		return changed > 0;
	});
}
