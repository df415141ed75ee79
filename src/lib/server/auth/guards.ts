import { error, redirect } from '@sveltejs/kit';
import type { StaffRole } from '$lib/server/db/schema';
import { routes } from '$lib/routes';

type GuardEvent = { locals: App.Locals; url: URL };

/** Every load and action that touches a citizen's own data calls this itself. */
export function requireCitizen({ locals, url }: GuardEvent) {
	if (!locals.citizen) redirect(303, routes.login(url.pathname + url.search));
	return locals.citizen;
}

export function requireStaff({ locals, url }: GuardEvent, roles: readonly StaffRole[]) {
	if (!locals.staff) redirect(303, routes.staffLogin(url.pathname + url.search));
	if (!roles.includes(locals.staff.role)) error(403, 'forbidden');
	return locals.staff;
}

/** For pages that show or hide parts by capability. */
export function hasCapability(staff: { role: StaffRole }, capability: keyof typeof can): boolean {
	return (can[capability] as readonly StaffRole[]).includes(staff.role);
}

/** Who may do what; a route names the capability, not a list of roles. */
export const can = {
	handleCases: ['staff'],
	runCounter: ['staff'],
	registerContacts: ['staff'],
	readReports: ['manager'],
	configureTargets: ['admin'],
	configureBooking: ['admin'],
	readOutbox: ['staff', 'admin'],
	staffArea: ['staff', 'ambassador', 'manager', 'admin']
} as const satisfies Record<string, readonly StaffRole[]>;
