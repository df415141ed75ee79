import { localDateOf } from '$lib/booking/time';
import { can, requireStaff } from '$lib/server/auth/guards';
import { reportData } from '$lib/server/reports/view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.readReports);
	return { ...(await reportData(event.url)), thisYear: Number(localDateOf(new Date()).slice(0, 4)) };
};
