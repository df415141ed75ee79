import { purgeExpiredSessions } from '$lib/server/auth/session';
import { purgeExpiredHelpCodes } from '$lib/server/assisted/help';
import { purgeOldAppointments } from '$lib/server/booking/appointments';
import { enqueueDueReminders } from '$lib/server/booking/notifications';
import { appointmentRetentionDays } from '$lib/server/config';
import { purgeExpiredDrafts } from '$lib/server/forms/drafts';
import { purgeClosedSubmissions } from '$lib/server/forms/submissions';
import { processOutbox } from '$lib/server/outbox';

let started = false;

function safely(job: () => unknown) {
	return () => {
		try {
			const result = job();
			if (result instanceof Promise) result.catch((e) => console.error('job failed', e));
		} catch (e) {
			console.error('job failed', e);
		}
	};
}

/** Background work of one server process: the outbox every few seconds, reminders every minute, purges hourly. */
export function startJobs(): void {
	if (started) return;
	started = true;
	const purge = safely(() => {
		purgeExpiredDrafts();
		purgeClosedSubmissions();
		purgeExpiredSessions();
		purgeExpiredHelpCodes();
		purgeOldAppointments(appointmentRetentionDays());
	});
	purge();
	setInterval(safely(processOutbox), 5_000).unref();
	setInterval(safely(enqueueDueReminders), 60_000).unref();
	setInterval(purge, 60 * 60 * 1000).unref();
}
