import type { Cookies } from '@sveltejs/kit';
import type { CitizenIdentity } from '$lib/server/identity/types';
import { citizenFor } from './citizens';
import { createSession, generateSessionToken, KIOSK_COOKIE, setSessionCookie } from './session';

/** One way in for every identity provider: find the citizen, start a session, set the cookie. */
export async function signInCitizen(cookies: Cookies, identity: CitizenIdentity): Promise<void> {
	const citizen = await citizenFor(identity);
	const token = generateSessionToken();
	const kiosk = cookies.get(KIOSK_COOKIE) === '1';
	const session = await createSession(token, { kind: 'citizen', citizenId: citizen.id, loa: identity.loa, provider: identity.provider, kiosk });
	setSessionCookie(cookies, token, session.expiresAt);
}
