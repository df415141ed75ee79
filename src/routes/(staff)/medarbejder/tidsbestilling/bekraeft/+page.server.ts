import { redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { can, requireStaff } from '$lib/server/auth/guards';
import { book } from '$lib/server/booking/appointments';
import { bookingSummary, confirmBooking, startFromUrl } from '$lib/server/booking/picker';
import { appointmentType } from '$lib/server/booking/setup';
import { isStaffChannel, staffActor } from '$lib/server/booking/staff';
import { generateId } from '$lib/server/forms/reference';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const staff = requireStaff(event, can.runCounter);
	const type = await appointmentType(event.url.searchParams.get('type') ?? '');
	const channel = event.url.searchParams.get('kanal');
	if (!type || !isStaffChannel(channel)) redirect(303, routes.staffBooking());
	return { staff, type, channel, extraTime: event.url.searchParams.get('ekstra') === '1' };
}

export const load: PageServerLoad = async (event) => {
	const { type, channel, extraTime } = await context(event);
	const start = startFromUrl(event.url);
	if (!start) redirect(303, routes.staffBooking({ type: type.slug, kanal: channel }));
	return {
		summary: await bookingSummary(type, start, extraTime, event.locals.lang),
		channel,
		pickerHref: routes.staffBooking({ type: type.slug, kanal: channel, ekstra: extraTime }),
		idempotencyKey: generateId()
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { staff, type, channel, extraTime } = await context(event);
		// A caller may have neither e-mail nor mobile: staff tell the time on the phone or print it.
		return confirmBooking(event.request, event.locals.lang, {
			contactRequired: false,
			receiptHref: (a) => routes.staffAppointment(a.id),
			book: ({ idempotencyKey, start, details }) =>
				book({
					idempotencyKey,
					type,
					start,
					extraTime,
					citizen: null,
					...details,
					submissionId: null,
					lang: event.locals.lang,
					actor: staffActor(staff, channel)
				})
		});
	}
};
