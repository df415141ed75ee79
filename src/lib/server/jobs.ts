import { purgeExpiredSessions } from '$lib/server/auth/session';
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

/** Background work of one server process: the outbox every few seconds, purges hourly. */
export function startJobs(): void {
	if (started) return;
	started = true;
	const purge = safely(() => {
		purgeExpiredDrafts();
		purgeClosedSubmissions();
		purgeExpiredSessions();
	});
	purge();
	setInterval(safely(processOutbox), 5_000).unref();
	setInterval(purge, 60 * 60 * 1000).unref();
}
