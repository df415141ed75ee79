import { isChangeable } from '$lib/server/booking/appointments';
import { appointmentForKey } from '$lib/server/booking/access';
import { appointmentView } from '$lib/server/booking/picker';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { appointment, type } = await appointmentForKey(event);
	const flag = ['ny', 'flyttet', 'aflyst'].find((f) => event.url.searchParams.has(f)) ?? null;
	return {
		key: event.params.key,
		flag,
		appointment: await appointmentView(appointment, type, event.locals.lang, true),
		changeable: isChangeable(appointment)
	};
};
