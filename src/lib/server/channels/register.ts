import { and, count, eq, gte } from 'drizzle-orm';
import { db, tables } from '$lib/server/db';
import type { Channel, ContactKind, StaffRole } from '$lib/server/db/schema';
import { recordContactEvent } from './events';

/** The channels staff register by hand: the portal sees digital contacts itself. */
export const registeredChannels = ['phone', 'counter', 'written'] as const satisfies readonly Channel[];
export type RegisteredChannel = (typeof registeredChannels)[number];

export interface Registration {
	serviceSlug: string;
	channel: RegisteredChannel;
	kind: ContactKind;
	couldBeDigital: boolean;
	referredToDigital: boolean;
	staffRole: StaffRole;
	staffUnit: string;
}

/** A contact the portal did not see: no citizen, no name, only what the report counts. */
export async function registerContact(r: Registration, at = new Date()): Promise<void> {
	await recordContactEvent({
		event: 'registered',
		channel: r.channel,
		assistance: 'none',
		kind: r.kind,
		serviceSlug: r.serviceSlug,
		staffRole: r.staffRole,
		staffUnit: r.staffUnit,
		couldBeDigital: r.couldBeDigital,
		referredToDigital: r.referredToDigital,
		at
	});
}

/** The services most registered in the last 30 days first, so the busiest get the shortcut keys. */
export async function busiestServices(slugs: string[], now = new Date()): Promise<string[]> {
	const since = new Date(now.getTime() - 30 * 86_400_000);
	const rows = await db()
		.select({ slug: tables.contactEvents.serviceSlug, n: count() })
		.from(tables.contactEvents)
		.where(and(eq(tables.contactEvents.event, 'registered'), gte(tables.contactEvents.occurredAt, since)))
		.groupBy(tables.contactEvents.serviceSlug);
	const counts = new Map(rows.map((r) => [r.slug, r.n]));
	return [...slugs].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
}
