import { Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { Handle } from '@sveltejs/kit';
import type { Lang } from '$lib/i18n';

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json|xml)|image\/svg\+xml)/;

/** Brotli where the browser takes it, else gzip; null when the response should go as it is. */
export function chooseEncoding(acceptEncoding: string | null, contentType: string | null): 'br' | 'gzip' | null {
	if (!contentType || !COMPRESSIBLE.test(contentType)) return null;
	const offered = (acceptEncoding ?? '')
		.toLowerCase()
		.split(',')
		.map((p) => p.trim().split(';'))
		.filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
		.map(([name]) => name);
	if (offered.includes('br')) return 'br';
	if (offered.includes('gzip')) return 'gzip';
	return null;
}

/**
 * Rendered pages and data are compressed here (adapter-node serves the build's files
 * precompressed and only these uncompressed). A quick brotli level: pages are made per request.
 */
function compress(request: Request, response: Response): Response {
	if (request.method === 'HEAD' || !response.body || response.headers.has('content-encoding')) return response;
	const encoding = chooseEncoding(request.headers.get('accept-encoding'), response.headers.get('content-type'));
	if (!encoding) return response;
	const stream =
		encoding === 'br'
			? createBrotliCompress({ flush: constants.BROTLI_OPERATION_FLUSH, params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
			: createGzip({ flush: constants.Z_SYNC_FLUSH });
	const body = Readable.toWeb(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream).pipe(stream));
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	headers.set('content-encoding', encoding);
	headers.append('vary', 'Accept-Encoding');
	return new Response(body as ReadableStream, { status: response.status, statusText: response.statusText, headers });
}

/** An offline page speaks the language of its address, whatever the cookie or the browser prefers. */
function offlineLang(pathname: string): Lang | null {
	const m = /^\/offline\/(da|en)$/.exec(pathname);
	return m ? (m[1] as Lang) : null;
}

export const handlePwa: Handle = async ({ event, resolve }) => {
	const lang = offlineLang(event.url.pathname);
	if (lang) event.locals.lang = lang;
	return resolve(event);
};

/** Outermost: every other hook sees (and may read) the response as it was made. */
export const handleCompression: Handle = async ({ event, resolve }) => compress(event.request, await resolve(event));
