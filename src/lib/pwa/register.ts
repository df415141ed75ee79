/**
 * Registers the service worker and says when a new version waits. A new worker waits until
 * the citizen chooses to reload, so old and new code never mix; the first one takes over at
 * once (clientsClaim in the worker). The browser's own API does this in a few lines, where
 * workbox-window cost 2 KB of every first load (a form page's budget is 55,000 B).
 */
export async function registerServiceWorker(
	container: ServiceWorkerContainer,
	onWaiting: (activate: () => void) => void,
	reload: () => void = () => location.reload()
): Promise<void> {
	const registration = await container.register('/service-worker.js');
	const offer = (worker: ServiceWorker) =>
		onWaiting(() => {
			container.addEventListener('controllerchange', reload, { once: true });
			worker.postMessage({ type: 'SKIP_WAITING' });
		});
	// Without a controller this is the first install, not an update.
	if (registration.waiting && container.controller) offer(registration.waiting);
	registration.addEventListener('updatefound', () => {
		const worker = registration.installing;
		worker?.addEventListener('statechange', () => {
			if (worker.state === 'installed' && container.controller) offer(worker);
		});
	});
}
