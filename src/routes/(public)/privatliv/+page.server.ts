import {
	appointmentRetentionDays,
	auditRetentionDays,
	dataController,
	draftRetentionDays,
	kioskIdleSeconds,
	submissionRetentionDays
} from '$lib/server/config';
import type { PageServerLoad } from './$types';

/** The privacy notice: the periods are the live settings, so the notice says what the portal does. */
export const load: PageServerLoad = () => ({
	controller: dataController(),
	days: {
		drafts: draftRetentionDays(),
		submissions: submissionRetentionDays(),
		appointments: appointmentRetentionDays(),
		audit: auditRetentionDays()
	},
	kioskMinutes: Math.round(kioskIdleSeconds() / 60)
});
