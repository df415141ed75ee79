import { createHmac, randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { instantAt, localDateOf } from '$lib/booking/time';
import { citizenKeyring, type KeyVersion } from '$lib/server/config';
import { db, tables, transaction } from '$lib/server/db';
import { recordJourney } from './journeys';
import type { Assistance, Channel, ContactEventType, ContactKind, CostDeliveryMode, StaffRole } from '$lib/server/db/schema';

/**
 * A keyed hash: the same citizen gets the same key, and the key cannot be turned back into a
 * CPR. A key made with version 2 or later of the secret says so (`v2:…`), so that a rotation
 * can tell the keys it has moved from those it has not.
 */
export function citizenKey(cpr: string, key: KeyVersion = citizenKeyring().current): string {
	const hash = createHmac('sha256', key.secret).update(cpr).digest('hex').slice(0, 32);
	return key.version === 1 ? hash : `v${key.version}:${hash}`;
}

/**
 * Who acts, through which channel: a citizen online (alone or guided by a helper), or staff
 * operating for a caller or a visitor. `staff.id` is the operator, kept on the rows they
 * change; a guide has no id here, since only the helper's role may be recorded.
 */
export interface Actor {
	channel: Channel;
	assistance: Assistance;
	staff?: { id: string | null; role: StaffRole; unit?: string | null } | null;
}

export const selfService: Actor = { channel: 'digital', assistance: 'none' };

export interface ContactEventInput {
	event: ContactEventType;
	channel: Channel;
	assistance: Assistance;
	kind: ContactKind;
	serviceSlug: string;
	staffRole?: StaffRole | null;
	staffUnit?: string | null;
	/** A digital submission's way to its case. */
	delivery?: CostDeliveryMode | null;
	citizenCpr?: string | null;
	couldBeDigital?: boolean | null;
	referredToDigital?: boolean | null;
	at?: Date;
}

/**
 * When an event happened, as finely as the reports need and no finer: its day in Copenhagen
 * (the reports count by month and week, and follow journeys over 7 and 90 days). A finer time
 * would match the event to the submission, appointment or access-log row it describes, and
 * through it the citizen key to a CPR number.
 */
export function eventDay(at: Date): Date {
	return instantAt(localDateOf(at), 0)!;
}

/**
 * A random row id: ids in order of insertion would rank a day's events as the rows they
 * describe are ranked by their exact times, which would match them as surely as the times.
 */
const randomEventId = () => randomInt(1, 2 ** 31 - 1);

/**
 * Records the event and counts it in its Copenhagen month, and keeps the journey facts it
 * touches, together (in the caller's transaction, or one of its own): the report's counts never
 * drift from the events.
 */
export function recordContactEvent(input: ContactEventInput): Promise<void> {
	return transaction(async () => {
		const at = input.at ?? new Date();
		const counts = tables.contactCounts;
		await db()
			.insert(counts)
			.values({
				month: localDateOf(at).slice(0, 7),
				serviceSlug: input.serviceSlug,
				channel: input.channel,
				assistance: input.assistance,
				kind: input.kind,
				event: input.event,
				staffRole: input.staffRole ?? '',
				staffUnit: input.staffUnit ?? '',
				couldBeDigital: input.couldBeDigital ?? false,
				referredToDigital: input.referredToDigital ?? false,
				delivery: input.delivery ?? '',
				count: 1
			})
			.onConflictDoUpdate({
				target: [
					counts.month,
					counts.serviceSlug,
					counts.channel,
					counts.assistance,
					counts.kind,
					counts.event,
					counts.staffRole,
					counts.staffUnit,
					counts.couldBeDigital,
					counts.referredToDigital,
					counts.delivery
				],
				set: { count: sql`${counts.count} + 1` }
			});
		const row = {
			occurredAt: eventDay(at),
			event: input.event,
			channel: input.channel,
			assistance: input.assistance,
			kind: input.kind,
			serviceSlug: input.serviceSlug,
			staffRole: input.staffRole ?? null,
			staffUnit: input.staffUnit ?? null,
			delivery: input.delivery ?? null,
			citizenKey: input.citizenCpr ? citizenKey(input.citizenCpr) : null,
			couldBeDigital: input.couldBeDigital ?? null,
			referredToDigital: input.referredToDigital ?? null
		};
		// A random id is taken once in a while (one in a thousand at two million events): draw again.
		let id: number;
		for (;;) {
			const added = await db()
				.insert(tables.contactEvents)
				.values({ id: randomEventId(), ...row })
				.onConflictDoNothing()
				.returning({ id: tables.contactEvents.id });
			if (added.length) {
				id = added[0].id;
				break;
			}
		}
		if (row.citizenKey)
			await recordJourney({ ...row, id, at: row.occurredAt.getTime(), month: localDateOf(at).slice(0, 7), citizenKey: row.citizenKey });
	});
}

/** A form started or submitted: a transaction in the channel and assistance of whoever acted. */
export function recordFormEvent(
	event: 'form_started' | 'form_submitted',
	serviceSlug: string,
	actor: Actor,
	citizenCpr: string,
	at: Date,
	delivery: CostDeliveryMode | null = null
): Promise<void> {
	return recordContactEvent({
		delivery,
		event,
		channel: actor.channel,
		assistance: actor.assistance,
		kind: 'transaction',
		serviceSlug,
		...staffOf(actor),
		citizenCpr,
		at
	});
}

/** The role and unit an event keeps of the staff member or helper who took part. */
export function staffOf(actor: Actor): { staffRole: StaffRole | null; staffUnit: string | null } {
	return { staffRole: actor.staff?.role ?? null, staffUnit: actor.staff?.unit ?? null };
}
