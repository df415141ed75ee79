import { redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { can, requireStaff } from '$lib/server/auth/guards';
import { availability } from '$lib/server/booking/appointments';
import { pickerData, readDay, readTime } from '$lib/server/booking/picker';
import { appointmentType, appointmentTypes } from '$lib/server/booking/setup';
import { isStaffChannel, staffActor, staffChannels } from '$lib/server/booking/staff';
import { formDataOf } from '$lib/server/http';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The same engine and rules as citizens, without the notice and held-back times. */
async function context(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const staff = requireStaff(event, can.runCounter);
	const type = await appointmentType(event.url.searchParams.get('type') ?? '');
	const channel = event.url.searchParams.get('kanal');
	if (!type || !isStaffChannel(channel)) return { staff, chosen: null };
	const extraTime = event.url.searchParams.get('ekstra') === '1';
	const actor = staffActor(staff, channel);
	return { staff, chosen: { type, channel, actor, days: (extra = extraTime) => availability({ type, extraTime: extra, actor }) } };
}

export const load: PageServerLoad = async (event) => {
	const { chosen } = await context(event);
	const lang = event.locals.lang;
	return {
		types: (await appointmentTypes()).map((t) => ({ slug: t.slug, title: t.texts[lang].title })),
		channels: staffChannels,
		chosen: chosen && { type: chosen.type.slug, title: chosen.type.texts[lang].title, channel: chosen.channel },
		picker: chosen && pickerData(await chosen.days(), event.url, lang),
		missing: event.url.searchParams.has('type') && !chosen
	};
};

export const actions: Actions = {
	day: async (event) => {
		const { chosen } = await context(event);
		if (!chosen) redirect(303, routes.staffBooking());
		const data = await formDataOf(event.request);
		const picked = readDay(data, await chosen.days(data.get('ekstra') === '1'), event.url);
		if (picked.tooShort) redirect(303, routes.staffBooking({ type: chosen.type.slug, kanal: chosen.channel, ekstra: true, fejl: 'kort' }));
		if (picked.error) return picked.error;
		redirect(303, routes.staffBooking({ type: chosen.type.slug, kanal: chosen.channel, dag: picked.day, ekstra: picked.extraTime }));
	},
	time: async (event) => {
		const { chosen } = await context(event);
		if (!chosen) redirect(303, routes.staffBooking());
		const picked = readTime(await formDataOf(event.request));
		if (picked.error) return picked.error;
		redirect(303, routes.staffBookingConfirm(chosen.type.slug, chosen.channel, picked.start.toISOString(), event.url.searchParams.get('ekstra') === '1'));
	}
};
