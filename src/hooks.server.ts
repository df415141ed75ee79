import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { LANG_COOKIE, negotiateLang } from '$lib/i18n';
import { deleteSessionCookie, KIOSK_COOKIE, SESSION_COOKIE, setSessionCookie, validateSessionToken } from '$lib/server/auth/session';
import { citizenKeySecretValue } from '$lib/server/config';
import { db } from '$lib/server/db';
import { seed } from '$lib/server/db/seed';
import { startJobs } from '$lib/server/jobs';
import { handlePwa } from '$lib/server/pwa/handle';

export const init: ServerInit = async () => {
	db();
	citizenKeySecretValue(); // fails at start, not at the first form, when production lacks it
	await seed();
	startJobs();
};

const handleLang: Handle = async ({ event, resolve }) => {
	event.locals.lang = negotiateLang(event.cookies.get(LANG_COOKIE), event.request.headers.get('accept-language'));
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.lang)
	});
};

const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.kiosk = event.cookies.get(KIOSK_COOKIE) === '1';
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) {
		event.locals.session = event.locals.citizen = event.locals.staff = event.locals.assisted = null;
		return resolve(event);
	}
	const { session, citizen, staff, assisted } = validateSessionToken(token);
	if (session) setSessionCookie(event.cookies, token, session.expiresAt);
	else deleteSessionCookie(event.cookies);
	event.locals.session = session;
	event.locals.citizen = citizen;
	event.locals.staff = staff;
	event.locals.assisted = assisted;
	const response = await resolve(event);
	// A kiosk whose session ran out while no script ran: the next person still finds nothing.
	if (!session && event.locals.kiosk) response.headers.set('clear-site-data', '"cache", "storage"');
	return response;
};

/** Hashed build assets may be cached for ever; anything rendered for a signed-in person never. */
const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	h.set('X-Content-Type-Options', 'nosniff');
	h.set('Referrer-Policy', 'same-origin');
	h.set('X-Frame-Options', 'DENY');
	h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	h.set('Cross-Origin-Opener-Policy', 'same-origin');
	if (!event.url.pathname.startsWith('/_app/immutable/')) {
		if (h.get('content-type')?.startsWith('text/html')) h.append('Vary', 'Cookie, Accept-Language');
		// A private appointment link is a key: kept out of caches and search engines.
		if (event.url.pathname.startsWith('/aftale/')) h.set('X-Robots-Tag', 'noindex');
		if (event.locals.session || event.url.pathname.startsWith('/aftale/')) h.set('Cache-Control', 'private, no-store');
		else if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-cache');
	}
	return response;
};

export const handle = sequence(handleLang, handleSession, handleHeaders, handlePwa);
