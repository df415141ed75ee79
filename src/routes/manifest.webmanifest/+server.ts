import { translator } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** The web app manifest in the citizen's language (the cookie's, else the browser's). */
export const GET: RequestHandler = async ({ locals }) => {
	const t = await translator(locals.lang);
	const icon = (src: string, sizes: string, purpose: string) => ({ src, sizes, type: 'image/png', purpose });
	const manifest = {
		id: '/',
		lang: locals.lang,
		dir: 'ltr',
		name: t('pwa.appName'),
		short_name: t('pwa.shortName'),
		description: t('pwa.description'),
		start_url: '/',
		scope: '/',
		display: 'standalone',
		theme_color: '#004993',
		background_color: '#ffffff',
		icons: [
			icon('/icons/icon-192.png', '192x192', 'any'),
			icon('/icons/icon-512.png', '512x512', 'any'),
			icon('/icons/maskable-192.png', '192x192', 'maskable'),
			icon('/icons/maskable-512.png', '512x512', 'maskable')
		]
	};
	return new Response(JSON.stringify(manifest), {
		headers: { 'content-type': 'application/manifest+json; charset=utf-8', vary: 'Cookie, Accept-Language' }
	});
};
