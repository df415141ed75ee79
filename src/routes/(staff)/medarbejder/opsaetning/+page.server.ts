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

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.configureBooking);
	const lang = event.locals.lang;
	const served = await counterTypeSlugs();
	return {
		saved: event.url.searchParams.get('gemt'),
		settings: await bookingSettings(),
		types: (await appointmentTypes()).map((t) => ({ slug: t.slug, title: t.texts[lang].title, minutes: t.durationMinutes, formFirst: !!t.requiredFormId })),
		counters: await Promise.all(
			(await counters()).map(async (c) => ({
				id: c.id,
				name: c.names[lang],
				types: served.get(c.id) ?? [],
				hours: Object.fromEntries((await hoursOf(c.id)).map((h) => [h.weekday, { opens: formatMinutes(h.opens), closes: formatMinutes(h.closes) }]))
			}))
		),
		closures: await closures()
	};
};

async function run(event: RequestEvent, section: string, save: (data: FormData) => Promise<SetupError[]>) {
	requireStaff(event, can.configureBooking);
	const data = await formDataOf(event.request);
	const errors = await save(data);
	if (errors.length) return fail(400, { section, errors, values: Object.fromEntries([...data].filter((e): e is [string, string] => typeof e[1] === 'string')) });
	redirect(303, `${routes.bookingSetup}?gemt=${section}#${section}`);
}

export const actions: Actions = {
	settings: async (event) => run(event, 'settings', saveSettings),
	durations: async (event) => run(event, 'durations', saveDurations),
	hours: async (event) =>
		run(event, 'hours', async (data) => {
			const counterId = data.get('counterId');
			if (typeof counterId !== 'string' || !(await counters()).some((c) => c.id === counterId)) error(400, 'bad_request');
			return await saveHours(counterId, data);
		}),
	addClosure: async (event) => run(event, 'closures', addClosure),
	removeClosure: async (event) =>
		run(event, 'closures', async (data) => {
			const id = Number(data.get('id'));
			if (!Number.isInteger(id)) error(400, 'bad_request');
			await removeClosure(id);
			return [];
		})
};
