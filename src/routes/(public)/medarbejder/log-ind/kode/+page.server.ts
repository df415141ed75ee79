import { fail, redirect } from '@sveltejs/kit';
import { formDataOf } from '$lib/server/http';
import { checkSecondFactor } from '$lib/server/auth/staff';
import { startSession } from '$lib/server/auth/session';
import { routes, safeRedirect } from '$lib/routes';
import type { Actions, PageServerLoad } from './$types';

/** The second step of a staff sign-in with a password: a code from the app, or a recovery code. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), routes.staffHome);
	if (locals.staff) redirect(303, redirectTo);
	if (!locals.awaitingSecondFactor) redirect(303, routes.staffLogin(redirectTo));
	return { redirectTo };
};

export const actions: Actions = {
	default: async ({ request, cookies, locals, getClientAddress }) => {
		const data = await formDataOf(request);
		const redirectTo = safeRedirect(String(data.get('redirectTo') ?? ''), routes.staffHome);
		const pending = locals.awaitingSecondFactor;
		if (!pending) redirect(303, routes.staffLogin(redirectTo));
		const code = String(data.get('code') ?? '').trim().slice(0, 40);
		if (!code) return fail(400, { errors: [{ fieldId: 'code', code: 'code_required' }] });
		const result = await checkSecondFactor(pending.staff, code, getClientAddress());
		if (!result.ok) {
			const error = result.reason === 'rate_limited' ? { code: 'rate_limited', params: { count: result.retryAfterSeconds } } : { code: result.reason };
			return fail(result.reason === 'rate_limited' ? 429 : 400, { errors: [{ fieldId: 'code', ...error }] });
		}
		await startSession(cookies, { kind: 'staff', staffId: result.staff.id, loa: 'substantial', provider: 'password' });
		redirect(303, redirectTo);
	}
};
