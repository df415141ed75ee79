import { isChangeable } from '$lib/server/booking/appointments';
import { appointmentForKey } from '$lib/server/booking/access';
import { appointmentView } from '$lib/server/booking/picker';
import { feedbackToken } from '$lib/server/feedback';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { appointment, type, actor } = await appointmentForKey(event);
	const flag = ['ny', 'flyttet', 'aflyst'].find((f) => event.url.searchParams.has(f)) ?? null;
	return {
		key: event.params.key,
		flag,
		appointment: await appointmentView(appointment, type, event.locals.lang, true),
		changeable: isChangeable(appointment),
		// Asked once, right after booking; staff booking for someone see their own confirmation instead.
		feedback: flag === 'ny' ? feedbackToken({ touchpoint: 'booking', serviceSlug: type.serviceSlug, channel: actor.channel, assistance: actor.assistance }) : null
	};
};
