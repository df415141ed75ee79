import type { Cookies } from '@sveltejs/kit';
import type { CitizenIdentity } from '$lib/server/identity/types';
import { citizenFor } from './citizens';
import { createSession, generateSessionToken, setSessionCookie } from './session';

/** One way in for every identity provider: find the citizen, start a session, set the cookie. */
export function signInCitizen(cookies: Cookies, identity: CitizenIdentity): void {
	const citizen = citizenFor(identity);
	const token = generateSessionToken();
	const session = createSession(token, { kind: 'citizen', citizenId: citizen.id, loa: identity.loa, provider: identity.provider });
	setSessionCookie(cookies, token, session.expiresAt);
}
