import { and, eq, isNull } from 'drizzle-orm';
import { cprProblem, maskCpr, normaliseCpr } from '$lib/forms/cpr';
import { localDateOf } from '$lib/booking/time';
import { db, first, tables, transaction } from '$lib/server/db';
import type { Citizen, Session, StaffUser } from '$lib/server/db/schema';
import { logAudit } from '$lib/server/audit/log';
import { ensureCitizen } from '$lib/server/auth/citizens';
import { endedAssistance } from '$lib/server/auth/session';
import { isStaffChannel, type StaffChannel } from '$lib/server/booking/staff';
import { personRegister } from '$lib/server/register';
import { activeServices } from '$lib/server/services/catalog';

/** "General help" when the citizen came about no one service. */
export const GENERAL = 'generel';

export interface ServeRequest {
	channel: StaffChannel;
	serviceSlug: string | null;
	cpr: string;
}

export type FieldError = { fieldId: string; code: string };

/** The start form, read and checked: every field answers for itself, nothing is guessed. */
export async function readServeRequest(data: FormData): Promise<{ request: ServeRequest | null; errors: FieldError[]; values: Record<string, string> }> {
	const text = (k: string) => {
		const v = data.get(k);
		return typeof v === 'string' ? v.trim() : '';
	};
	const values = { kanal: text('kanal'), formaal: text('formaal'), cpr: text('cpr') };
	const errors: FieldError[] = [];
	if (!isStaffChannel(values.kanal)) errors.push({ fieldId: 'kanal-counter', code: 'channel_required' });
	const known = values.formaal === GENERAL || (await activeServices()).some((s) => s.slug === values.formaal);
	if (!known) errors.push({ fieldId: 'formaal', code: 'purpose_required' });
	const cpr = normaliseCpr(values.cpr);
	if (!cpr) errors.push({ fieldId: 'cpr', code: 'cpr_required' });
	else {
		const problem = cprProblem(values.cpr, localDateOf(new Date()));
		if (problem) errors.push({ fieldId: 'cpr', code: problem });
	}
	if (errors.length) return { request: null, errors, values };
	return {
		request: { channel: values.kanal as StaffChannel, serviceSlug: values.formaal === GENERAL ? null : values.formaal, cpr },
		errors,
		values
	};
}

/**
 * Looks the citizen up in the person register and starts serving them in this staff session.
 * The look-up is a read of personal data, so it is logged; the CPR number goes no further
 * than the citizens table.
 */
export async function startServing(
	session: Pick<Session, 'id' | 'assistedCitizenId'>,
	staff: StaffUser,
	request: ServeRequest,
	now = new Date()
): Promise<{ ok: true; citizen: Citizen } | { ok: false; code: 'busy' | 'cpr_not_found' }> {
	const person = personRegister().findByCpr(request.cpr);
	if (session.assistedCitizenId) {
		// A double click on "start" serves the same person once; someone else waits their turn.
		const same = person && (await first(db().select().from(tables.citizens).where(eq(tables.citizens.id, session.assistedCitizenId)).limit(1)));
		return same && same.cpr === person.cpr ? { ok: true, citizen: same } : { ok: false, code: 'busy' };
	}
	if (!person) return { ok: false, code: 'cpr_not_found' };
	const citizen = await ensureCitizen(person.cpr, person.name);
	// Two starts at once (two tabs, a double click) must not swap whom the session serves: the
	// session is taken only while it serves nobody, in one statement.
	const started = await transaction(async () => {
		const s = tables.sessions;
		const taken = await db()
			.update(s)
			.set({ assistedCitizenId: citizen.id, assistedChannel: request.channel, assistedService: request.serviceSlug, assistedActiveAt: now })
			.where(and(eq(s.id, session.id), isNull(s.assistedCitizenId)))
			.returning({ id: s.id });
		if (!taken.length) {
			const current = await first(db().select({ id: s.assistedCitizenId }).from(s).where(eq(s.id, session.id)).limit(1));
			return current?.id === citizen.id;
		}
		await logAudit({ staff, citizenId: citizen.id, action: 'view', objectType: 'person', objectId: person.id, purpose: 'citizen_enquiry' });
		return true;
	});
	return started ? { ok: true, citizen } : { ok: false, code: 'busy' };
}

export async function endServing(sessionId: string): Promise<void> {
	await db().update(tables.sessions).set(endedAssistance).where(eq(tables.sessions.id, sessionId));
}

/** What the banner shows of the citizen being served: the name and a masked CPR number. */
export function servedView(citizen: Citizen, session: Pick<Session, 'assistedChannel' | 'assistedService'>) {
	return {
		name: citizen.name ?? '',
		maskedCpr: maskCpr(citizen.cpr),
		channel: session.assistedChannel ?? 'counter',
		serviceSlug: session.assistedService
	};
}
