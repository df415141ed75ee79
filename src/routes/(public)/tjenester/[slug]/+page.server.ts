import { error } from '@sveltejs/kit';
import { findService, serviceView } from '$lib/server/services/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals, url }) => {
	const service = findService(params.slug);
	if (!service) error(404, 'not_found');
	return {
		service: serviceView(service, locals.lang),
		missing: url.searchParams.get('mangler') === 'children' ? ('children' as const) : null
	};
};
