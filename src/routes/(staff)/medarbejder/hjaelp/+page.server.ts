import { error, redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { can, requireStaff } from '$lib/server/auth/guards';
import { currentHelpCode, helpTopics, issueHelpCode, recordHelp } from '$lib/server/assisted/help';
import { qrSvgPath } from '$lib/server/assisted/qr';
import { formDataOf } from '$lib/server/http';
import { activeServices } from '$lib/server/services/catalog';
import type { Actions, PageServerLoad } from './$types';

const topics = async () => [...helpTopics, ...(await activeServices()).map((s) => s.slug)];

/** A helper's page: no citizen data at all, only a code to show and help to count. */
export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event, can.guideCitizens);
	const current = await currentHelpCode(staff.id);
	const recorded = event.url.searchParams.get('registreret');
	return {
		current: current
			? { code: current.code, expiresAt: current.expiresAt, qr: qrSvgPath(`${event.url.origin}${routes.helpCode(current.code)}`) }
			: null,
		topics: await topics(),
		recorded: recorded && (await topics()).includes(recorded) ? recorded : null
	};
};

export const actions: Actions = {
	code: async (event) => {
		const staff = requireStaff(event, can.guideCitizens);
		await issueHelpCode(staff);
		redirect(303, routes.helpCitizen);
	},
	help: async (event) => {
		const staff = requireStaff(event, can.guideCitizens);
		const topic = (await formDataOf(event.request)).get('emne');
		if (typeof topic !== 'string' || !(await topics()).includes(topic)) error(400, 'bad_request');
		await recordHelp(staff, topic);
		redirect(303, `${routes.helpCitizen}?registreret=${topic}`);
	}
};
