// A real OpenID Connect provider (oidc-provider) standing in for a MitID broker in tests.
// Imported: startTestProvider(); as a script: node tests/support/oidc-provider.mjs --port 4011 --redirect-uri URL
// Its login page accepts a test account's login name with any password.
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import Provider from 'oidc-provider';

/**
 * The CPR numbers are the register fixture's fictitious ones (valid dates, failing modulus 11,
 * so no real person has them). 'uden-cpr' is an account whose broker releases no CPR number.
 */
export const testAccounts = {
	anna: { 'dk.cpr': '1503851234', name: 'Anna Testesen', 'https://data.gov.dk/concept/core/nsis/loa': 'Substantial' },
	erik: { 'dk.cpr': '1209562468', name: 'Erik Prøvesen', 'https://data.gov.dk/concept/core/nsis/loa': 'High' },
	'uden-cpr': { name: 'Uden CPR' }
};

export async function startTestProvider({
	port = 0,
	clientId = 'indgang',
	clientSecret = 'test-secret',
	redirectUris = ['http://localhost:4174/log-ind/oidc/callback'],
	accounts = testAccounts
} = {}) {
	const server = http.createServer();
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	const issuer = `http://localhost:${server.address().port}`;
	const provider = new Provider(issuer, {
		clients: [
			{
				client_id: clientId,
				client_secret: clientSecret,
				redirect_uris: redirectUris,
				token_endpoint_auth_method: 'client_secret_basic'
			}
		],
		pkce: { required: () => true },
		scopes: ['openid', 'profile', 'ssn'],
		claims: { openid: ['sub'], profile: ['name', 'https://data.gov.dk/concept/core/nsis/loa'], ssn: ['dk.cpr'] },
		features: { devInteractions: { enabled: true } },
		async findAccount(ctx, id) {
			const claims = accounts[id];
			if (!claims) return undefined;
			return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
		},
		// A first-party client: grant what it asks for without a consent screen, as brokers do.
		async loadExistingGrant(ctx) {
			const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
			if (grantId) return ctx.oidc.provider.Grant.find(grantId);
			const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
			grant.addOIDCScope('openid profile ssn');
			await grant.save();
			return grant;
		},
		cookies: { keys: ['test-only-cookie-key'] },
		ttl: { Session: 600, Interaction: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 }
	});
	provider.proxy = false;
	server.on('request', provider.callback());
	return { issuer, close: () => new Promise((resolve) => server.close(resolve)) };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
	const arg = (name, fallback) => {
		const i = process.argv.indexOf(name);
		return i > 0 ? process.argv[i + 1] : fallback;
	};
	const { issuer } = await startTestProvider({
		port: Number(arg('--port', '4011')),
		redirectUris: [arg('--redirect-uri', 'http://localhost:4174/log-ind/oidc/callback')]
	});
	console.log(`OIDC provider listening on ${issuer}`);
}
