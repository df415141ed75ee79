import type { OidcConfig } from '$lib/server/config';
import { routes } from '$lib/routes';
import type { OidcSettings } from './oidc';

export const PENDING_COOKIE = 'indgang_oidc';

export function oidcSettings(config: OidcConfig, origin: string): OidcSettings {
	return { ...config, redirectUri: origin + routes.oidcCallback };
}
