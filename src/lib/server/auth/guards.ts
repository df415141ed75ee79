import { error, redirect } from '@sveltejs/kit';
import type { Citizen, StaffRole, StaffUser } from '$lib/server/db/schema';
import { selfService, type Actor } from '$lib/server/channels/events';
import { routes } from '$lib/routes';
import { logChange } from '$lib/server/audit/changes';
import { meetsLevel } from '$lib/server/identity/assurance';
import type { LevelOfAssurance } from '$lib/server/identity/types';

type GuardEvent = { locals: App.Locals; url: URL };

/**
 * Whose business a request is, and who acts: the citizen, alone or guided by a helper, or a
 * staff member serving them (medbetjening). Staff never sign in as the citizen; they act for
 * the citizen they have looked up, and the operator is recorded beside the citizen.
 */
export interface Subject {
	citizen: Citizen;
	actor: Actor;
	/** The staff member operating the portal for the citizen: their every read and change is logged. */
	operator: StaffUser | null;
	/** The level the citizen signed in at; null when staff operate (their own sign-in counts). */
	loa: LevelOfAssurance | null;
	/** Digital Fuldmagt: the signed-in citizen acting for `citizen`, the power's reference and services. */
	proxy: { holder: Citizen; reference: string; services: string[] } | null;
}

export function subjectOf(locals: App.Locals): Subject | null {
	const { session, citizen, staff, assisted, actingFor } = locals;
	if (session && citizen && actingFor && session.actingReference) {
		// The giver is whose business it is; the holder is who acts, as the operator is for medbetjening.
		const proxy = { holder: citizen, reference: session.actingReference, services: session.actingServices ?? [] };
		return { citizen: actingFor, actor: { channel: 'digital', assistance: 'proxy' }, operator: null, loa: session.loa, proxy };
	}
	if (session && citizen) {
		const guided: Actor | null = session.guideRole
			? { channel: 'digital', assistance: 'guided', staff: { id: null, role: session.guideRole, unit: session.guideUnit } }
			: null;
		return { citizen, actor: guided ?? selfService, operator: null, loa: session.loa, proxy: null };
	}
	if (session?.assistedChannel && staff && assisted && hasCapability(staff, 'serveCitizens')) {
		const actor: Actor = { channel: session.assistedChannel, assistance: 'on_behalf', staff: { id: staff.id, role: staff.role, unit: staff.unit } };
		return { citizen: assisted, actor, operator: staff, loa: null, proxy: null };
	}
	return null;
}

/**
 * Every load and action that touches a citizen's data calls this itself. Staff who serve
 * citizens but have no one in front of them are sent to look the citizen up first.
 */
export function requireSubject({ locals, url }: GuardEvent): Subject {
	const subject = subjectOf(locals);
	if (subject) return subject;
	if (locals.staff) {
		// The error page tells each role what to do instead (serve the citizen, give a help code).
		if (!hasCapability(locals.staff, 'serveCitizens')) error(403, 'staff_not_citizen');
		redirect(303, routes.serveCitizen);
	}
	redirect(303, routes.login(url.pathname + url.search));
}

/**
 * NemLog-in's terms: a service blocks logins below its level. A citizen signed in lower is sent
 * to a page that says why and lets them log in again at the level, then back to the service's
 * start (which resumes their draft); the refusal is logged. Staff serving a citizen act on
 * their own sign-in, which the level does not concern.
 */
export async function requireAssurance(subject: Subject, service: { slug: string; minLoa: LevelOfAssurance }) {
	if (!subject.loa || meetsLevel(subject.loa, service.minLoa)) return;
	await logChange(null, 'service', service.slug, 'assurance_refused', { loa: subject.loa, required: service.minLoa });
	redirect(303, routes.assuranceTooLow(service.slug, routes.startForm(service.slug)));
}

/**
 * Acting for another reaches only the services the power of attorney covers; anything else is
 * refused (and logged), so a power for a health card never opens a passport application.
 */
export async function requireProxyService(subject: Subject, serviceSlug: string) {
	if (!subject.proxy || subject.proxy.services.includes(serviceSlug)) return;
	await logChange(null, 'service', serviceSlug, 'proxy_refused', { reference: subject.proxy.reference });
	error(403, 'proxy_service');
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

/** An administrator edits every service's form; an editor those assigned to them. */
export function mayEditService(staff: Pick<StaffUser, 'role' | 'editableServices'>, serviceSlug: string): boolean {
	return staff.role === 'admin' || (staff.role === 'editor' && (staff.editableServices ?? []).includes(serviceSlug));
}

/** Who may do what; a route names the capability, not a list of roles. */
export const can = {
	handleCases: ['staff'],
	serveCitizens: ['staff'],
	guideCitizens: ['staff', 'ambassador'],
	setUpKiosk: ['staff', 'admin'],
	runCounter: ['staff'],
	registerContacts: ['staff'],
	readReports: ['manager'],
	configureTargets: ['admin'],
	configureBooking: ['admin'],
	readOutbox: ['staff', 'admin'],
	/** An editor only the forms of the services assigned to them (mayEditService). */
	editForms: ['admin', 'editor'],
	editCatalogue: ['admin'],
	manageAccounts: ['admin'],
	staffArea: ['staff', 'ambassador', 'manager', 'admin', 'editor']
} as const satisfies Record<string, readonly StaffRole[]>;
