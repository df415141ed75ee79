import { error, redirect } from '@sveltejs/kit';
import { firstIncompletePage, firstPageId } from '$lib/forms/engine';
import { routes } from '$lib/routes';
import { requireSubject, subjectOf } from '$lib/server/auth/guards';
import { FailureLimiter } from '$lib/server/auth/rate-limit';
import { recordContactEvent, selfService } from '$lib/server/channels/events';
import { formContextFor } from '$lib/server/forms/context';
import { openDraft } from '$lib/server/forms/drafts';
import { currentForm, formVersion } from '$lib/server/forms/store';
import { findService } from '$lib/server/services/catalog';
import type { RequestEvent, RequestHandler } from './$types';

/** Referrals counted per address: a script following the link in a loop must not move the channel report. */
const referrals = new FailureLimiter('referral', 30, 60 * 60 * 1000);

/**
 * A national solution (borger.dk) is a digital transaction the municipality's citizens do:
 * starting it here is counted as such (`referred_national`), then the citizen leaves for it.
 * A link from another site is not counted.
 */
async function referNational(event: RequestEvent, serviceSlug: string, url: string): Promise<never> {
	const subject = subjectOf(event.locals);
	const actor = subject?.actor ?? selfService;
	const counted = event.request.headers.get('sec-fetch-site') !== 'cross-site' && !(await referrals.hit(event.getClientAddress())).blocked;
	if (counted)
		await recordContactEvent({
			event: 'referred_national',
			channel: actor.channel,
			assistance: actor.assistance,
			kind: 'transaction',
			serviceSlug,
			staffRole: actor.staff?.role ?? null,
			citizenCpr: subject?.citizen.cpr ?? null
		});
	redirect(303, url);
}

/**
 * The start button. Sign-in is asked for here, when the form needs it, and not before.
 * Resumes the citizen's open draft for the form rather than starting a second one.
 */
export const GET: RequestHandler = async (event) => {
	const service = await findService(event.params.slug);
	if (service?.kind === 'national' && service.externalUrl) return referNational(event, service.slug, service.externalUrl);
	const form = service?.kind === 'form' && service.formId ? await currentForm(service.formId) : undefined;
	if (!service || !form) error(404, 'not_found');
	// A link from another site lands on the service page: only the citizen's own click starts a form.
	if (event.request.headers.get('sec-fetch-site') === 'cross-site') redirect(303, routes.service(service.slug));
	const subject = requireSubject(event);
	const ctx = formContextFor(subject.citizen);
	if (form.requiresOptions && !ctx.options[form.requiresOptions]?.length) {
		redirect(303, `${routes.service(service.slug)}?mangler=${form.requiresOptions}`);
	}
	const draft = await openDraft(subject, form, ctx);
	// An open draft goes on with the version it began with.
	const begun = draft.formVersion === form.version ? form : await formVersion(draft.formId, draft.formVersion);
	if (!begun) error(404, 'not_found');
	// A new draft starts at the first page, so the citizen sees what was pre-filled.
	const fresh = draft.updatedAt.getTime() === draft.createdAt.getTime();
	const page = fresh ? firstPageId(begun, draft.answers, ctx) : firstIncompletePage(begun, draft.answers, ctx);
	redirect(303, page ? routes.formPage(draft.id, page) : routes.checkAnswers(draft.id));
};
