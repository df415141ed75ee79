import { error } from '@sveltejs/kit';
import { errorCode, errorStatus } from '$lib/error-kinds';
import type { PageServerLoad } from './$types';

/**
 * Draws an error that did not come from a page (an endpoint, the origin check, an unreadable
 * body) as the portal's own error page: the error-pages hook fetches it with the status, the
 * error's code and the path it was for.
 */
export const load: PageServerLoad = ({ url }) => {
	error(errorStatus(url.searchParams.get('status')), errorCode(url.searchParams.get('kode')) || 'error');
};

// Drawn in place of another URL's response: the browser's router must not take over a page
// whose address is not its own. Plain HTML, which works without script anyway.
export const csr = false;
