import { requireSubject } from '$lib/server/auth/guards';
import { findDraft } from '$lib/server/forms/drafts';
import { draftScope } from '$lib/server/forms/page';
import { pageTexts } from '$lib/server/i18n';
import type { LayoutServerLoad } from './$types';

/**
 * What the browser needs to go on through the form without the network: the answers so far
 * and the register's facts the engine asks for. The citizen's own data, on a no-store page.
 * Only for citizens on their own device: a staff member serving a citizen (medbetjening) and
 * a kiosk keep nothing of a citizen's in the browser (and the page load does the audited read).
 */
export const load: LayoutServerLoad = async (event) => {
	const subject = requireSubject(event);
	// The form's own texts, for every page of it (no personal data: the pages' loads do the audited read).
	const found = await findDraft(event.params.draftId, subject.citizen.id);
	const texts = found ? pageTexts(event.locals.lang, { formIds: [found.formId], serviceSlugs: [found.serviceSlug] }) : {};
	if (subject.operator || event.locals.kiosk) return { pwaDraft: null, texts };
	const { draft, form, ctx } = await draftScope(subject, event.params.draftId, 'view');
	return { pwaDraft: { draftId: draft.id, formId: form.id, answers: draft.answers, ctx }, texts };
};
