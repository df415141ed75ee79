import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { LANG_COOKIE, negotiateLang } from '$lib/i18n';
import { deleteSessionCookie, KIOSK_COOKIE, SESSION_COOKIE, setSessionCookie, validateSessionToken } from '$lib/server/auth/session';
import { citizenKeyring } from '$lib/server/config';
import { atStartup, closeDatabase } from '$lib/server/db';
import { seed } from '$lib/server/db/seed';
import { startJobs, stopJobs } from '$lib/server/jobs';
import { handleErrorPages } from '$lib/server/error-pages';
import { log, reason } from '$lib/server/log';
import { observeRequest } from '$lib/server/metrics';
import { handleOrigin } from '$lib/server/origin';
import { handleCompression, handlePwa } from '$lib/server/pwa/handle';

export const init: ServerInit = async () => {
	// Everything the server writes under DATA_DIR (the database and its WAL, uploads, the outbox's
	// files) holds personal data: readable by the portal's own user only.
	process.umask(0o077);
	citizenKeyring(); // fails at start, not at the first form, when production lacks the secret or keeps it in DATA_DIR
	await atStartup(seed);
	startJobs();
	// adapter-node emits this on SIGTERM/SIGINT once the last request in flight is answered:
	// then the jobs finish what they hold, give back their leases, and the database closes.
	process.once('sveltekit:shutdown', () => {
		stopJobs()
			.then(closeDatabase)
			.then(() => {
				log.info('stopped: requests answered, background work finished, leases given back');
				// A worker of `npm start` has the cluster's channel open, which would keep it alive.
				if (process.connected) process.disconnect();
			})
			.catch((e: unknown) => log.error('shutdown failed', { reason: reason(e) }));
	});
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
		event.locals.session = event.locals.citizen = event.locals.staff = event.locals.assisted = event.locals.actingFor = event.locals.awaitingSecondFactor = null;
		return resolve(event);
	}
	const { session, citizen, staff, assisted, actingFor, awaitingSecondFactor } = await validateSessionToken(token);
	const alive = session ?? awaitingSecondFactor?.session;
	if (alive) setSessionCookie(event.cookies, token, alive.expiresAt);
	else deleteSessionCookie(event.cookies);
	event.locals.awaitingSecondFactor = awaitingSecondFactor;
	event.locals.session = session;
	event.locals.citizen = citizen;
	event.locals.staff = staff;
	event.locals.assisted = assisted;
	event.locals.actingFor = actingFor;
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
	h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	h.set('Cross-Origin-Opener-Policy', 'same-origin');
	h.set('Cross-Origin-Resource-Policy', 'same-origin');
	// Only over https: a browser that once saw it never asks over plain http again.
	if (event.url.protocol === 'https:') h.set('Strict-Transport-Security', 'max-age=31536000');
	if (!event.url.pathname.startsWith('/_app/immutable/')) {
		if (h.get('content-type')?.startsWith('text/html')) h.append('Vary', 'Cookie, Accept-Language');
		// A private appointment link is a key: kept out of caches and search engines.
		if (event.url.pathname.startsWith('/aftale/')) h.set('X-Robots-Tag', 'noindex');
		if (event.locals.session || event.url.pathname.startsWith('/aftale/')) h.set('Cache-Control', 'private, no-store');
		else if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-cache');
	}
	return response;
};

/** One line per request: method, route id (never the path, which may hold a token), status, duration. */
const handleRequestLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const response = await resolve(event);
	const ms = Math.round((performance.now() - started) * 10) / 10;
	log.info('request', { method: event.request.method, route: event.route.id ?? null, status: response.status, ms });
	observeRequest(event.request.method, event.route.id ?? null, response.status, ms);
	return response;
};

export const handle = sequence(handleRequestLog, handleCompression, handleErrorPages, handleOrigin, handleLang, handleSession, handleHeaders, handlePwa);

/**
 * One line for what the visitor got wrong (a malformed request, a page that does not exist), a
 * stack only for the server's own faults. The route's id, not its path: a path may hold a token.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const where = { method: event.request.method, route: event.route.id ?? null, status };
	if (status < 500) {
		log.warn(message, where);
		return { message: status === 404 ? 'not_found' : 'bad_request' };
	}
	log.error('server error', { ...where, error });
	return { message: 'server' };
};
