import { error } from '@sveltejs/kit';
import { requireSubject } from '$lib/server/auth/guards';
import { auditSubject } from '$lib/server/audit/log';
import { selfService } from '$lib/server/channels/events';
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
export async function appointmentForKey(event: KeyEvent, access: 'view' | 'update' = 'view'): Promise<{ appointment: Appointment; type: AppointmentType; actor: Actor }> {
	const { key } = event.params;
	let appointment: Appointment | undefined;
	let actor: Actor = selfService;
	if (isTokenShaped(key)) {
		appointment = await findByToken(key);
	} else if (REFERENCE.test(key)) {
		const subject = requireSubject(event);
		appointment = await findOwnAppointment(key, subject.citizen.id);
		if (appointment) await auditSubject(subject, access, 'appointment', appointment.id);
		actor = subject.actor;
	}
	const type = appointment && (await appointmentType(appointment.typeSlug));
	if (!appointment || !type) error(404, 'not_found');
	return { appointment, type, actor };
}
