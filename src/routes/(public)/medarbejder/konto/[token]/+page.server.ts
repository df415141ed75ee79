import { fail } from '@sveltejs/kit';
import { formDataOf } from '$lib/server/http';
import { completeSetup, setupLinkState } from '$lib/server/auth/accounts';
import { qrSvgPath } from '$lib/server/assisted/qr';
import { totpKeyText, totpUri } from '$lib/server/auth/second-factor';
import type { Actions, PageServerLoad } from './$types';

const ISSUER = 'Indgang';

/** A staff account's one-time set-up link: a password, the authenticator app, recovery codes. */
export const load: PageServerLoad = async ({ params }) => {
	const link = await setupLinkState(params.token);
	if (link.state !== 'ok') return { expired: true as const };
	return {
		expired: false as const,
		name: link.account.displayName,
		username: link.account.username,
		qr: qrSvgPath(totpUri(ISSUER, link.account.username, link.totpKey)),
		key: totpKeyText(link.totpKey)
	};
};

export const actions: Actions = {
	default: async ({ request, params }) => {
		const data = await formDataOf(request);
		const field = (name: string) => String(data.get(name) ?? '').slice(0, 300);
		const result = await completeSetup(params.token, field('password'), field('repeat'), field('code'));
		if ('expired' in result) return fail(410, { expired: true as const });
		if (!result.ok) return fail(400, { errors: result.errors });
		return { username: result.username, recoveryCodes: result.recoveryCodes };
	}
};
