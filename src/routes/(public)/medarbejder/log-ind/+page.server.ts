import { formDataOf } from '$lib/server/http';
import { fail, redirect } from '@sveltejs/kit';
import { staffLogin } from '$lib/server/auth/staff';
import { startSession } from '$lib/server/auth/session';
import { routes, safeRedirect } from '$lib/routes';
import { staffOidcConfig } from '$lib/server/config';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), routes.staffHome);
	if (locals.staff) redirect(303, redirectTo);
	const refused = url.searchParams.get('fejl');
	return {
		redirectTo,
		sso: staffOidcConfig() !== null,
		ssoError: refused && /^sso_[a-z_]+$/.test(refused) ? refused : null,
		loggedOut: url.searchParams.get('logget-ud') === 'inaktiv' ? ('idle' as const) : url.searchParams.has('logget-ud')
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress }) => {
		const data = await formDataOf(request);
		const username = String(data.get('username') ?? '').trim().slice(0, 100);
		const password = String(data.get('password') ?? '').slice(0, 200);
		const redirectTo = safeRedirect(String(data.get('redirectTo') ?? ''), routes.staffHome);
		const errors = [
			...(username ? [] : [{ fieldId: 'username', code: 'username_required' }]),
			...(password ? [] : [{ fieldId: 'password', code: 'password_required' }])
		];
		if (errors.length) return fail(400, { username, errors });
		const result = await staffLogin(username, password, getClientAddress());
		if (!result.ok) {
			return fail(result.reason === 'rate_limited' ? 429 : 400, {
				username,
				errors: [
					result.reason === 'rate_limited'
						? { fieldId: 'username', code: 'rate_limited', params: { count: result.retryAfterSeconds } }
						: { fieldId: 'username', code: result.reason === 'no_second_factor' ? 'no_second_factor' : 'invalid_credentials' }
				]
			});
		}
		// The password is right; the session grants nothing until the second factor is too.
		await startSession(cookies, { kind: 'staff', staffId: result.staff.id, loa: 'low', provider: 'password', awaitingSecondFactor: true });
		redirect(303, routes.staffSecondFactor(redirectTo));
	}
};
