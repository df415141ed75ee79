import { error, fail, redirect } from '@sveltejs/kit';
import { readDetails } from '$lib/booking/details';
import { routes } from '$lib/routes';
import { requireCitizen } from '$lib/server/auth/guards';
import { book, submissionForBooking } from '$lib/server/booking/appointments';
import { bookingSummary, detailsValues, nearestOptions, readTime, startFromUrl } from '$lib/server/booking/picker';
import { appointmentType } from '$lib/server/booking/setup';
import { generateId } from '$lib/server/forms/reference';
import { formDataOf } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const citizen = requireCitizen(event);
	const type = appointmentType(event.params.type);
	if (!type) error(404, 'not_found');
	const start = startFromUrl(event.url);
	if (!start) redirect(303, routes.bookType(type.slug));
	const extraTime = event.url.searchParams.get('ekstra') === '1';
	return {
		summary: bookingSummary(type, start, extraTime, event.locals.lang),
		values: { navn: citizen.name ?? '', email: citizen.email ?? '' },
		// A fresh key per page view: a double click or a resent POST books once.
		idempotencyKey: generateId()
	};
};

export const actions: Actions = {
	default: async (event) => {
		const citizen = requireCitizen(event);
		const type = appointmentType(event.params.type);
		if (!type) error(404, 'not_found');
		const data = await formDataOf(event.request);
		const values = detailsValues(data);
		const picked = readTime(data);
		const key = data.get('key');
		if (typeof key !== 'string' || key.length < 10 || key.length > 64) error(400, 'bad_request');
		// No time chosen (the nearest-times list was empty or left blank): say so on the page.
		if (picked.error) return fail(400, { errors: [{ fieldId: 'tid-0', code: 'time_required' }], values, nearest: [] as { value: string; label: string }[] });
		const { details, errors } = readDetails(values, { contactRequired: true });
		if (errors.length) return fail(400, { errors, values, nearest: null });
		const extraTime = data.get('ekstra') === '1';
		const submission = type.requiredFormId ? submissionForBooking(citizen.id, type.requiredFormId) : undefined;
		if (type.requiredFormId && !submission) redirect(303, routes.bookType(type.slug));
		const result = book({
			idempotencyKey: key,
			type,
			start: picked.start,
			extraTime,
			citizen,
			...details,
			submissionId: submission?.id ?? null,
			lang: event.locals.lang,
			actor: { channel: 'digital', assistance: 'none' }
		});
		if (result.ok) redirect(303, `${routes.appointment(result.appointment.reference)}?ny=1`);
		if (result.reason === 'foreign_key') error(400, 'bad_request');
		if (result.reason === 'already_booked') redirect(303, routes.appointment(result.appointment.reference));
		return fail(409, { errors: [{ fieldId: 'tid-0', code: 'taken' }], values, nearest: nearestOptions(result.nearest, event.locals.lang) });
	}
};
