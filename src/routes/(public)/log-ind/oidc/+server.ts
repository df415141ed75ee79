import { error, redirect } from '@sveltejs/kit';
import { oidcConfig } from '$lib/server/config';
import { beginOidcLogin } from '$lib/server/identity/oidc';
import { isLevel } from '$lib/server/identity/assurance';
import { keepPending, oidcSettings, PENDING_COOKIE } from '$lib/server/identity/settings';
import { routes, safeRedirect } from '$lib/routes';
import type { RequestHandler } from './$types';
import { log, reason } from '$lib/server/log';

export const GET: RequestHandler = async ({ url, cookies, locals }) => {
	const config = oidcConfig();
	if (!config) error(404, 'not_found');
	let start;
	try {
		const level = url.searchParams.get('niveau');
		start = await beginOidcLogin(oidcSettings(config, url.origin), locals.kiosk, isLevel(level) ? level : undefined);
	} catch (e) {
		log.error('OIDC discovery failed', { reason: reason(e) });
		error(503, 'idp_unavailable');
	}
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), routes.myCases);
	keepPending(cookies, PENDING_COOKIE, routes.oidcCallback, { ...start.pending, redirectTo });
	redirect(303, start.url.href);
};
