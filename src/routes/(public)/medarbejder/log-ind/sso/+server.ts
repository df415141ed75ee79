import { error, redirect } from '@sveltejs/kit';
import { staffOidcConfig } from '$lib/server/config';
import { beginOidcLogin } from '$lib/server/identity/oidc';
import { keepPending, STAFF_PENDING_COOKIE, staffOidcSettings } from '$lib/server/identity/settings';
import { log, reason } from '$lib/server/log';
import { routes, safeRedirect } from '$lib/routes';
import type { RequestHandler } from './$types';

/** "Log ind med kommunens log-in": off to the municipality's identity provider. */
export const GET: RequestHandler = async ({ url, cookies }) => {
	const config = staffOidcConfig();
	if (!config) error(404, 'not_found');
	let start;
	try {
		start = await beginOidcLogin(staffOidcSettings(config, url.origin));
	} catch (e) {
		log.error('staff OIDC discovery failed', { reason: reason(e) });
		redirect(303, routes.staffLoginError('sso_unavailable'));
	}
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), routes.staffHome);
	keepPending(cookies, STAFF_PENDING_COOKIE, routes.staffSsoCallback, { ...start.pending, redirectTo });
	redirect(303, start.url.href);
};
