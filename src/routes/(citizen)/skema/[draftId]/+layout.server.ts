import { requireCitizen } from '$lib/server/auth/guards';
import { draftScope } from '$lib/server/forms/page';
import type { LayoutServerLoad } from './$types';

/**
 * What the browser needs to go on through the form without the network: the answers so far
 * and the register's facts the engine asks for. The citizen's own data, on a no-store page.
 */
export const load: LayoutServerLoad = (event) => {
	const citizen = requireCitizen(event);
	const { draft, form, ctx } = draftScope(citizen, event.params.draftId);
	return { pwaDraft: { draftId: draft.id, formId: form.id, answers: draft.answers, ctx } };
};
