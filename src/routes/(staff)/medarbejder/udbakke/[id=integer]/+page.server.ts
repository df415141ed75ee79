import { error } from '@sveltejs/kit';
import { logAudit } from '$lib/server/audit/log';
import { can, requireStaff } from '$lib/server/auth/guards';
import { findAppointment } from '$lib/server/booking/appointments';
import { submissionExists } from '$lib/server/forms/submissions';
import { getOutboxMessage, recipientShown, sendAgain, withoutKeys } from '$lib/server/outbox';
import { redirect } from '@sveltejs/kit';
import { letterCitizenId } from '$lib/server/post';
import { routes } from '$lib/routes';
import type { Actions, PageServerLoad } from './$types';

/** A message's text is the citizen's data: reading it is logged, as checking that it went out. */
export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event, can.readOutbox);
	const id = Number(event.params.id);
	const message = Number.isInteger(id) ? await getOutboxMessage(id) : undefined;
	if (!message) error(404, 'not_found');
	const citizenId =
		letterCitizenId(message.recipient) ??
		(message.submissionId ? (await submissionExists(message.submissionId))?.citizenId : undefined) ??
		(message.appointmentId ? (await findAppointment(message.appointmentId))?.citizenId : undefined);
	if (citizenId) {
		await logAudit({ staff, citizenId, action: 'view', objectType: 'message', objectId: String(message.id), purpose: 'quality_control' });
	}
	return {
		message: { ...message, recipient: recipientShown(message.channel, message.recipient, false), body: withoutKeys(message.body) },
		sentAgain: event.url.searchParams.has('sendt-igen')
	};
};

export const actions: Actions = {
	/** A failed message, tried again with its same key; a message not failed is left as it is. */
	sendAgain: async (event) => {
		requireStaff(event, can.readOutbox);
		await sendAgain(Number(event.params.id));
		redirect(303, `${routes.staffOutboxMessage(Number(event.params.id))}?sendt-igen=1`);
	}
};
