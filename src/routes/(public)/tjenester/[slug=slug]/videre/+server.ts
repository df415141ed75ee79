import { error, redirect } from '@sveltejs/kit';
import { subjectOf } from '$lib/server/auth/guards';
import { FailureLimiter } from '$lib/server/auth/rate-limit';
import { recordContactEvent, selfService, staffOf } from '$lib/server/channels/events';
import { findService } from '$lib/server/services/catalog';
import type { RequestHandler } from './$types';

/** Referrals counted per address: a script following the link in a loop must not move the channel report. */
const referrals = new FailureLimiter('referral', 30, 60 * 60 * 1000);

/**
 * A national solution (borger.dk) is a digital transaction the municipality's citizens do:
 * starting it here is counted as such (`referred_national`), then the citizen leaves for it.
 * A link (a GET: the CSP's form-action would refuse a form's redirect to another site). Not
 * counted when it comes from another site.
 */
export const GET: RequestHandler = async (event) => {
	const service = await findService(event.params.slug);
	if (!service || service.kind !== 'national' || !service.externalUrl) error(404, 'not_found');
	const subject = subjectOf(event.locals);
	const actor = subject?.actor ?? selfService;
	const counted = event.request.headers.get('sec-fetch-site') !== 'cross-site' && !(await referrals.hit(event.getClientAddress())).blocked;
	if (counted)
		await recordContactEvent({
			event: 'referred_national',
			channel: actor.channel,
			assistance: actor.assistance,
			kind: 'transaction',
			serviceSlug: service.slug,
			...staffOf(actor),
			citizenCpr: subject?.citizen.cpr ?? null
		});
	redirect(303, service.externalUrl);
};
