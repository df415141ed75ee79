import { error, redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { requireProxyService, requireSubject } from '$lib/server/auth/guards';
import { auditSubject } from '$lib/server/audit/log';
import { book, submissionForBooking } from '$lib/server/booking/appointments';
import { bookingSummary, confirmBooking, startFromUrl } from '$lib/server/booking/picker';
import { appointmentType } from '$lib/server/booking/setup';
import { generateId } from '$lib/server/forms/reference';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const subject = requireSubject(event);
	const { citizen } = subject;
	const type = await appointmentType(event.params.type);
	if (!type) error(404, 'not_found');
	await requireProxyService(subject, type.serviceSlug);
	const start = startFromUrl(event.url);
	if (!start) redirect(303, routes.bookType(type.slug));
	const extraTime = event.url.searchParams.get('ekstra') === '1';
	return {
		summary: await bookingSummary(type, start, extraTime, event.locals.lang),
		values: { navn: citizen.name ?? '', email: citizen.email ?? '' },
		// A fresh key per page view: a double click or a resent POST books once.
		idempotencyKey: generateId()
	};
};

export const actions: Actions = {
	default: async (event) => {
		const subject = requireSubject(event);
		const { citizen } = subject;
		const type = await appointmentType(event.params.type);
		if (!type) error(404, 'not_found');
		await requireProxyService(subject, type.serviceSlug);
		return confirmBooking(event.request, event.locals.lang, {
			contactRequired: true,
			receiptHref: (a) => routes.appointment(a.reference),
			book: async ({ idempotencyKey, start, details }) => {
				const submission = type.requiredFormId ? await submissionForBooking(citizen.id, type.requiredFormId) : undefined;
				if (type.requiredFormId && !submission) redirect(303, routes.bookType(type.slug));
				const result = await book({
					idempotencyKey,
					type,
					start,
					extraTime: event.url.searchParams.get('ekstra') === '1',
					citizen,
					...details,
					submissionId: submission?.id ?? null,
					lang: event.locals.lang,
					actor: subject.actor
				});
				if (result.ok) await auditSubject(subject, 'update', 'appointment', result.appointment.id);
				return result;
			}
		});
	}
};
