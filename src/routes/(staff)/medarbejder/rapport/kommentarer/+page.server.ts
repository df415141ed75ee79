import { can, requireStaff } from '$lib/server/auth/guards';
import { feedbackComments } from '$lib/server/feedback';
import { reportRequest } from '$lib/server/reports/view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.readReports);
	const { period, scope, scopeKey } = await reportRequest(event.url);
	const comments = await feedbackComments(period, scope);
	const services = [...new Set(comments.map((c) => c.serviceSlug ?? ''))];
	return {
		period,
		scopeKey,
		params: { periode: period.kind, aar: String(period.year), nr: String(period.n), tjeneste: scopeKey || undefined },
		byService: services.map((slug) => ({ slug, comments: comments.filter((c) => (c.serviceSlug ?? '') === slug) }))
	};
};
