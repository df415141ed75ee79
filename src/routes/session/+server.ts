import type { RequestHandler } from './$types';

/**
 * "Stay signed in": reaching the server is what extends a session (see hooks), so this only
 * says whether there still is one.
 */
export const POST: RequestHandler = ({ locals }) => new Response(null, { status: locals.session ? 204 : 401 });
