import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		adapter: adapter(),
		// dkfds only exports its JavaScript; its stylesheet and assets are reached by path.
		alias: { $dkfds: 'node_modules/dkfds/dist' },
		// src/service-worker.ts is built by Kit; PwaUpdate registers it through workbox-window.
		serviceWorker: { register: false },
		// The origin check is the portal's own (src/lib/server/origin.ts): for every state-changing
		// request, not only form posts, and refused with the portal's own error page.
		csrf: { trustedOrigins: ['*'] },
		// Absolute asset paths: an error page drawn in place of another URL's response (see
		// src/lib/server/error-pages.ts) must find its stylesheet from wherever it is shown.
		paths: { relative: false },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				// Kit's route announcer sets a style attribute; attributes cannot run script.
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
