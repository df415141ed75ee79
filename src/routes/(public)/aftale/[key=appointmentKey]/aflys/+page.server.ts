import { fail, redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { cancel, isChangeable } from '$lib/server/booking/appointments';
import { appointmentForKey } from '$lib/server/booking/access';
import { appointmentView } from '$lib/server/booking/picker';
import type { Actions, PageServerLoad } from './$types';

/** The link opens a question; only the POST cancels, so a mail scanner following links changes nothing. */
export const load: PageServerLoad = async (event) => {
	const { appointment, type } = await appointmentForKey(event);
	if (!isChangeable(appointment)) redirect(303, routes.appointment(event.params.key));
	return { key: event.params.key, appointment: await appointmentView(appointment, type, event.locals.lang, true) };
};

export const actions: Actions = {
	default: async (event) => {
		const { appointment, actor } = await appointmentForKey(event, 'update');
		const result = await cancel(appointment.id, actor);
		if (!result.ok && result.reason === 'too_many') return fail(429, { errors: [{ fieldId: 'cancel', code: 'too_many', params: { count: result.retryAfterMinutes } }] });
		redirect(303, result.ok ? `${routes.appointment(event.params.key)}?aflyst=1` : routes.appointment(event.params.key));
	}
};
