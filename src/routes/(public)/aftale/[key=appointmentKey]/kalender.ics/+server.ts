import { appointmentForKey } from '$lib/server/booking/access';
import { appointmentCalendar } from '$lib/server/booking/notifications';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { appointment, type } = await appointmentForKey(event);
	return new Response(await appointmentCalendar(appointment, type, { attendee: false }), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="aftale-${appointment.reference}.ics"`,
			'cache-control': 'no-store'
		}
	});
};
