// A real OpenID Connect provider (oidc-provider) standing in for a MitID broker in tests.
//
//   imported:  const { issuer, close } = await startTestProvider({ redirectUris: [...] })
//   script:    node tests/support/oidc-provider.mjs --port 4011 --redirect-uri http://localhost:4173/log-ind/oidc/callback
//              [--redirect-uri another] [--client-id indgang] [--client-secret test-secret] [--cpr-claim dk.cpr]
//
// Its login page takes a test account's login name (or account id) with any password, and has
// a cancel button, which answers the client with access_denied as MitID does.
import { generateKeyPair } from 'node:crypto';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

export const NSIS_LOA = 'https://data.gov.dk/concept/core/nsis/loa';

/**
 * @typedef {object} TestAccount
 * @property {string} sub      account id, the ID token's subject
 * @property {string} [cpr]    released under the provider's CPR claim; omitted: the broker has none
 * @property {string} name
 * @property {string} [given_name]
 * @property {string} [family_name]
 * @property {string} [acr]    the NSIS level the login is reported with
 */

/**
 * Keyed by login name. The CPR numbers are the person register fixture's fictitious ones, so a
 * citizen signed in here is found in the register: valid birth dates that fail the modulus 11
 * check, which no CPR number issued for those dates does, so none belongs to a real person.
 * Erik's comes with a dash, as some brokers send it. 'ugyldig-cpr' has an 11-digit number.
 * @type {Record<string, TestAccount>}
 */
export const testAccounts = {
	anna: {
		sub: 'borger-1',
		cpr: '1503851234',
		name: 'Anna Testesen',
		given_name: 'Anna',
		family_name: 'Testesen',
		acr: `${NSIS_LOA}/Substantial`
	},
	erik: { sub: 'borger-2', cpr: '120956-2468', name: 'Erik Prøvesen', acr: `${NSIS_LOA}/High` },
	'uden-cpr': { sub: 'borger-3', name: 'Uden Cpr', acr: `${NSIS_LOA}/Substantial` },
	'ugyldig-cpr': { sub: 'borger-4', cpr: '31027099951', name: 'Ugyldig Cpr', acr: `${NSIS_LOA}/Low` }
};

// Known, harmless start-up warnings: oidc-provider 9 asks for Node 22 but runs on Node 20, and
// an in-memory store is exactly what a test provider wants. Everything else still gets through.
const HARMLESS_WARNINGS = ['WARNING: Unsupported runtime', 'WARNING: a quick start development-only in-memory adapter'];

/**
 * Runs fn with those warnings filtered out of console.warn, until fn's promise (if any) settles.
 * @template T @param {() => T} fn @returns {T}
 */
function withoutHarmlessWarnings(fn) {
	const warn = console.warn;
	const restore = () => void (console.warn = warn);
	console.warn = (...args) => {
		if (!HARMLESS_WARNINGS.some((w) => String(args[0]).includes(w))) warn(...args);
	};
	try {
		const result = fn();
		if (result instanceof Promise) return /** @type {T} */ (result.finally(restore));
		restore();
		return result;
	} catch (e) {
		restore();
		throw e;
	}
}

/** @param {unknown} s */
const html = (s) =>
	String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** @param {http.IncomingMessage} req @returns {Promise<URLSearchParams>} */
async function formBody(req) {
	let body = '';
	for await (const chunk of req) body += chunk;
	return new URLSearchParams(body);
}

/** @param {string} uid @param {Record<string, TestAccount>} accounts @param {string} [error] */
function loginPage(uid, accounts, error) {
	const logins = Object.keys(accounts)
		.map((login) => `<li><code>${html(login)}</code>: ${html(accounts[login].name)}</li>`)
		.join('');
	// English, and the button named as oidc-provider's own dev login page names it, so the e2e
	// tests read the same whichever login page they meet.
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Test MitID broker</title></head>
<body>
<main>
<h1>Test MitID broker</h1>
<p>A provider for tests. Sign in with a test citizen's login; any password works.</p>
${error ? `<p role="alert">${html(error)}</p>` : ''}
<form method="post" action="/interaction/${html(uid)}">
<label for="login">Login</label>
<input id="login" name="login" autocomplete="off" required autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password">
<button type="submit">Sign-in</button>
<button type="submit" name="cancel" value="1" formnovalidate>Cancel</button>
</form>
<h2>Test citizens</h2>
<ul>${logins}</ul>
</main>
</body></html>`;
}

/**
 * @param {object} [options]
 * @param {number} [options.port] 0 picks a free port
 * @param {string} [options.clientId]
 * @param {string | null} [options.clientSecret] null registers a public client (PKCE only)
 * @param {string[]} [options.redirectUris]
 * @param {Record<string, TestAccount>} [options.accounts]
 * @param {string} [options.cprClaim] the claim name the CPR number is released under (scope 'ssn')
 * @param {'userinfo' | 'id_token'} [options.claimsIn] 'id_token': profile and CPR claims go in the
 *   ID token, and there is no userinfo endpoint at all, as with some brokers
 * @param {Record<string, string[]>} [options.scopes] further scopes and the account claims each
 *   releases: a municipality's identity provider for staff releases roles and a department
 * @returns {Promise<{ issuer: string, close: () => Promise<void> }>}
 */
export async function startTestProvider({
	port = 0,
	clientId = 'indgang',
	clientSecret = 'test-secret',
	redirectUris = ['http://localhost:4173/log-ind/oidc/callback'],
	accounts = testAccounts,
	cprClaim = 'dk.cpr',
	claimsIn = 'userinfo',
	scopes = {}
} = {}) {
	const { default: Provider } = await withoutHarmlessWarnings(() => import('oidc-provider'));
	// A fresh signing key per run; the library's built-in development key is public knowledge.
	const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });

	// The issuer needs the port, so the provider is made after listening, but synchronously:
	// no request can arrive before the handler is attached.
	const server = http.createServer();
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(undefined));
	});
	const address = server.address();
	const issuer = `http://localhost:${typeof address === 'object' && address ? address.port : port}`;

	const byLogin = (/** @type {string} */ login) =>
		accounts[login.trim().toLowerCase()] ?? Object.values(accounts).find((a) => a.sub === login.trim());

	const provider = withoutHarmlessWarnings(
		() =>
			new Provider(issuer, {
				clients: [
					{
						client_id: clientId,
						...(clientSecret === null
							? { token_endpoint_auth_method: 'none' }
							: { client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_basic' }),
						redirect_uris: redirectUris,
						grant_types: ['authorization_code'],
						response_types: ['code']
					}
				],
				jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' }] },
				pkce: { required: () => true },
				scopes: ['openid', 'profile', 'ssn', ...Object.keys(scopes)],
				// acr under 'openid' puts the login's level in every ID token, as MitID brokers do; unlisted,
				// oidc-provider sends it only when the client asks for it with the claims parameter.
				claims: { openid: ['sub', 'acr'], profile: ['name', 'given_name', 'family_name'], ssn: [cprClaim], ...scopes },
				acrValues: ['Low', 'Substantial', 'High'].map((level) => `${NSIS_LOA}/${level}`),
				conformIdTokenClaims: claimsIn !== 'id_token',
				features: { devInteractions: { enabled: false }, userinfo: { enabled: claimsIn !== 'id_token' } },
				interactions: { url: (/** @type {unknown} */ ctx, /** @type {{ uid: string }} */ i) => `/interaction/${i.uid}` },
				async findAccount(/** @type {unknown} */ ctx, /** @type {string} */ sub) {
					const account = Object.values(accounts).find((a) => a.sub === sub);
					if (!account) return undefined;
					return {
						accountId: sub,
						async claims() {
							// The acr is the session's, not a profile claim.
							// eslint-disable-next-line @typescript-eslint/no-unused-vars
							const { sub, cpr, acr, ...profile } = account;
							return { sub, ...profile, ...(cpr === undefined ? {} : { [cprClaim]: cpr }) };
						}
					};
				},
				cookies: { keys: ['test-only-cookie-key'] },
				ttl: { Session: 600, Interaction: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 }
			})
	);

	/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
	async function interaction(req, res) {
		const details = await provider.interactionDetails(req, res);
		if (details.prompt.name === 'consent') {
			// A broker asks no consent of its own customer's users; grant what was asked for.
			const grant = details.grantId
				? await provider.Grant.find(details.grantId)
				: new provider.Grant({ accountId: details.session?.accountId, clientId: String(details.params.client_id) });
			if (!grant) throw new Error('grant not found');
			const missing = details.prompt.details;
			if (Array.isArray(missing.missingOIDCScope)) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
			if (Array.isArray(missing.missingOIDCClaims)) grant.addOIDCClaims(missing.missingOIDCClaims);
			return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
		}
		if (req.method === 'POST') {
			const form = await formBody(req);
			if (form.has('cancel')) {
				const result = { error: 'access_denied', error_description: 'End-User aborted interaction' };
				return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
			}
			const account = byLogin(form.get('login') ?? '');
			if (account) {
				const login = { accountId: account.sub, acr: account.acr, amr: ['mitid'] };
				return provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
			}
			res.statusCode = 401;
		}
		res.setHeader('content-type', 'text/html; charset=utf-8');
		res.setHeader('cache-control', 'no-store');
		res.end(loginPage(details.uid, accounts, req.method === 'POST' ? 'Unknown test citizen.' : undefined));
	}

	const callback = provider.callback();
	server.on('request', (req, res) => {
		if (!req.url?.startsWith('/interaction/')) return callback(req, res);
		interaction(req, res).catch((/** @type {unknown} */ e) => {
			res.statusCode = 400;
			res.setHeader('content-type', 'text/plain; charset=utf-8');
			res.end(`Interaction failed: ${e instanceof Error ? e.message : String(e)}`);
		});
	});

	return {
		issuer,
		close: () =>
			new Promise((resolve) => {
				// Clients keep connections alive; without this, close() waits for them to time out.
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const args = process.argv.slice(2);
	/** @param {string} name */
	const all = (name) => args.flatMap((a, i) => (a === name && args[i + 1] !== undefined ? [args[i + 1]] : []));
	/** @param {string} name @param {string} fallback */
	const one = (name, fallback) => all(name).at(-1) ?? fallback;
	const redirectUris = all('--redirect-uri');
	const { issuer, close } = await startTestProvider({
		port: Number(one('--port', '4011')),
		clientId: one('--client-id', 'indgang'),
		clientSecret: one('--client-secret', 'test-secret'),
		cprClaim: one('--cpr-claim', 'dk.cpr'),
		...(redirectUris.length > 0 ? { redirectUris } : {})
	});
	console.log(`OIDC provider listening on ${issuer}`);
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
		process.on(signal, () => close().then(() => process.exit(0)));
	}
}
