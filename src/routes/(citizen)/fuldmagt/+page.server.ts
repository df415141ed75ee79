import { error, fail, redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { formDataOf } from '$lib/server/http';
import { log, reason } from '$lib/server/log';
import { powersHeldBy, startActing, stopActing } from '$lib/server/proxy/acting';
import { serviceTitles } from '$lib/server/i18n';
import type { Actions, PageServerLoad } from './$types';

/** Digital Fuldmagt: the signed-in citizen chooses whom to act for, among the powers they hold today. */
export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.citizen || !locals.session) redirect(303, routes.login(routes.proxy));
	let powers;
	try {
		powers = await powersHeldBy(locals.citizen);
	} catch (e) {
		log.warn('power-of-attorney lookup failed', { reason: reason(e) });
		error(503, 'unavailable');
	}
	const titles = await serviceTitles(locals.lang, [...new Set(powers.flatMap((p) => p.services))]);
	return { powers: powers.map((p) => ({ ...p, services: p.services.map((s) => titles[s]?.title ?? s) })), acting: !!locals.actingFor };
};

export const actions: Actions = {
	act: async ({ request, locals }) => {
		if (!locals.citizen || !locals.session) redirect(303, routes.login(routes.proxy));
		const reference = String((await formDataOf(request)).get('reference') ?? '').slice(0, 100);
		if (!(await startActing(locals.session, locals.citizen, reference))) return fail(400, { errors: [{ fieldId: 'powers', code: 'unknown' }] });
		redirect(303, routes.myCases);
	},
	stop: async ({ locals }) => {
		if (locals.session) await stopActing(locals.session.id);
		redirect(303, routes.myCases);
	}
};
