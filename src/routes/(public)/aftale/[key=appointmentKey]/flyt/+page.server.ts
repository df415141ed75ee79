import { fail, redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { availability, isChangeable, move } from '$lib/server/booking/appointments';
import { appointmentForKey } from '$lib/server/booking/access';
import { appointmentView, nearestOptions, pickerData, readDay, readTime } from '$lib/server/booking/picker';
import { formDataOf } from '$lib/server/http';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(event: RequestEvent | Parameters<PageServerLoad>[0], access: 'view' | 'update' = 'view') {
	const found = await appointmentForKey(event, access);
	if (!isChangeable(found.appointment)) redirect(303, routes.appointment(event.params.key));
	const { appointment, type, actor } = found;
	// Its own time does not count as taken: moving a few minutes is allowed.
	const days = () => availability({ type, extraTime: appointment.extraTime, actor, ignoreAppointmentId: appointment.id });
	return { ...found, days };
}

export const load: PageServerLoad = async (event) => {
	const { appointment, type, days } = await context(event);
	return {
		key: event.params.key,
		appointment: await appointmentView(appointment, type, event.locals.lang, true),
		picker: pickerData(await days(), event.url, event.locals.lang)
	};
};

export const actions: Actions = {
	day: async (event) => {
		const { days } = await context(event);
		const picked = readDay(await formDataOf(event.request), await days(), event.url);
		if (picked.error || picked.tooShort) return picked.error;
		redirect(303, routes.appointmentMove(event.params.key, picked.day));
	},
	time: async (event) => {
		const { appointment, actor } = await context(event, 'update');
		const picked = readTime(await formDataOf(event.request));
		if (picked.error) return picked.error;
		const result = await move(appointment.id, picked.start, actor);
		if (result.ok) redirect(303, `${routes.appointment(event.params.key)}?flyttet=1`);
		if (result.reason === 'not_changeable') redirect(303, routes.appointment(event.params.key));
		if (result.reason === 'too_many') return fail(429, { errors: [{ fieldId: 'tid-0', code: 'too_many', params: { count: result.retryAfterMinutes } }] });
		return fail(409, { errors: [{ fieldId: 'tid-0', code: 'taken' }], nearest: nearestOptions(result.nearest, event.locals.lang) });
	}
};
