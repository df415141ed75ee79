import type { RequestHandler } from './$types';

/** Liveness: the process answers. Touches nothing, so a slow database never gets it restarted. */
export const GET: RequestHandler = () => new Response('ok\n', { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
