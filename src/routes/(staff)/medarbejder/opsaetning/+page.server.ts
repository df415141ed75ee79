import { error, fail, redirect } from '@sveltejs/kit';
import { formatMinutes } from '$lib/booking/time';
import { routes } from '$lib/routes';
import { can, requireStaff } from '$lib/server/auth/guards';
import {
	addClosure,
	allCounters,
	appointmentTypes,
	bookingSettings,
	closures,
	counters,
	counterTypeSlugs,
	hoursOf,
	removeClosure,
	saveCounter,
	saveDurations,
	saveHours,
	saveSettings,
	saveType,
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
		types: (await appointmentTypes()).map((t) => ({ slug: t.slug, title: t.texts[lang].title, texts: t.texts, minutes: t.durationMinutes, formFirst: !!t.requiredFormId })),
		counters: await Promise.all(
			(await allCounters()).map(async (c) => ({
				id: c.id,
				name: c.names[lang],
				names: c.names,
				location: c.location,
				active: c.active,
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
	hours: async (event) =>
		run(event, 'hours', async (data) => {
			const counterId = data.get('counterId');
			if (typeof counterId !== 'string' || !(await counters()).some((c) => c.id === counterId)) error(400, 'bad_request');
			return await saveHours(counterId, data);
		}),
	durations: async (event) => run(event, 'durations', saveDurations),
	counter: async (event) =>
		run(event, 'counters', async (data) => {
			const staff = requireStaff(event, can.configureBooking);
			const counterId = data.get('counterId');
			if (typeof counterId !== 'string' || !(await allCounters()).some((c) => c.id === counterId)) error(400, 'bad_request');
			return await saveCounter(counterId, data, staff.id);
		}),
	addCounter: async (event) => run(event, 'newCounter', async (data) => saveCounter(null, data, requireStaff(event, can.configureBooking).id)),
	type: async (event) =>
		run(event, 'types', async (data) => {
			const slug = data.get('typeSlug');
			if (typeof slug !== 'string' || !(await appointmentTypes()).some((t) => t.slug === slug)) error(400, 'bad_request');
			return await saveType(slug, data, requireStaff(event, can.configureBooking).id);
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
