import { can, requireStaff } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	const staff = requireStaff(event, can.staffArea);
	return { staffRole: staff.role };
};
