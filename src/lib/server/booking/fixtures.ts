import { createHash } from 'node:crypto';
import type { Appointment } from '$lib/server/db/schema';

/**
 * An appointment row as a test or the bench writes it straight into the table (a fictitious
 * visitor, no citizen): what it is about, and anything else it must say.
 */
export function appointmentRow(o: Pick<Appointment, 'id' | 'typeSlug' | 'counterId' | 'start' | 'end' | 'status'> & Partial<Appointment>): Appointment {
	const at = o.createdAt ?? new Date();
	return {
		reference: `R-${o.id}`,
		idempotencyKey: `key-${o.id}`,
		citizenId: null,
		name: 'Fiktiv Borger',
		email: null,
		phone: null,
		interpreterLanguage: null,
		stepFree: false,
		extraTime: false,
		submissionId: null,
		channel: 'phone',
		assistance: 'none',
		bookedByStaffId: null,
		manageTokenHash: createHash('sha256').update(o.id).digest('hex'),
		sequence: 0,
		lang: 'da',
		createdAt: at,
		updatedAt: at,
		checkedInAt: null,
		calledAt: null,
		calledCounterId: null,
		...o
	};
}
