import { error } from '@sveltejs/kit';
import { appointmentTypes } from '$lib/server/booking/setup';
import { findService, serviceView } from '$lib/server/services/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const service = await findService(params.slug);
	if (!service) error(404, 'not_found');
	return {
		service: serviceView(service, locals.lang),
		/** A visit that needs no form first is booked straight from the service page. */
		bookingType: (await appointmentTypes()).find((t) => t.serviceSlug === service.slug && !t.requiredFormId)?.slug ?? null,
		missing: url.searchParams.get('mangler') === 'children' ? ('children' as const) : null
	};
};
