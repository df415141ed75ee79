import { localDateOf } from '$lib/booking/time';
import { fail, redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { can, requireStaff } from '$lib/server/auth/guards';
import { formDataOf } from '$lib/server/http';
import { targetsFor } from '$lib/server/reports/data';
import { addUnitCost, fillTargets, saveTargets, settingsHistory } from '$lib/server/reports/settings';
import type { Actions, PageServerLoad } from './$types';

const years = () => {
	const y = Number(localDateOf(new Date()).slice(0, 4));
	return [y, y + 1];
};

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.configureTargets);
	return { years: years(), targets: await targetsFor(years()), history: await settingsHistory(), saved: event.url.searchParams.get('gemt') };
};

export const actions: Actions = {
	targets: async (event) => {
		const staff = requireStaff(event, can.configureTargets);
		const data = await formDataOf(event.request);
		const errors = await saveTargets(data, years(), staff);
		if (errors.length) return fail(400, { section: 'targets', errors, values: Object.fromEntries([...data].map(([k, v]) => [k, String(v)])) });
		redirect(303, `${routes.targets}?gemt=targets#targets`);
	},
	fill: async (event) => {
		const staff = requireStaff(event, can.configureTargets);
		const data = await formDataOf(event.request);
		const errors = await fillTargets(data, staff);
		if (errors.length) return fail(400, { section: 'fill', errors, values: Object.fromEntries([...data].map(([k, v]) => [k, String(v)])) });
		redirect(303, `${routes.targets}?gemt=targets#targets`);
	},
	cost: async (event) => {
		const staff = requireStaff(event, can.configureTargets);
		const data = await formDataOf(event.request);
		const errors = await addUnitCost(data, staff);
		if (errors.length) return fail(400, { section: 'costs', errors, values: Object.fromEntries([...data].map(([k, v]) => [k, String(v)])) });
		redirect(303, `${routes.targets}?gemt=costs#costs`);
	}
};
