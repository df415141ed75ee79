import { createHash } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestProvider } from '../../../../tests/support/oidc-provider.mjs';
import {
	beginOidcLogin,
	completeOidcLogin,
	levelOfAssurance,
	loaFromAcr,
	cprFromClaim,
	OidcLoginError,
	type OidcSettings
} from './oidc';

// Never fetched: the test stops at the redirect to it, as the browser would arrive there.
const redirectUri = 'http://localhost:1/log-ind/oidc/callback';

type TestProvider = Awaited<ReturnType<typeof startTestProvider>>;
let provider: TestProvider;
let settings: OidcSettings;

beforeAll(async () => {
	provider = await startTestProvider({ redirectUris: [redirectUri] });
	settings = { issuer: provider.issuer, clientId: 'indgang', clientSecret: 'test-secret', redirectUri };
});
afterAll(() => provider?.close());

/**
 * Plays the browser at the provider: follows redirects by hand, carries cookies, and submits
 * the login form (or its cancel button). Returns the URL the provider sends the citizen back to.
 */
async function signInAtProvider(authUrl: URL, as: { login: string } | { cancel: true }, returnTo = redirectUri) {
	const jar = new Map<string, string>();
	let url = authUrl.href;
	let init: RequestInit = {};
	for (let hop = 0; hop < 15; hop++) {
		if (url.startsWith(returnTo)) return new URL(url);
		const headers = new Headers(init.headers);
		headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
		const res = await fetch(url, { ...init, headers, redirect: 'manual' });
		for (const cookie of res.headers.getSetCookie()) {
			const [pair] = cookie.split(';');
			const eq = pair.indexOf('=');
			jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
		}
		init = {};
		const location = res.headers.get('location');
		if (location) {
			url = new URL(location, url).href;
			continue;
		}
		const page = await res.text();
		const action = /<form[^>]*\saction="([^"]+)"/.exec(page)?.[1];
		if (!action || !res.ok) throw new Error(`stuck at ${url} (${res.status}): ${page.slice(0, 200)}`);
		url = new URL(action.replace(/&amp;/g, '&'), url).href;
		const form: Record<string, string> = 'cancel' in as ? { cancel: '1' } : { login: as.login, password: 'hvad-som-helst' };
		init = {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(form).toString()
		};
	}
	throw new Error('too many redirects');
}

async function signIn(login: string, overrides: Partial<OidcSettings> = {}) {
	const s = { ...settings, ...overrides };
	const { url, pending } = await beginOidcLogin(s);
	const callback = await signInAtProvider(url, { login }, s.redirectUri);
	return completeOidcLogin(s, callback, pending);
}

async function loginError(promise: Promise<unknown>): Promise<OidcLoginError> {
	const error = await promise.then(
		() => {
			throw new Error('expected the login to fail');
		},
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(OidcLoginError);
	return error as OidcLoginError;
}

describe('beginOidcLogin', () => {
	it('asks for the code flow with a PKCE S256 challenge, state, nonce and the CPR scope', async () => {
		const { url, pending } = await beginOidcLogin(settings);
		expect(url.origin).toBe(provider.issuer);
		const params = url.searchParams;
		expect(params.get('response_type')).toBe('code');
		expect(params.get('client_id')).toBe('indgang');
		expect(params.get('redirect_uri')).toBe(redirectUri);
		expect(params.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', 'profile', 'ssn']));
		expect(params.get('code_challenge_method')).toBe('S256');
		expect(params.get('code_challenge')).toBe(createHash('sha256').update(pending.codeVerifier).digest('base64url'));
		expect(params.get('state')).toBe(pending.state);
		expect(params.get('nonce')).toBe(pending.nonce);
		expect(url.href).not.toContain(pending.codeVerifier);
	});

	it('makes the broker ask for MitID again on a shared device, and only there', async () => {
		expect((await beginOidcLogin(settings)).url.searchParams.get('prompt')).toBeNull();
		expect((await beginOidcLogin(settings, true)).url.searchParams.get('prompt')).toBe('login');
	});

	it('gives every login its own state, nonce and verifier', async () => {
		const a = (await beginOidcLogin(settings)).pending;
		const b = (await beginOidcLogin(settings)).pending;
		expect(new Set([a.state, a.nonce, a.codeVerifier, b.state, b.nonce, b.codeVerifier]).size).toBe(6);
	});

	it('refuses a plain-http issuer that is not on this machine', async () => {
		const error = await beginOidcLogin({ ...settings, issuer: 'http://broker.test' }).catch((e) => e);
		expect(error).toMatchObject({ code: 'OAUTH_HTTP_REQUEST_FORBIDDEN' });
	});

	it('retries discovery after a failure instead of caching it', async () => {
		const probe = await startTestProvider({ redirectUris: [redirectUri] });
		await probe.close();
		const issuer = probe.issuer;
		await expect(beginOidcLogin({ ...settings, issuer })).rejects.toThrow();
		const revived = await startTestProvider({ port: Number(new URL(issuer).port), redirectUris: [redirectUri] });
		try {
			const { url } = await beginOidcLogin({ ...settings, issuer });
			expect(url.origin).toBe(issuer);
		} finally {
			await revived.close();
		}
	});
});

describe('completeOidcLogin against a real provider', () => {
	it('identifies the citizen by the CPR claim from userinfo, with name and level of assurance', async () => {
		expect(await signIn('anna')).toEqual({ cpr: '1503851234', name: 'Anna Testesen', loa: 'substantial', provider: 'oidc' });
	});

	it('strips the dash from a CPR number and reads a high level from acr', async () => {
		expect(await signIn('erik')).toEqual({ cpr: '1209562468', name: 'Erik Prøvesen', loa: 'high', provider: 'oidc' });
	});

	it('rejects a callback whose state does not match', async () => {
		const { url, pending } = await beginOidcLogin(settings);
		const callback = await signInAtProvider(url, { login: 'anna' });
		const error = await loginError(completeOidcLogin(settings, callback, { ...pending, state: 'forged' }));
		expect(error.code).toBe('state_mismatch');
	});

	it('rejects a callback without a state', async () => {
		const { url, pending } = await beginOidcLogin(settings);
		const callback = await signInAtProvider(url, { login: 'anna' });
		callback.searchParams.delete('state');
		expect((await loginError(completeOidcLogin(settings, callback, pending))).code).toBe('state_mismatch');
	});

	it('fails when the PKCE verifier is not the one the challenge was made from', async () => {
		const { url, pending } = await beginOidcLogin(settings);
		const callback = await signInAtProvider(url, { login: 'anna' });
		const other = (await beginOidcLogin(settings)).pending.codeVerifier;
		const error = await loginError(completeOidcLogin(settings, callback, { ...pending, codeVerifier: other }));
		expect(error).toMatchObject({ code: 'provider_error', detail: 'invalid_grant' });
	});

	it('fails when the ID token carries another nonce', async () => {
		const { url, pending } = await beginOidcLogin(settings);
		const callback = await signInAtProvider(url, { login: 'anna' });
		const error = await loginError(completeOidcLogin(settings, callback, { ...pending, nonce: 'another' }));
		expect(error.code).toBe('provider_error');
	});

	it('refuses an identity without a CPR number', async () => {
		expect((await loginError(signIn('uden-cpr'))).code).toBe('no_cpr');
	});

	it('refuses a malformed CPR number without repeating it', async () => {
		const error = await loginError(signIn('ugyldig-cpr'));
		expect(error.code).toBe('no_cpr');
		const everything = `${error.message} ${error.stack} ${JSON.stringify(error)} ${String(error.detail)}`;
		expect(everything).not.toContain('31027099951');
	});

	it('reports a citizen who cancels at the provider as cancelled', async () => {
		const { url, pending } = await beginOidcLogin(settings);
		const callback = await signInAtProvider(url, { cancel: true });
		expect(callback.searchParams.get('error')).toBe('access_denied');
		expect((await loginError(completeOidcLogin(settings, callback, pending))).code).toBe('cancelled');
	});

	it('sends the configured redirect URI to the token endpoint, whatever host the callback arrived at', async () => {
		const { url, pending } = await beginOidcLogin(settings);
		const callback = await signInAtProvider(url, { login: 'anna' });
		const seenBehindProxy = new URL(`http://10.0.0.7:3000/log-ind/oidc/callback${callback.search}`);
		expect((await completeOidcLogin(settings, seenBehindProxy, pending)).cpr).toBe('1503851234');
	});
});

describe('a broker that puts everything in the ID token and uses another CPR claim name', () => {
	let idTokenOnly: TestProvider;
	let publicClient: OidcSettings;

	beforeAll(async () => {
		idTokenOnly = await startTestProvider({
			clientId: 'indgang-public',
			clientSecret: null,
			redirectUris: [redirectUri],
			cprClaim: 'cprNumberIdentifier',
			claimsIn: 'id_token'
		});
		publicClient = { issuer: idTokenOnly.issuer, clientId: 'indgang-public', clientSecret: undefined, redirectUri };
	});
	afterAll(() => idTokenOnly?.close());

	it('signs in a public client (PKCE only), reading the CPR number from the ID token', async () => {
		expect(await signIn('anna', publicClient)).toEqual({
			cpr: '1503851234',
			name: 'Anna Testesen',
			loa: 'substantial',
			provider: 'oidc'
		});
	});

	it('reads only the configured claim when one is configured', async () => {
		expect((await signIn('anna', { ...publicClient, cprClaim: 'cprNumberIdentifier' })).cpr).toBe('1503851234');
		expect((await loginError(signIn('anna', { ...publicClient, cprClaim: 'dk.cpr' }))).code).toBe('no_cpr');
	});
});

describe('claim parsing', () => {
	it('maps NSIS and broker LoA values to a level', () => {
		expect(loaFromAcr('https://data.gov.dk/concept/core/nsis/loa/Substantial')).toBe('substantial');
		expect(loaFromAcr('https://data.gov.dk/concept/core/nsis/loa/High')).toBe('high');
		expect(loaFromAcr('urn:grn:authn:dk:mitid:low')).toBe('low');
		expect(loaFromAcr('HIGH')).toBe('high');
		expect(loaFromAcr('urn:example:workflow')).toBeNull();
		expect(loaFromAcr(undefined)).toBeNull();
	});

	it('takes the lowest stated level, and substantial when none is stated', () => {
		expect(levelOfAssurance({})).toBe('substantial');
		expect(levelOfAssurance({ acr: 'urn:grn:authn:dk:mitid:high', mitid_loa: 'LOW' })).toBe('low');
		expect(levelOfAssurance({ 'https://data.gov.dk/concept/core/nsis/loa': 'High' })).toBe('high');
	});

	it('accepts ten digits with or without the dash, and nothing else', () => {
		expect(cprFromClaim('1503851234')).toBe('1503851234');
		expect(cprFromClaim(' 150385-1234 ')).toBe('1503851234');
		for (const bad of ['15038512345', '150385123', '15-03851234', '150385-123A', 1503851234, null]) {
			expect(cprFromClaim(bad)).toBeNull();
		}
	});
});
