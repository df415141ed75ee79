import { error, fail, redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { requireSubject } from '$lib/server/auth/guards';
import { endGuidance, normaliseHelpCode, redeemHelpCode } from '$lib/server/assisted/help';
import { HELP_CODE_DIGITS } from '$lib/server/assisted/help-limits';
import { formDataOf } from '$lib/server/http';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Only a citizen on their own device enters a helper's code; staff serving someone do not. */
function citizenSession(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const subject = requireSubject(event);
	if (subject.operator || !event.locals.session) error(403, 'forbidden');
	return event.locals.session;
}

export const load: PageServerLoad = (event) => {
	const session = citizenSession(event);
	return {
		// Scanned from the helper's QR code: the code is filled in, the citizen still confirms.
		code: normaliseHelpCode(event.url.searchParams.get('kode')).slice(0, HELP_CODE_DIGITS),
		guidedBy: session.guideRole,
		started: event.url.searchParams.has('aktiv'),
		ended: event.url.searchParams.has('afsluttet')
	};
};

export const actions: Actions = {
	redeem: async (event) => {
		const session = citizenSession(event);
		const raw = (await formDataOf(event.request)).get('kode');
		const code = normaliseHelpCode(raw);
		const values = { kode: typeof raw === 'string' ? raw.slice(0, 20) : '' };
		if (code.length !== HELP_CODE_DIGITS) return fail(400, { errors: [{ fieldId: 'kode', code: 'code_format' }], values });
		const result = await redeemHelpCode(session, code);
		if (result !== 'ok') return fail(result === 'limited' ? 429 : 400, { errors: [{ fieldId: 'kode', code: `code_${result}` }], values });
		redirect(303, `${routes.helpCode()}?aktiv=1`);
	},
	end: async (event) => {
		const session = citizenSession(event);
		await endGuidance(session.id);
		redirect(303, `${routes.helpCode()}?afsluttet=1`);
	}
};
