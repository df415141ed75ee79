import { error, redirect } from '@sveltejs/kit';
import { staffOidcConfig } from '$lib/server/config';
import { signInStaffBySso } from '$lib/server/auth/sso';
import { claimsFromCallback, OidcLoginError } from '$lib/server/identity/oidc';
import { STAFF_PENDING_COOKIE, staffOidcSettings, takePending } from '$lib/server/identity/settings';
import { log } from '$lib/server/log';
import { routes, safeRedirect } from '$lib/routes';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url, cookies }) => {
	const config = staffOidcConfig();
	if (!config) error(404, 'not_found');
	const pending = takePending(cookies, STAFF_PENDING_COOKIE, routes.staffSsoCallback);
	if (!pending) redirect(303, routes.staffLoginError('sso_expired'));
	let claims: Record<string, unknown>;
	try {
		const hasRole = (c: Record<string, unknown>) => c[config.roleClaim] !== undefined && c[config.unitClaim] !== undefined;
		claims = await claimsFromCallback(staffOidcSettings(config, url.origin), url, pending, { wanted: hasRole, required: hasRole });
	} catch (e) {
		const code = e instanceof OidcLoginError ? e.code : 'provider_error';
		log.warn('staff OIDC login failed', { code });
		redirect(303, routes.staffLoginError(code === 'cancelled' ? 'sso_cancelled' : 'sso_failed'));
	}
	const result = await signInStaffBySso(cookies, claims, config);
	if (!result.ok) redirect(303, routes.staffLoginError(`sso_${result.reason}`));
	redirect(303, safeRedirect(pending.redirectTo, routes.staffHome));
};
