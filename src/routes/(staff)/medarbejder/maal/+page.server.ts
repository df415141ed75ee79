import { localDateOf } from '$lib/booking/time';
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { can, requireStaff } from '$lib/server/auth/guards';
import { formDataOf } from '$lib/server/http';
import { targetsFor } from '$lib/server/reports/data';
import { addUnitCost, fillTargets, saveTargets, settingsHistory, type SettingError } from '$lib/server/reports/settings';
import type { StaffUser } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

const years = () => {
	const y = Number(localDateOf(new Date()).slice(0, 4));
	return [y, y + 1];
};

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.configureTargets);
	return { years: years(), targets: await targetsFor(years()), history: await settingsHistory(), saved: event.url.searchParams.get('gemt') };
};

/**
 * One way for each of the page's forms: the setting saved and back to its section, or its
 * errors named and everything typed kept.
 */
function settingAction(section: 'targets' | 'fill' | 'costs', save: (data: FormData, staff: StaffUser) => Promise<SettingError[]>) {
	return async (event: RequestEvent) => {
		const staff = requireStaff(event, can.configureTargets);
		const data = await formDataOf(event.request);
		const errors = await save(data, staff);
		if (errors.length) return fail(400, { section, errors, values: Object.fromEntries([...data].map(([k, v]) => [k, String(v)])) });
		const saved = section === 'costs' ? 'costs' : 'targets';
		redirect(303, `${routes.targets}?gemt=${saved}#${saved}`);
	};
}

export const actions = {
	targets: settingAction('targets', (data, staff) => saveTargets(data, years(), staff)),
	fill: settingAction('fill', fillTargets),
	cost: settingAction('costs', addUnitCost)
} satisfies Actions;
