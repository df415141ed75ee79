import { appointmentForKey } from '$lib/server/booking/access';
import { appointmentCalendar } from '$lib/server/booking/notifications';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const { appointment, type } = appointmentForKey(event);
	return new Response(appointmentCalendar(appointment, type, { attendee: false }), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="aftale-${appointment.reference}.ics"`,
			'cache-control': 'no-store'
		}
	});
};
