import { error, fail, redirect } from '@sveltejs/kit';
import { formatMinutes } from '$lib/booking/time';
import { routes } from '$lib/routes';
import { can, requireStaff } from '$lib/server/auth/guards';
import {
	addClosure,
	appointmentTypes,
	bookingSettings,
	closures,
	counters,
	counterTypeSlugs,
	hoursOf,
	removeClosure,
	saveDurations,
	saveHours,
	saveSettings,
	type SetupError
} from '$lib/server/booking/setup';
import { formDataOf } from '$lib/server/http';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event, can.configureBooking);
	const lang = event.locals.lang;
	const served = counterTypeSlugs();
	return {
		saved: event.url.searchParams.get('gemt'),
		settings: bookingSettings(),
		types: appointmentTypes().map((t) => ({ slug: t.slug, title: t.texts[lang].title, minutes: t.durationMinutes, formFirst: !!t.requiredFormId })),
		counters: counters().map((c) => ({
			id: c.id,
			name: c.names[lang],
			types: served.get(c.id) ?? [],
			hours: Object.fromEntries(hoursOf(c.id).map((h) => [h.weekday, { opens: formatMinutes(h.opens), closes: formatMinutes(h.closes) }]))
		})),
		closures: closures()
	};
};

async function run(event: RequestEvent, section: string, save: (data: FormData) => SetupError[]) {
	requireStaff(event, can.configureBooking);
	const data = await formDataOf(event.request);
	const errors = save(data);
	if (errors.length) return fail(400, { section, errors, values: Object.fromEntries([...data].filter((e): e is [string, string] => typeof e[1] === 'string')) });
	redirect(303, `${routes.bookingSetup}?gemt=${section}#${section}`);
}

export const actions: Actions = {
	settings: (event) => run(event, 'settings', saveSettings),
	durations: (event) => run(event, 'durations', saveDurations),
	hours: (event) =>
		run(event, 'hours', (data) => {
			const counterId = data.get('counterId');
			if (typeof counterId !== 'string' || !counters().some((c) => c.id === counterId)) error(400, 'bad_request');
			return saveHours(counterId, data);
		}),
	addClosure: (event) => run(event, 'closures', addClosure),
	removeClosure: (event) =>
		run(event, 'closures', (data) => {
			const id = Number(data.get('id'));
			if (!Number.isInteger(id)) error(400, 'bad_request');
			removeClosure(id);
			return [];
		})
};
