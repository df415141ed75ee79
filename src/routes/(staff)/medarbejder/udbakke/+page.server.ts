import { can, requireStaff } from '$lib/server/auth/guards';
import { listOutbox, recipientShown } from '$lib/server/outbox';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.readOutbox);
	return {
		messages: (await listOutbox()).map((m) => ({
			id: m.id,
			channel: m.channel,
			// The list shows enough to recognise a message; the full address is behind the logged view.
			recipient: recipientShown(m.channel, m.recipient, true),
			subject: m.subject,
			status: m.status,
			attempts: m.attempts,
			createdAt: m.createdAt,
			sentAt: m.sentAt
		}))
	};
};
