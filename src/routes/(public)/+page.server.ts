import { lifeSituations } from '$lib/server/db/schema';
import { matches } from '$lib/search';
import { activeServices, serviceView } from '$lib/server/services/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const query = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const services = (await activeServices()).map((s) => serviceView(s, locals.lang));
	const found = query
		? services.filter((s) => matches(query, [s.title, s.summary, s.description, ...s.keywords]))
		: services;
	return {
		query,
		loggedOut: url.searchParams.get('logget-ud') === 'inaktiv' ? ('idle' as const) : url.searchParams.has('logget-ud'),
		groups: lifeSituations
			.map((situation) => ({ situation, services: found.filter((s) => s.lifeSituation === situation) }))
			.filter((g) => g.services.length > 0),
		resultCount: found.length
	};
};
