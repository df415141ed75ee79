import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';
import { routes } from '$lib/routes';
import type { RequestHandler } from './$types';

/** Clear-Site-Data wipes caches and storage too: on a shared device the next person finds nothing. */
export const POST: RequestHandler = async ({ locals, cookies, request }) => {
	const wasStaff = !!locals.staff;
	const idle = (await request.formData().catch(() => null))?.get('aarsag') === 'inaktiv';
	if (locals.session) await invalidateSession(locals.session.id);
	deleteSessionCookie(cookies);
	return new Response(null, {
		status: 303,
		headers: {
			location: `${wasStaff ? routes.staffLogin() : routes.home}?logget-ud=${idle ? 'inaktiv' : '1'}`,
			'clear-site-data': '"cache", "storage"'
		}
	});
};
