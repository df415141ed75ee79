import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProvider } from '../../../../tests/support/oidc-provider.mjs';
import { beginOidcLogin, completeOidcLogin, OidcLoginError, type OidcSettings } from './oidc';

const redirectUri = 'http://localhost:1/callback';
let provider: { issuer: string; close: () => Promise<void> };
let settings: OidcSettings;

beforeAll(async () => {
	provider = await startTestProvider({ redirectUris: [redirectUri] });
	settings = { issuer: provider.issuer, clientId: 'indgang', clientSecret: 'test-secret', redirectUri };
});
afterAll(() => provider.close());

/** Plays the browser: follows redirects by hand, carries cookies, fills the login form. */
async function signInAtProvider(authUrl: URL, login: string): Promise<URL> {
	const jar = new Map<string, string>();
	const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
	const remember = (res: Response) => {
		for (const c of res.headers.getSetCookie()) {
			const [pair] = c.split(';');
			const [k, ...v] = pair.split('=');
			jar.set(k.trim(), v.join('='));
		}
	};
	let url = authUrl.href;
	let init: RequestInit = {};
	for (let i = 0; i < 10; i++) {
		if (url.startsWith(redirectUri)) return new URL(url);
		const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: cookieHeader() } });
		remember(res);
		init = {};
		const location = res.headers.get('location');
		if (location) {
			url = new URL(location, url).href;
			continue;
		}
		const html = await res.text();
		const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
		if (!action) throw new Error(`no redirect and no form at ${url}`);
		url = new URL(action.replace(/&amp;/g, '&'), url).href;
		init = {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString()
		};
	}
	throw new Error('too many redirects');
}

describe('OpenID Connect sign-in against a real provider', () => {
	it('asks for the code flow with PKCE (S256), state and nonce', async () => {
		const { url, pending } = await beginOidcLogin(settings);
		expect(url.searchParams.get('response_type')).toBe('code');
		expect(url.searchParams.get('code_challenge_method')).toBe('S256');
		expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
		expect(url.searchParams.get('state')).toBe(pending.state);
		expect(url.searchParams.get('nonce')).toBe(pending.nonce);
		expect(url.href).not.toContain(pending.codeVerifier);
	});

	it('identifies the citizen by the CPR claim, with name and level of assurance', async () => {
		const { url, pending } = await beginOidcLogin(settings);
		const callback = await signInAtProvider(url, 'erik');
		const identity = await completeOidcLogin(settings, callback, pending);
		expect(identity).toEqual({ cpr: '1209562468', name: 'Erik Prøvesen', loa: 'high', provider: 'oidc' });
	});

	it('rejects a callback whose state does not match', async () => {
		const { url, pending } = await beginOidcLogin(settings);
		const callback = await signInAtProvider(url, 'anna');
		const error = await completeOidcLogin(settings, callback, { ...pending, state: 'forged' }).catch((e) => e);
		expect(error).toBeInstanceOf(OidcLoginError);
		expect(error.code).toBe('state_mismatch');
	});

	it('refuses an identity without a CPR number', async () => {
		const { url, pending } = await beginOidcLogin(settings);
		const callback = await signInAtProvider(url, 'uden-cpr');
		const error = await completeOidcLogin(settings, callback, pending).catch((e) => e);
		expect(error).toBeInstanceOf(OidcLoginError);
		expect(error.code).toBe('no_cpr');
		expect(String(error.message)).not.toMatch(/\d{10}/);
	});
});
