import { error, redirect } from '@sveltejs/kit';
import { localDateOf } from '$lib/booking/time';
import { routes } from '$lib/routes';
import { can, requireStaff } from '$lib/server/auth/guards';
import { cancel, findAppointment, isChangeable } from '$lib/server/booking/appointments';
import { counterActions, markAppointment, type CounterAction } from '$lib/server/booking/counter';
import { appointmentView } from '$lib/server/booking/picker';
import { appointmentType } from '$lib/server/booking/setup';
import { isStaffChannel, staffActor } from '$lib/server/booking/staff';
import { formDataOf } from '$lib/server/http';
import { logAudit } from '$lib/server/audit/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event, can.runCounter);
	const appointment = await findAppointment(event.params.id);
	const type = appointment && await appointmentType(appointment.typeSlug);
	if (!appointment || !type) error(404, 'not_found');
	if (appointment.citizenId)
		await logAudit({ staff, citizenId: appointment.citizenId, action: 'view', objectType: 'appointment', objectId: appointment.id, purpose: 'casework' });
	return {
		id: appointment.id,
		created: event.url.searchParams.has('ny'),
		appointment: await appointmentView(appointment, type, event.locals.lang),
		channel: appointment.channel,
		submissionId: appointment.submissionId,
		changeable: isChangeable(appointment),
		dayHref: routes.staffDay({ skranke: appointment.counterId, dag: localDateOf(appointment.start) })
	};
};

export const actions: Actions = {
	mark: async (event) => {
		const staff = requireStaff(event, can.runCounter);
		const action = (await formDataOf(event.request)).get('action');
		if (!counterActions.includes(action as CounterAction)) error(400, 'bad_request');
		await markAppointment(event.params.id, action as CounterAction, staff);
		redirect(303, routes.staffAppointment(event.params.id));
	},
	cancel: async (event) => {
		const staff = requireStaff(event, can.runCounter);
		const channel = (await formDataOf(event.request)).get('kanal');
		if (!isStaffChannel(channel)) error(400, 'bad_request');
		const result = await cancel(event.params.id, staffActor(staff, channel));
		if (result.ok && result.appointment.citizenId)
			await logAudit({ staff, citizenId: result.appointment.citizenId, action: 'update', objectType: 'appointment', objectId: result.appointment.id, purpose: 'citizen_enquiry' });
		redirect(303, routes.staffAppointment(event.params.id));
	}
};
