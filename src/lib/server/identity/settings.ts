import type { Cookies } from '@sveltejs/kit';
import type { OidcConfig, StaffOidcConfig } from '$lib/server/config';
import { routes } from '$lib/routes';
import type { OidcSettings, PendingOidcLogin } from './oidc';

export const PENDING_COOKIE = 'indgang_oidc';

export function oidcSettings(config: OidcConfig, origin: string): OidcSettings {
	return { ...config, redirectUri: origin + routes.oidcCallback };
}

export const STAFF_PENDING_COOKIE = 'indgang_staff_oidc';

export function staffOidcSettings(config: StaffOidcConfig, origin: string): OidcSettings {
	return { issuer: config.issuer, clientId: config.clientId, clientSecret: config.clientSecret, scope: config.scope, redirectUri: origin + routes.staffSsoCallback };
}

export type PendingWithReturn = PendingOidcLogin & { redirectTo: string };

const pendingCookie = (path: string) => ({ path, httpOnly: true, secure: true, sameSite: 'lax' as const });

/** Ten minutes to finish at the provider; the cookie goes back only to the callback. */
export function keepPending(cookies: Cookies, name: string, callbackPath: string, pending: PendingWithReturn): void {
	cookies.set(name, JSON.stringify(pending), { ...pendingCookie(callbackPath), maxAge: 600 });
}

/** The login this browser began, once: the cookie is gone after the callback, whatever happens. */
export function takePending(cookies: Cookies, name: string, callbackPath: string): PendingWithReturn | null {
	const raw = cookies.get(name);
	cookies.delete(name, pendingCookie(callbackPath));
	try {
		return JSON.parse(raw ?? '') as PendingWithReturn;
	} catch {
		return null;
	}
}
