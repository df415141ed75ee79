import { redirect } from '@sveltejs/kit';
import { isLang, LANG_COOKIE } from '$lib/i18n';
import { safeRedirect } from '$lib/routes';
import type { RequestHandler } from './$types';

/** A plain link switches language, so it works without JavaScript; the choice is remembered. */
export const GET: RequestHandler = ({ url, cookies }) => {
	const lang = url.searchParams.get('lang');
	if (isLang(lang)) {
		cookies.set(LANG_COOKIE, lang, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: false, secure: true });
	}
	redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
};
