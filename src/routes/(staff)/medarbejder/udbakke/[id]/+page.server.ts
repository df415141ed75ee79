import { error } from '@sveltejs/kit';
import { can, requireStaff } from '$lib/server/auth/guards';
import { getOutboxMessage } from '$lib/server/outbox';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event, can.readOutbox);
	const id = Number(event.params.id);
	const message = Number.isInteger(id) ? getOutboxMessage(id) : undefined;
	if (!message) error(404, 'not_found');
	return { message };
};
