import { error, fail, redirect } from '@sveltejs/kit';
import { readDetails } from '$lib/booking/details';
import { routes } from '$lib/routes';
import { can, requireStaff } from '$lib/server/auth/guards';
import { book } from '$lib/server/booking/appointments';
import { bookingSummary, detailsValues, nearestOptions, readTime, startFromUrl } from '$lib/server/booking/picker';
import { appointmentType } from '$lib/server/booking/setup';
import { isStaffChannel, staffActor } from '$lib/server/booking/staff';
import { generateId } from '$lib/server/forms/reference';
import { formDataOf } from '$lib/server/http';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function context(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const staff = requireStaff(event, can.runCounter);
	const type = appointmentType(event.url.searchParams.get('type') ?? '');
	const channel = event.url.searchParams.get('kanal');
	if (!type || !isStaffChannel(channel)) redirect(303, routes.staffBooking());
	return { staff, type, channel, extraTime: event.url.searchParams.get('ekstra') === '1' };
}

export const load: PageServerLoad = (event) => {
	const { type, channel, extraTime } = context(event);
	const start = startFromUrl(event.url);
	if (!start) redirect(303, routes.staffBooking({ type: type.slug, kanal: channel }));
	return {
		summary: bookingSummary(type, start, extraTime, event.locals.lang),
		channel,
		pickerHref: routes.staffBooking({ type: type.slug, kanal: channel, ekstra: extraTime }),
		idempotencyKey: generateId()
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { staff, type, channel, extraTime } = context(event);
		const data = await formDataOf(event.request);
		const values = detailsValues(data);
		const picked = readTime(data);
		const key = data.get('key');
		if (typeof key !== 'string' || key.length < 10 || key.length > 64) error(400, 'bad_request');
		// No time chosen (the nearest-times list was empty or left blank): say so on the page.
		if (picked.error) return fail(400, { errors: [{ fieldId: 'tid-0', code: 'time_required' }], values, nearest: [] as { value: string; label: string }[] });
		// A caller may have neither e-mail nor mobile: staff tell the time on the phone or print it.
		const { details, errors } = readDetails(values, { contactRequired: false });
		if (errors.length) return fail(400, { errors, values, nearest: null });
		const result = book({
			idempotencyKey: key,
			type,
			start: picked.start,
			extraTime,
			citizen: null,
			...details,
			submissionId: null,
			lang: event.locals.lang,
			actor: staffActor(staff, channel)
		});
		if (result.ok) redirect(303, `${routes.staffAppointment(result.appointment.id)}?ny=1`);
		if (result.reason === 'foreign_key') error(400, 'bad_request');
		if (result.reason === 'already_booked') redirect(303, routes.staffAppointment(result.appointment.id));
		return fail(409, { errors: [{ fieldId: 'tid-0', code: 'taken' }], values, nearest: nearestOptions(result.nearest, event.locals.lang) });
	}
};
