import { maskEmail, maskPhone } from '$lib/format';
import { can, requireStaff } from '$lib/server/auth/guards';
import { listOutbox } from '$lib/server/outbox';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.readOutbox);
	return {
		messages: (await listOutbox()).map((m) => ({
			id: m.id,
			channel: m.channel,
			// The list shows enough to recognise a message; the full address is behind the logged view.
			recipient: m.channel === 'sms' ? maskPhone(m.recipient) : maskEmail(m.recipient),
			subject: m.subject,
			status: m.status,
			attempts: m.attempts,
			createdAt: m.createdAt,
			sentAt: m.sentAt
		}))
	};
};
