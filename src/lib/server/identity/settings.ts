import type { OidcConfig, StaffOidcConfig } from '$lib/server/config';
import { routes } from '$lib/routes';
import type { OidcSettings } from './oidc';

export const PENDING_COOKIE = 'indgang_oidc';

export function oidcSettings(config: OidcConfig, origin: string): OidcSettings {
	return { ...config, redirectUri: origin + routes.oidcCallback };
}

export const STAFF_PENDING_COOKIE = 'indgang_staff_oidc';

export function staffOidcSettings(config: StaffOidcConfig, origin: string): OidcSettings {
	return { issuer: config.issuer, clientId: config.clientId, clientSecret: config.clientSecret, scope: config.scope, redirectUri: origin + routes.staffSsoCallback };
}
