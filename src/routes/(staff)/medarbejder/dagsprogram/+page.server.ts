import { error, redirect } from '@sveltejs/kit';
import { isLocalDate, localDateOf } from '$lib/booking/time';
import { isId, isSlug } from '$lib/ids';
import { routes } from '$lib/routes';
import { can, requireStaff } from '$lib/server/auth/guards';
import { counterActions, dayProgramme, markAppointment, type CounterAction } from '$lib/server/booking/counter';
import { appointmentTypes, counters } from '$lib/server/booking/setup';
import { formDataOf } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.runCounter);
	const lang = event.locals.lang;
	const all = await counters();
	const counterId = all.find((c) => c.id === event.url.searchParams.get('skranke'))?.id ?? all[0]?.id;
	const wanted = event.url.searchParams.get('dag');
	const valid = !!wanted && isLocalDate(wanted) && wanted >= '2000-01-01' && wanted <= '2999-12-31';
	const day = valid ? wanted : localDateOf(new Date());
	const titles = new Map((await appointmentTypes()).map((t) => [t.slug, t.texts[lang].title]));
	return {
		counters: all.map((c) => ({ id: c.id, name: c.names[lang] })),
		counterId,
		day,
		dayInvalid: !!wanted && !valid,
		rows: counterId
			? (await dayProgramme(counterId, day)).map(({ appointment: a, submissionReference, consentState }) => ({
					id: a.id,
					start: a.start,
					end: a.end,
					name: a.name,
					type: titles.get(a.typeSlug) ?? a.typeSlug,
					interpreterLanguage: a.interpreterLanguage,
					stepFree: a.stepFree,
					extraTime: a.extraTime,
					submissionId: a.submissionId,
					submissionReference,
					consentState,
					status: a.status,
					channel: a.channel
				}))
			: []
	};
};

export const actions: Actions = {
	mark: async (event) => {
		const staff = requireStaff(event, can.runCounter);
		const data = await formDataOf(event.request);
		const id = data.get('id');
		const action = data.get('action');
		if (!isId(id) || !counterActions.includes(action as CounterAction)) error(400, 'bad_request');
		// A second click on an already moved row changes nothing and lands on the same view.
		await markAppointment(id, action as CounterAction, staff);
		const counter = event.url.searchParams.get('skranke');
		const day = event.url.searchParams.get('dag');
		redirect(303, routes.staffDay({ skranke: isSlug(counter) ? counter : undefined, dag: isLocalDate(day) ? day : undefined }) + `#r-${id}`);
	}
};
