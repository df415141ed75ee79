import type { StaffUser } from '$lib/server/db/schema';
import type { Actor } from './appointments';

/** Staff book for a caller (phone) or a visitor at the desk (counter), operating for them. */
export const staffChannels = ['phone', 'counter'] as const;
export type StaffChannel = (typeof staffChannels)[number];

export function isStaffChannel(v: unknown): v is StaffChannel {
	return (staffChannels as readonly unknown[]).includes(v);
}

export function staffActor(staff: StaffUser, channel: StaffChannel): Actor {
	return { channel, assistance: 'on_behalf', staff: { id: staff.id, role: staff.role, unit: staff.unit } };
}
