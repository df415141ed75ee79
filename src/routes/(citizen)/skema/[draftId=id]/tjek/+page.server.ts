import { redirect } from '@sveltejs/kit';
import { checkRows, firstIncompletePage, visiblePages } from '$lib/forms/engine';
import { routes } from '$lib/routes';
import { requireSubject } from '$lib/server/auth/guards';
import { draftScope } from '$lib/server/forms/page';
import { pageReached } from '$lib/server/forms/funnel';
import { FUNNEL_CHECK } from '$lib/reports/breakdowns';
import { submitDraft } from '$lib/server/forms/submissions';
import { receiptMail } from '$lib/server/forms/receipt-mail';
import { serverTextsT } from '$lib/server/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const scope = await draftScope(requireSubject(event), event.params.draftId, 'view');
	const incomplete = firstIncompletePage(scope.form, scope.draft.answers, scope.ctx);
	// Back to what is missing, with its errors shown, and then straight back here.
	if (incomplete) redirect(303, `${routes.formPage(scope.draft.id, incomplete, true)}&fejl=1`);
	await pageReached(scope.draft.id, FUNNEL_CHECK);
	const pages = visiblePages(scope.form, scope.draft.answers, scope.ctx);
	return {
		formId: scope.form.id,
		serviceSlug: scope.form.serviceSlug,
		draftId: scope.draft.id,
		options: scope.ctx.options,
		rows: checkRows(scope.form, scope.draft.answers, scope.ctx),
		backHref: routes.formPage(scope.draft.id, pages.at(-1)!.id)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const subject = requireSubject(event);
		const scope = await draftScope(subject, event.params.draftId, 'update');
		const incomplete = firstIncompletePage(scope.form, scope.draft.answers, scope.ctx);
		if (incomplete) redirect(303, `${routes.formPage(scope.draft.id, incomplete, true)}&fejl=1`);
		const lang = event.locals.lang;
		const t = await serverTextsT(lang, { serviceSlugs: [scope.form.serviceSlug] });
		const { submission } = await submitDraft({
			...scope,
			subject,
			lang,
			receiptMail: (s) => receiptMail(t, s, scope.form, event.url.origin)
		});
		redirect(303, routes.receipt(submission.reference));
	}
};
