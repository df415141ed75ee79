import { fail, redirect } from '@sveltejs/kit';
import { COMMENT_MAX } from '$lib/feedback/mask';
import { routes, safeRedirect } from '$lib/routes';
import { feedbackLimiter, giveFeedback } from '$lib/server/feedback';
import { formDataOf } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

/** Nothing to show without a score just given: the question lives on the receipt, the booking and the kiosk. */
export const load: PageServerLoad = () => ({ commentMax: COMMENT_MAX });

export const actions: Actions = {
	default: async (event) => {
		const data = await formDataOf(event.request);
		const back = safeRedirect(String(data.get('tilbage') ?? ''), routes.home);
		const token = String(data.get('token') ?? '');
		const comment = data.get('kommentar');
		const kept = { token, back, score: String(data.get('score') ?? ''), comment: typeof comment === 'string' ? comment : '' };
		if ((await feedbackLimiter.hit(event.getClientAddress())).blocked) return fail(429, { ...kept, error: 'limited' as const });
		const result = await giveFeedback(token, data.get('score'), comment);
		if (!result.ok && result.error !== 'comment_too_long') {
			// A stale or made-up question: nothing to keep, back where the citizen came from.
			if (result.error === 'token') redirect(303, back);
			return fail(400, { ...kept, error: result.error });
		}
		if (!result.ok) return fail(400, { ...kept, stage: 'scored' as const, error: result.error });
		return { ...kept, stage: typeof comment === 'string' ? ('commented' as const) : ('scored' as const) };
	}
};
