import type { Cookies } from '@sveltejs/kit';
import type { CitizenIdentity } from '$lib/server/identity/types';
import { citizenFor } from './citizens';
import { KIOSK_COOKIE, startSession } from './session';

/** One way in for every identity provider: find the citizen, start a session, set the cookie. */
export async function signInCitizen(cookies: Cookies, identity: CitizenIdentity): Promise<void> {
	const citizen = await citizenFor(identity);
	const kiosk = cookies.get(KIOSK_COOKIE) === '1';
	await startSession(cookies, { kind: 'citizen', citizenId: citizen.id, loa: identity.loa, provider: identity.provider, kiosk });
}
