import { error, redirect } from '@sveltejs/kit';
import { firstIncompletePage, firstPageId } from '$lib/forms/engine';
import { routes } from '$lib/routes';
import { requireAssurance, requireProxyService, requireSubject } from '$lib/server/auth/guards';
import { formContextFor } from '$lib/server/forms/context';
import { openDraft } from '$lib/server/forms/drafts';
import { currentForm, formVersion } from '$lib/server/forms/store';
import { findService } from '$lib/server/services/catalog';
import type { RequestHandler } from './$types';

/**
 * The start button. Sign-in is asked for here, when the form needs it, and not before.
 * Resumes the citizen's open draft for the form rather than starting a second one.
 */
export const GET: RequestHandler = async (event) => {
	const service = await findService(event.params.slug);
	const form = service?.kind === 'form' && service.formId ? await currentForm(service.formId) : undefined;
	if (!service || !form) error(404, 'not_found');
	// A link from another site lands on the service page: only the citizen's own click starts a form.
	if (event.request.headers.get('sec-fetch-site') === 'cross-site') redirect(303, routes.service(service.slug));
	const subject = requireSubject(event);
	await requireAssurance(subject, service);
	await requireProxyService(subject, service.slug);
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
