import { error, redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { requireSubject } from '$lib/server/auth/guards';
import { auditSubject } from '$lib/server/audit/log';
import { availability, submissionForBooking, upcomingOfType } from '$lib/server/booking/appointments';
import { pickerData, readDay, readTime } from '$lib/server/booking/picker';
import { appointmentType } from '$lib/server/booking/setup';
import { formDataOf } from '$lib/server/http';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** What stands before the times: the type, the form it needs first, a time already booked. */
async function bookingContext(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const subject = requireSubject(event);
	const { citizen, actor } = subject;
	const type = await appointmentType(event.params.type);
	if (!type) error(404, 'not_found');
	const submission = type.requiredFormId ? await submissionForBooking(citizen.id, type.requiredFormId) : undefined;
	const formMissing = !!type.requiredFormId && !submission;
	const upcoming = await upcomingOfType(citizen.id, type.slug);
	if (upcoming) await auditSubject(subject, 'view', 'appointment', upcoming.id);
	return { actor, type, formMissing, upcoming };
}

export const load: PageServerLoad = async (event) => {
	const { actor, type, formMissing, upcoming } = await bookingContext(event);
	const lang = event.locals.lang;
	const base = {
		type: { slug: type.slug, title: type.texts[lang].title, minutes: type.durationMinutes },
		requiredService: formMissing ? type.serviceSlug : null,
		upcoming: upcoming ? { reference: upcoming.reference, start: upcoming.start } : null
	};
	if (formMissing || upcoming) return { ...base, picker: null };
	const extraTime = event.url.searchParams.get('ekstra') === '1';
	return { ...base, picker: pickerData(await availability({ type, extraTime, actor }), event.url, lang) };
};

export const actions: Actions = {
	day: async (event) => {
		const { actor, type, formMissing, upcoming } = await bookingContext(event);
		if (formMissing || upcoming) redirect(303, routes.bookType(type.slug));
		const data = await formDataOf(event.request);
		const extraTime = data.get('ekstra') === '1';
		const picked = readDay(data, await availability({ type, extraTime, actor }), event.url);
		if (picked.tooShort) redirect(303, routes.bookType(type.slug, { ekstra: true, fejl: 'kort' }));
		if (picked.error) return picked.error;
		redirect(303, routes.bookType(type.slug, { dag: picked.day, ekstra: picked.extraTime }));
	},
	time: async (event) => {
		const { type } = await bookingContext(event);
		const data = await formDataOf(event.request);
		const picked = readTime(data);
		if (picked.error) return picked.error;
		redirect(303, routes.bookConfirm(type.slug, picked.start.toISOString(), event.url.searchParams.get('ekstra') === '1'));
	}
};
