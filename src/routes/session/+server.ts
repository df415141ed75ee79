import { json } from '@sveltejs/kit';
import { extendSession, servingExpiresIn, SESSION_COOKIE, setSessionCookie } from '$lib/server/auth/session';
import type { RequestHandler } from './$types';

/**
 * "Stay signed in", and the browser's activity while a citizen types: the session gets a whole
 * idle limit from now, and the answer says how long that is, so the warning in the browser
 * never comes later than the server's limit.
 */
export const POST: RequestHandler = async ({ locals, cookies }) => {
	if (!locals.session) return json({ expiresIn: 0, servingExpiresIn: null }, { status: 401 });
	const expiresAt = await extendSession(locals.session);
	setSessionCookie(cookies, cookies.get(SESSION_COOKIE)!, expiresAt);
	return json({
		expiresIn: Math.floor((expiresAt.getTime() - Date.now()) / 1000),
		// Null once serving has ended (by hand in another tab, or by itself).
		servingExpiresIn: locals.assisted ? servingExpiresIn(locals.session) : null
	});
};
