import { error } from '@sveltejs/kit';
import { requireCitizen } from '$lib/server/auth/guards';
import type { Appointment, AppointmentType } from '$lib/server/db/schema';
import { findByToken, findOwnAppointment, type Actor } from './appointments';
import { appointmentType } from './setup';
import { isTokenShaped } from './tokens';

const REFERENCE = /^[A-Z0-9]{4}-[A-Z0-9]{4}$/;

type KeyEvent = { params: { key: string }; locals: App.Locals; url: URL };

/**
 * An appointment is reached by its private link (no sign-in), or by its reference when its
 * own citizen is signed in. Anything else is a 404, so a guess learns nothing.
 */
export function appointmentForKey(event: KeyEvent): { appointment: Appointment; type: AppointmentType; actor: Actor } {
	const { key } = event.params;
	let appointment: Appointment | undefined;
	if (isTokenShaped(key)) {
		appointment = findByToken(key);
	} else if (REFERENCE.test(key)) {
		appointment = findOwnAppointment(key, requireCitizen(event).id);
	}
	const type = appointment && appointmentType(appointment.typeSlug);
	if (!appointment || !type) error(404, 'not_found');
	return { appointment, type, actor: { channel: 'digital', assistance: 'none' } };
}
