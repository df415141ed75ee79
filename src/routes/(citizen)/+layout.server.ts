import { requireSubject } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

/** A boundary, not the only check: every load and action below asks again. */
export const load: LayoutServerLoad = (event) => {
	requireSubject(event);
	return {};
};
