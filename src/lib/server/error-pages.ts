import type { Handle } from '@sveltejs/kit';
import { errorCode } from '$lib/error-kinds';
import { routes } from '$lib/routes';

/** Only the root layout draws this: a response holding it is already the portal's own page. */
const OWN_PAGE = 'id="main-content"';
/** src/error.html, Kit's last resort, names the error's code here. */
const FALLBACK_CODE = /<meta name="indgang-error" content="([^"]*)"/;

function wantsPage(request: Request): boolean {
	return (request.headers.get('accept') ?? '').includes('text/html');
}

async function codeOf(response: Response): Promise<string> {
	const type = response.headers.get('content-type') ?? '';
	const body = await response.clone().text();
	if (type.startsWith('text/html')) return FALLBACK_CODE.exec(body)?.[1] ?? '';
	if (type.startsWith('application/json')) {
		try {
			return String((JSON.parse(body) as { message?: unknown }).message ?? '');
		} catch {
			return '';
		}
	}
	return body.trim();
}

/**
 * Every error a browser is shown is the portal's own page, in the user's language, with header,
 * footer and a way back: errors from endpoints, hooks and Kit's own checks are drawn again by
 * /fejl. Scripts asking for JSON keep their JSON.
 */
export const handleErrorPages: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (response.status < 400 || event.url.pathname === routes.errorPage || !wantsPage(event.request)) return response;
	if ((response.headers.get('content-type') ?? '').startsWith('text/html') && (await response.clone().text()).includes(OWN_PAGE))
		return response;
	const url = new URL(routes.errorPage, event.url);
	url.searchParams.set('status', String(response.status));
	const code = errorCode(await codeOf(response));
	if (code) url.searchParams.set('kode', code);
	const from = event.url.pathname + event.url.search;
	if (from.length <= 1000) url.searchParams.set('fra', from);
	const headers: Record<string, string> = { accept: 'text/html' };
	for (const name of ['accept-language', 'referer']) {
		const value = event.request.headers.get(name);
		if (value) headers[name] = value;
	}
	const page = await event.fetch(url, { headers });
	const out = new Headers(page.headers);
	for (const name of ['retry-after', 'clear-site-data']) {
		const value = response.headers.get(name);
		if (value) out.set(name, value);
	}
	return new Response(page.body, { status: response.status, headers: out });
};
