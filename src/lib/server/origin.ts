import type { Handle } from '@sveltejs/kit';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A request that changes something must come from the portal's own pages, whatever its content
 * type (Kit checks only form posts, so a bare POST to /log-ud slipped through). Browsers send
 * Origin on every such request; without it, only a same-origin Sec-Fetch-Site will do.
 */
export function isSameOrigin(request: Request, origin: string): boolean {
	const from = request.headers.get('origin');
	if (from) return from === origin;
	return request.headers.get('sec-fetch-site') === 'same-origin';
}

export const handleOrigin: Handle = async ({ event, resolve }) => {
	if (STATE_CHANGING.has(event.request.method) && !isSameOrigin(event.request, event.url.origin))
		return new Response('cross_site', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	return resolve(event);
};
