import { error, redirect } from '@sveltejs/kit';
import { oidcConfig } from '$lib/server/config';
import { completeOidcLogin, OidcLoginError } from '$lib/server/identity/oidc';
import { oidcSettings, PENDING_COOKIE, takePending } from '$lib/server/identity/settings';
import { signInCitizen } from '$lib/server/auth/login';
import { routes, safeRedirect } from '$lib/routes';
import type { RequestHandler } from './$types';
import { log } from '$lib/server/log';

export const GET: RequestHandler = async ({ url, cookies }) => {
	const config = oidcConfig();
	if (!config) error(404, 'not_found');
	const pending = takePending(cookies, PENDING_COOKIE, routes.oidcCallback);
	if (!pending) redirect(303, routes.loginError('expired'));
	try {
		const identity = await completeOidcLogin(oidcSettings(config, url.origin), url, pending);
		await signInCitizen(cookies, identity);
	} catch (e) {
		// Never log the error's details: a provider's message might hold a personal number.
		const code = e instanceof OidcLoginError ? e.code : 'provider_error';
		log.warn('OIDC login failed', { code });
		redirect(303, routes.loginError(code));
	}
	redirect(303, safeRedirect(pending.redirectTo, routes.myCases));
};
