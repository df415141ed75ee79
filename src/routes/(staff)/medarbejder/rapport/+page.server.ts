import { localDateOf } from '$lib/booking/time';
import { can, requireStaff } from '$lib/server/auth/guards';
import { reportData } from '$lib/server/reports/view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event, can.readReports);
	return { ...reportData(event.url), thisYear: Number(localDateOf(new Date()).slice(0, 4)) };
};
