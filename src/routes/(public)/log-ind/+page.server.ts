import { formDataOf } from '$lib/server/http';
import { fail, redirect } from '@sveltejs/kit';
import { isProduction, oidcConfig } from '$lib/server/config';
import { personRegister } from '$lib/server/register';
import { signInCitizen } from '$lib/server/auth/login';
import { isLevel } from '$lib/server/identity/assurance';
import { routes, safeRedirect } from '$lib/routes';
import type { Actions, PageServerLoad } from './$types';

/** The MitID test login exists only while no real issuer is configured, and never in production. */
function testLoginEnabled() {
	return oidcConfig() === null && !isProduction();
}

export const load: PageServerLoad = ({ url, locals }) => {
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), routes.myCases);
	if (locals.citizen) redirect(303, redirectTo);
	const level = url.searchParams.get('niveau');
	return {
		redirectTo,
		level: isLevel(level) ? level : null,
		testLogin: testLoginEnabled(),
		// Names only: the test login shows who each test person is, never their CPR number.
		testPersons: testLoginEnabled() ? personRegister().testPersons().map((p) => ({ id: p.id, name: p.name })) : []
	};
};

export const actions: Actions = {
	test: async ({ request, cookies }) => {
		if (!testLoginEnabled()) return fail(404, { error: 'disabled' });
		const data = await formDataOf(request);
		const personId = String(data.get('person') ?? '');
		const redirectTo = safeRedirect(String(data.get('redirectTo') ?? ''), routes.myCases);
		const person = personRegister().testPersons().find((p) => p.id === personId);
		if (!person) return fail(400, { error: 'choose_person', redirectTo });
		const level = data.get('level');
		await signInCitizen(cookies, { cpr: person.cpr, name: person.name, loa: isLevel(level) ? level : 'substantial', provider: 'test' });
		redirect(303, redirectTo);
	}
};
