import { readiness } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Readiness: the database answers and has this build's migrations; a load balancer sends traffic only then. */
export const GET: RequestHandler = async () => {
	const r = await readiness();
	return new Response(r.ok ? 'ready\n' : `not ready: ${r.reason}\n`, {
		status: r.ok ? 200 : 503,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});
};
