import { requireSubject } from '$lib/server/auth/guards';
import { findDraft } from '$lib/server/forms/drafts';
import { draftScope } from '$lib/server/forms/page';
import { formVersion } from '$lib/server/forms/store';
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
	const form = found ? await formVersion(found.formId, found.formVersion) : undefined;
	const texts = found ? await pageTexts(event.locals.lang, { forms: form ? [form] : [], serviceSlugs: [found.serviceSlug] }) : {};
	if (subject.operator || event.locals.kiosk || !form) return { pwaDraft: null, texts };
	const { draft, ctx } = await draftScope(subject, event.params.draftId, 'view');
	// The definition comes as data, so that the browser can go on without the network.
	return { pwaDraft: { draftId: draft.id, form, answers: draft.answers, ctx }, texts };
};
