import { redirect } from '@sveltejs/kit';
import { routes, safeRedirect } from '$lib/routes';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';
import { findService } from '$lib/server/services/catalog';
import { serviceTitles } from '$lib/server/i18n';
import type { Actions, PageServerLoad } from './$types';

/** A login below the service's MitID level: why it is refused, and a way to log in again at it. */
export const load: PageServerLoad = async ({ url, locals }) => {
	const slug = url.searchParams.get('tjeneste') ?? '';
	const service = await findService(slug);
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), routes.myCases);
	if (!service) redirect(303, redirectTo);
	return {
		service: { title: (await serviceTitles(locals.lang, [slug]))[slug]?.title ?? slug, minLoa: service.minLoa },
		loa: locals.session?.loa ?? null,
		redirectTo
	};
};

export const actions: Actions = {
	/** Ends this login, so that MitID asks again, at the level the service needs. */
	default: async ({ url, locals, cookies }) => {
		const service = await findService(url.searchParams.get('tjeneste') ?? '');
		const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), routes.myCases);
		if (locals.session) await invalidateSession(locals.session.id);
		deleteSessionCookie(cookies);
		redirect(303, routes.login(redirectTo, service?.minLoa));
	}
};
