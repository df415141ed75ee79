import { can, requireStaff } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

/** A boundary, not the only check: every load and action below asks for its own capability. */
export const load: LayoutServerLoad = (event) => {
	requireStaff(event, can.staffArea);
	return {};
};
