import * as client from 'openid-client';
import type { CitizenIdentity, LevelOfAssurance } from './types';

export interface OidcSettings {
	issuer: string;
	clientId: string;
	clientSecret?: string;
	redirectUri: string;
	/** Default 'openid profile ssn': MitID brokers commonly release the CPR number under 'ssn'. */
	scope?: string;
	/** Default 'dk.cpr'; NemLog-in's own name is also read. */
	cprClaim?: string;
}

export interface PendingOidcLogin {
	state: string;
	nonce: string;
	codeVerifier: string;
}

export type OidcErrorCode = 'no_cpr' | 'state_mismatch' | 'provider_error';

/** Carries a code for the citizen's message; never the claims, which may hold a CPR number. */
export class OidcLoginError extends Error {
	constructor(readonly code: OidcErrorCode) {
		super(`OIDC login failed: ${code}`);
		this.name = 'OidcLoginError';
	}
}

const DEFAULT_CPR_CLAIM = 'dk.cpr';
const NEMLOGIN_CPR_CLAIM = 'https://data.gov.dk/model/core/eid/cprNumber';
/** NemLog-in's attribute for the NSIS level; brokers that follow OIDC put it in `acr` instead. */
const NSIS_LOA_CLAIM = 'https://data.gov.dk/concept/core/nsis/loa';

const discoveries = new Map<string, Promise<client.Configuration>>();

function isLocal(url: URL) {
	return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** Discovery is fetched once per issuer; a failure is forgotten so the next login retries. */
function configuration(settings: OidcSettings): Promise<client.Configuration> {
	const key = `${settings.issuer}|${settings.clientId}`;
	let config = discoveries.get(key);
	if (!config) {
		const issuer = new URL(settings.issuer);
		// Plain http only for a provider on this machine (tests); a real broker is https.
		const insecure = issuer.protocol === 'http:' && isLocal(issuer);
		config = client
			.discovery(
				issuer,
				settings.clientId,
				undefined,
				settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
				insecure ? { execute: [client.allowInsecureRequests] } : undefined
			)
			.catch((e) => {
				discoveries.delete(key);
				throw e;
			});
		discoveries.set(key, config);
	}
	return config;
}

export async function beginOidcLogin(settings: OidcSettings): Promise<{ url: URL; pending: PendingOidcLogin }> {
	const config = await configuration(settings);
	const pending = {
		state: client.randomState(),
		nonce: client.randomNonce(),
		codeVerifier: client.randomPKCECodeVerifier()
	};
	const url = client.buildAuthorizationUrl(config, {
		redirect_uri: settings.redirectUri,
		scope: settings.scope ?? 'openid profile ssn',
		code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
		code_challenge_method: 'S256',
		state: pending.state,
		nonce: pending.nonce
	});
	return { url, pending };
}

export function loaFromAcr(acr: unknown): LevelOfAssurance {
	const value = typeof acr === 'string' ? acr.toLowerCase() : '';
	if (value.includes('high')) return 'high';
	if (value.includes('low')) return 'low';
	return 'substantial';
}

export async function completeOidcLogin(
	settings: OidcSettings,
	callbackUrl: URL,
	pending: PendingOidcLogin
): Promise<CitizenIdentity> {
	const config = await configuration(settings);
	let claims: Record<string, unknown>;
	try {
		const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
			pkceCodeVerifier: pending.codeVerifier,
			expectedState: pending.state,
			expectedNonce: pending.nonce
		});
		const idClaims: Record<string, unknown> = tokens.claims() ?? {};
		// Brokers differ on whether the CPR claim is in the ID token or only in userinfo.
		const userinfo = await client.fetchUserInfo(config, tokens.access_token, String(idClaims.sub));
		claims = { ...userinfo, ...idClaims };
	} catch (e) {
		// openid-client wraps the reason in `cause`.
		const reason = e instanceof Error ? `${e.message} ${e.cause instanceof Error ? e.cause.message : ''}` : '';
		if (!(e instanceof client.AuthorizationResponseError) && /"state"/.test(reason)) {
			throw new OidcLoginError('state_mismatch');
		}
		throw new OidcLoginError('provider_error');
	}
	const raw = claims[settings.cprClaim ?? DEFAULT_CPR_CLAIM] ?? claims[NEMLOGIN_CPR_CLAIM];
	const cpr = typeof raw === 'string' ? raw.replace(/-/g, '') : '';
	if (!/^\d{10}$/.test(cpr)) throw new OidcLoginError('no_cpr');
	const name =
		typeof claims.name === 'string'
			? claims.name
			: [claims.given_name, claims.family_name].filter((p) => typeof p === 'string').join(' ') || null;
	return { cpr, name, loa: loaFromAcr(claims[NSIS_LOA_CLAIM] ?? claims.acr), provider: 'oidc' };
}
