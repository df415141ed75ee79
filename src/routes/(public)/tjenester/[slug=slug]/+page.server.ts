import { error, redirect } from '@sveltejs/kit';
import { appointmentTypes } from '$lib/server/booking/setup';
import { subjectOf } from '$lib/server/auth/guards';
import { FailureLimiter } from '$lib/server/auth/rate-limit';
import { recordContactEvent, selfService } from '$lib/server/channels/events';
import { findService, serviceView } from '$lib/server/services/catalog';
import type { Actions, PageServerLoad } from './$types';

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

/** Referrals counted per address: a script posting in a loop must not move the channel report. */
const referrals = new FailureLimiter('referral', 30, 60 * 60 * 1000);

export const actions: Actions = {
	/**
	 * A national solution (borger.dk) is a digital transaction the municipality's citizens do:
	 * starting it here is counted as such (`referred_national`), then the citizen leaves for it.
	 */
	national: async (event) => {
		const service = await findService(event.params.slug);
		if (!service || service.kind !== 'national' || !service.externalUrl) error(404, 'not_found');
		const subject = subjectOf(event.locals);
		const actor = subject?.actor ?? selfService;
		if (!(await referrals.hit(event.getClientAddress())).blocked)
			await recordContactEvent({
				event: 'referred_national',
				channel: actor.channel,
				assistance: actor.assistance,
				kind: 'transaction',
				serviceSlug: service.slug,
				staffRole: actor.staff?.role ?? null,
				citizenCpr: subject?.citizen.cpr ?? null
			});
		redirect(303, service.externalUrl);
	}
};
