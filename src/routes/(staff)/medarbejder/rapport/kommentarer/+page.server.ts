import { can, requireStaff } from '$lib/server/auth/guards';
import { feedbackComments } from '$lib/server/feedback';
import { reportRequest } from '$lib/server/reports/view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.readReports);
	const { period, scope, scopeKey, services } = await reportRequest(event.url);
	const comments = await feedbackComments(period, scope);
	// The services in the catalogue's order; the kiosk's, which has none, last.
	const order = (slug: string) => {
		if (!slug) return Infinity;
		const i = services.findIndex((s) => s.slug === slug);
		return i < 0 ? services.length : i;
	};
	const slugs = [...new Set(comments.map((c) => c.serviceSlug ?? ''))].sort((a, b) => order(a) - order(b));
	return {
		period,
		scopeKey,
		params: { periode: period.kind, aar: String(period.year), nr: String(period.n), tjeneste: scopeKey || undefined },
		byService: slugs.map((slug) => ({ slug, comments: comments.filter((c) => (c.serviceSlug ?? '') === slug) }))
	};
};
