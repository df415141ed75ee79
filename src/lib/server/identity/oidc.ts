/**
 * Citizen sign-in through an OpenID Connect broker for MitID (authorization code flow with
 * PKCE). Server-only: the pending login holds the PKCE verifier, and the result holds a CPR.
 */
import * as client from 'openid-client';
import { normaliseCpr } from '$lib/forms/cpr';
import type { CitizenIdentity, LevelOfAssurance } from './types';
import { acrOf } from './assurance';

export interface OidcSettings {
	/** The broker's issuer; its discovery document is read from `/.well-known/openid-configuration`. */
	issuer: string;
	clientId: string;
	/** Without a secret the client is public and relies on PKCE alone. */
	clientSecret?: string;
	/** Must be registered at the broker exactly as written here. */
	redirectUri: string;
	/** Default {@link DEFAULT_OIDC_SCOPE}. */
	scope?: string;
	/**
	 * The claim that carries the CPR number. When set, only this claim is read. When unset,
	 * the names in {@link KNOWN_CPR_CLAIMS} are tried in order, which covers the common brokers.
	 */
	cprClaim?: string;
}

export interface PendingOidcLogin {
	state: string;
	nonce: string;
	codeVerifier: string;
}

export type OidcErrorCode = 'no_cpr' | 'state_mismatch' | 'cancelled' | 'provider_error';

/**
 * Why a sign-in failed, as a code the citizen's message is chosen by. The message never holds
 * claims or the provider's own text: either might contain a CPR number, and errors get logged.
 */
export class OidcLoginError extends Error {
	/** A short machine code (an OAuth error or an openid-client code), safe to log; never free text. */
	readonly detail: string | undefined;

	constructor(
		readonly code: OidcErrorCode,
		detail?: string
	) {
		super(`OIDC login failed: ${code}`);
		this.name = 'OidcLoginError';
		this.detail = detail && /^[A-Za-z0-9_.-]{1,64}$/.test(detail) ? detail : undefined;
	}
}

/** `ssn` is the scope under which Signaturgruppen (Nets eID Broker) and Idura release the CPR number. */
export const DEFAULT_OIDC_SCOPE = 'openid profile ssn';

/** Signaturgruppen's claim name; other brokers' names are in {@link KNOWN_CPR_CLAIMS}. */
export const DEFAULT_CPR_CLAIM = 'dk.cpr';

export const KNOWN_CPR_CLAIMS = [
	DEFAULT_CPR_CLAIM,
	// Idura (Criipto) Verify.
	'cprNumberIdentifier',
	// Signaturgruppen when the login went through NemLog-in.
	'nemlogin.cpr',
	// The OIOSAML/NemLog-in attribute name, which some brokers pass through unchanged.
	'https://data.gov.dk/model/core/eid/cprNumber',
	// Signicat: a national identity number, Danish only when nin_issuing_country says so.
	'nin'
] as const;

/** Claims that may state the NSIS level: OIDC's `acr`, NemLog-in's attribute, Signicat's `mitid_loa`. */
const LOA_CLAIMS = ['acr', 'https://data.gov.dk/concept/core/nsis/loa', 'mitid_loa', 'loa'] as const;

const configurations = new Map<string, Promise<client.Configuration>>();

function isLoopback(url: URL): boolean {
	return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/**
 * Discovery runs once per issuer and client, not per login. A failed discovery is forgotten,
 * so a broker that was down at the first login is tried again at the next one.
 */
function configuration(settings: OidcSettings): Promise<client.Configuration> {
	const key = JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret ?? null]);
	let config = configurations.get(key);
	if (!config) {
		const issuer = new URL(settings.issuer);
		// Plain http only for a provider on this machine (the test provider); a real broker is https.
		const insecure = issuer.protocol === 'http:' && isLoopback(issuer);
		config = client
			.discovery(
				issuer,
				settings.clientId,
				undefined,
				settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
				insecure ? { execute: [client.allowInsecureRequests] } : undefined
			)
			.catch((e: unknown) => {
				configurations.delete(key);
				throw e;
			});
		configurations.set(key, config);
	}
	return config;
}

/**
 * On a shared device (`fresh`) the broker must ask for MitID again, even if its own single
 * sign-on session from the previous person is still alive.
 */
/**
 * `level`: the NSIS level a service needs, asked for in `acr_values` (a login after "log in
 * again at a higher level"); the level the broker reports back is what counts.
 */
export async function beginOidcLogin(settings: OidcSettings, fresh = false, level?: LevelOfAssurance): Promise<{ url: URL; pending: PendingOidcLogin }> {
	const config = await configuration(settings);
	const pending: PendingOidcLogin = {
		state: client.randomState(),
		nonce: client.randomNonce(),
		codeVerifier: client.randomPKCECodeVerifier()
	};
	const url = client.buildAuthorizationUrl(config, {
		redirect_uri: settings.redirectUri,
		scope: settings.scope ?? DEFAULT_OIDC_SCOPE,
		code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
		code_challenge_method: 'S256',
		state: pending.state,
		nonce: pending.nonce,
		...(fresh || level ? { prompt: 'login' } : {}),
		...(level ? { acr_values: acrOf(level) } : {})
	});
	return { url, pending };
}

/**
 * The code flow's second half, for any of the portal's clients: checks the state, trades the
 * code for tokens (PKCE, nonce), and returns the ID token's claims, with userinfo's added when
 * the ID token lacks what is `wanted` (the ID token is signed: where both carry a claim, it
 * wins). A userinfo failure is the login's failure only when what is `required` is missing.
 */
export async function claimsFromCallback(
	settings: Pick<OidcSettings, 'issuer' | 'clientId' | 'clientSecret' | 'redirectUri'>,
	callbackUrl: URL,
	pending: PendingOidcLogin,
	need: { wanted: (claims: Record<string, unknown>) => boolean; required: (claims: Record<string, unknown>) => boolean }
): Promise<Record<string, unknown>> {
	// Checked before anything else, so that a forged callback (error responses included) never
	// reaches the broker and is reported as what it is. openid-client checks it again below.
	if (callbackUrl.searchParams.get('state') !== pending.state) {
		throw new OidcLoginError('state_mismatch');
	}

	let config: client.Configuration;
	try {
		config = await configuration(settings);
	} catch {
		throw new OidcLoginError('provider_error', 'discovery');
	}

	// openid-client sends the callback URL without its query as redirect_uri; behind a proxy the
	// URL this server sees may differ from the registered one, which the broker would refuse.
	const currentUrl = new URL(settings.redirectUri);
	currentUrl.search = callbackUrl.search;

	let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
	try {
		tokens = await client.authorizationCodeGrant(config, currentUrl, {
			pkceCodeVerifier: pending.codeVerifier,
			expectedState: pending.state,
			expectedNonce: pending.nonce,
			idTokenExpected: true
		});
	} catch (e) {
		throw asLoginError(e);
	}

	const idClaims = tokens.claims();
	if (!idClaims) throw new OidcLoginError('provider_error', 'no_id_token');
	const claims: Record<string, unknown> = { ...idClaims };
	const userinfoEndpoint = config.serverMetadata().userinfo_endpoint;
	if (!userinfoEndpoint || need.wanted(claims)) return claims;
	try {
		return { ...(await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...idClaims };
	} catch (e) {
		if (!need.required(claims)) throw asLoginError(e);
		return claims;
	}
}

export async function completeOidcLogin(settings: OidcSettings, callbackUrl: URL, pending: PendingOidcLogin): Promise<CitizenIdentity> {
	// Brokers differ on whether the CPR number and name are in the ID token or only at userinfo.
	// A name is nice to have; without the CPR number there is no sign-in.
	const hasCpr = (c: Record<string, unknown>) => readCpr(c, settings.cprClaim) !== null;
	const claims = await claimsFromCallback(settings, callbackUrl, pending, { wanted: (c) => hasCpr(c) && readName(c) !== null, required: hasCpr });
	const cpr = readCpr(claims, settings.cprClaim);
	if (cpr === null) throw new OidcLoginError('no_cpr');
	return { cpr, name: readName(claims), loa: levelOfAssurance(claims), provider: 'oidc' };
}

/** A CPR claim as 10 digits, or null. A dash after the birth date is accepted. */
export function cprFromClaim(value: unknown): string | null {
	return typeof value === 'string' && /^\d{6}-?\d{4}$/.test(value.trim()) ? normaliseCpr(value.trim()) : null;
}

function readCpr(claims: Record<string, unknown>, configured: string | undefined): string | null {
	for (const name of configured ? [configured] : KNOWN_CPR_CLAIMS) {
		if (name === 'nin' && claims.nin_issuing_country !== undefined && claims.nin_issuing_country !== 'DK') continue;
		const cpr = cprFromClaim(claims[name]);
		if (cpr !== null) return cpr;
	}
	return null;
}

function readName(claims: Record<string, unknown>): string | null {
	const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
	// Brokers send an empty name for citizens with name and address protection.
	return text(claims.name) || [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ') || null;
}

const LEVELS: LevelOfAssurance[] = ['low', 'substantial', 'high'];

/** Reads one NSIS level out of a value such as 'https://data.gov.dk/concept/core/nsis/loa/Substantial'. */
export function loaFromAcr(value: unknown): LevelOfAssurance | null {
	if (typeof value !== 'string') return null;
	// Whole words only, so that e.g. 'workflow' is not read as 'low'.
	const match = /(?:^|[^a-z])(low|substantial|high)(?:[^a-z]|$)/i.exec(value);
	return match ? (match[1].toLowerCase() as LevelOfAssurance) : null;
}

/**
 * The level from whichever of the LoA claims are present. Should they disagree, the lowest
 * counts: overstating assurance would open services the citizen did not sign in strongly
 * enough for. A broker that states no level is taken as MitID's usual 'substantial'.
 */
export function levelOfAssurance(claims: Record<string, unknown>): LevelOfAssurance {
	const found = LOA_CLAIMS.map((name) => loaFromAcr(claims[name])).filter((l) => l !== null);
	if (found.length === 0) return 'substantial';
	return LEVELS[Math.min(...found.map((l) => LEVELS.indexOf(l)))];
}

function asLoginError(e: unknown): OidcLoginError {
	if (e instanceof OidcLoginError) return e;
	if (e instanceof client.AuthorizationResponseError) {
		// MitID reports a citizen who cancels as access_denied.
		return new OidcLoginError(e.error === 'access_denied' ? 'cancelled' : 'provider_error', e.error);
	}
	if (e instanceof client.ResponseBodyError) return new OidcLoginError('provider_error', e.error);
	// openid-client's own errors carry a code such as OAUTH_JWT_CLAIM_COMPARISON_FAILED.
	const code = e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
	return new OidcLoginError('provider_error', code ?? (e instanceof Error ? e.name : undefined));
}
