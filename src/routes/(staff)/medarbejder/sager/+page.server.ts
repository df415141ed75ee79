import { submissionStatuses, type SubmissionStatus } from '$lib/server/db/schema';
import { can, requireStaff } from '$lib/server/auth/guards';
import { listSubmissions } from '$lib/server/forms/submissions';
import { activeServices } from '$lib/server/services/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.handleCases);
	const slugs = (await activeServices()).filter((s) => s.formId).map((s) => s.slug);
	const service = event.url.searchParams.get('service') ?? '';
	const status = event.url.searchParams.get('status') ?? '';
	const filter = {
		serviceSlug: slugs.includes(service) ? service : undefined,
		status: (submissionStatuses as readonly string[]).includes(status) ? (status as SubmissionStatus) : undefined
	};
	// The list shows references and services only: personal data is behind "open", which is logged.
	return { services: slugs, filter, submissions: await listSubmissions(filter) };
};
