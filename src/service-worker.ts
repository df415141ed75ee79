/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute, setCatchHandler } from 'workbox-routing';
import { NetworkOnly, StaleWhileRevalidate } from 'workbox-strategies';
import { cachePolicy, mayStore, offlinePath } from '$lib/pwa/cache-policy';
import { flushOutbox, SYNC_TAG } from '$lib/pwa/sync';

declare const self: ServiceWorkerGlobalScope;

const PAGES = 'indgang-public-pages';

const OFFLINE_PAGES = ['/offline/da', '/offline/en'];

// The offline pages are fetched without cookies: a signed-in citizen's name must not be kept.
addPlugins([
	{
		requestWillFetch: async ({ request }) =>
			OFFLINE_PAGES.includes(new URL(request.url).pathname) ? new Request(request, { credentials: 'omit' }) : request
	}
]);
// Hashed build files are their own revision; static files and the offline pages change with the version.
// Browsers that read the fonts in the older formats never install a worker, so those stay out;
// of the font subsets only Latin-1 (Danish and English) is kept, the others load when a text needs them.
const assets = build.filter((url) => !/\.(woff|ttf|eot|otf)$/.test(url) && !(/\.woff2$/.test(url) && !/-Latin1\./.test(url)));
precacheAndRoute([...assets.map((url) => ({ url, revision: null })), ...[...files, ...OFFLINE_PAGES].map((url) => ({ url, revision: version }))]);
cleanupOutdatedCaches();
// The first install takes the open page at once, so it works offline from the first visit.
// An update waits for the citizen's "reload" instead (see PwaUpdate.svelte).
clientsClaim();

const sameOrigin = (url: URL) => url.origin === self.location.origin;

registerRoute(
	({ url, request }) => sameOrigin(url) && request.method === 'GET' && cachePolicy(url.pathname) === 'public',
	new StaleWhileRevalidate({
		cacheName: PAGES,
		plugins: [{ cacheWillUpdate: async ({ response }) => (mayStore(response.status, response.headers.get('cache-control')) ? response : null) }]
	})
);

const network = new NetworkOnly();
registerRoute(
	({ url, request }) => sameOrigin(url) && request.method === 'GET' && cachePolicy(url.pathname) === 'purge',
	async (options) => {
		await caches.delete(PAGES);
		return network.handle(options);
	}
);
// Everything else goes to the network; routed so that a failed navigation gets the offline page.
registerRoute(new NavigationRoute(network));

setCatchHandler(async ({ request }) => {
	if (request.mode !== 'navigate') return Response.error();
	const store = (self as unknown as { cookieStore?: { get(name: string): Promise<{ value: string } | null> } }).cookieStore;
	const lang = (await store?.get('lang').catch(() => null))?.value;
	return (await matchPrecache(offlinePath(lang, self.navigator.languages ?? []))) ?? Response.error();
});

self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('sync', (event) => {
	const e = event as ExtendableEvent & { tag: string };
	if (e.tag !== SYNC_TAG) return;
	// Rejecting tells the browser to try again later.
	e.waitUntil(
		flushOutbox().then((waiting) => {
			if (waiting) throw new Error('still offline');
		})
	);
});
