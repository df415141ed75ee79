import { error, fail, redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { requireSubject } from '$lib/server/auth/guards';
import { answerConsent, applicantOf, consentById, mayAnswer } from '$lib/server/cases/consent';
import { formDataOf } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

/** The request, for the named parent only: anyone else signed in is told it is not theirs. */
async function ownConsent(event: Parameters<typeof requireSubject>[0] & { params: { id: string } }) {
	const subject = requireSubject(event);
	const consent = await consentById(event.params.id);
	if (!consent) error(404, 'not_found');
	if (!mayAnswer(consent, subject)) error(403, 'consent_not_yours');
	return { subject, consent };
}

export const load: PageServerLoad = async (event) => {
	const { consent } = await ownConsent(event);
	return {
		childName: consent.childName,
		applicant: await applicantOf(consent),
		state: consent.state,
		answered: event.url.searchParams.has('besvaret')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { subject, consent } = await ownConsent(event);
		const answer = (await formDataOf(event.request)).get('samtykke');
		if (answer !== 'given' && answer !== 'declined') return fail(400, { errors: [{ fieldId: 'samtykke-given', code: 'choice' }] });
		await answerConsent(consent, subject, answer === 'given');
		redirect(303, `${routes.consent(consent.id)}?besvaret=1`);
	}
};
