import { describe, expect, it, vi } from 'vitest';
import { registerServiceWorker } from './register';

/** Stand-ins with the browser's events, enough to drive the registration's states. */
class FakeWorker extends EventTarget {
	state: ServiceWorkerState = 'installing';
	posted: unknown[] = [];
	postMessage(m: unknown) {
		this.posted.push(m);
	}
	become(state: ServiceWorkerState) {
		this.state = state;
		this.dispatchEvent(new Event('statechange'));
	}
}
class FakeRegistration extends EventTarget {
	waiting: FakeWorker | null = null;
	installing: FakeWorker | null = null;
}
function container(o: { controlled: boolean; registration: FakeRegistration }) {
	const target = new EventTarget();
	return Object.assign(target, {
		controller: o.controlled ? {} : null,
		register: vi.fn(async () => o.registration)
	}) as unknown as ServiceWorkerContainer & EventTarget;
}

describe('the service worker registration', () => {
	it('offers a waiting update, and activating it sends SKIP_WAITING and reloads once the new worker controls', async () => {
		const registration = new FakeRegistration();
		const c = container({ controlled: true, registration });
		const reload = vi.fn();
		let activate: (() => void) | null = null;
		await registerServiceWorker(c, (a) => (activate = a), reload);
		expect(c.register).toHaveBeenCalledWith('/service-worker.js');
		expect(activate).toBeNull();

		const next = new FakeWorker();
		registration.installing = next;
		registration.dispatchEvent(new Event('updatefound'));
		next.become('installed');
		expect(activate).not.toBeNull();
		activate!();
		expect(next.posted).toEqual([{ type: 'SKIP_WAITING' }]);
		expect(reload).not.toHaveBeenCalled();
		c.dispatchEvent(new Event('controllerchange'));
		expect(reload).toHaveBeenCalledTimes(1);
	});

	it('offers an update that was already waiting when the page loaded', async () => {
		const registration = new FakeRegistration();
		registration.waiting = new FakeWorker();
		let offered = false;
		await registerServiceWorker(container({ controlled: true, registration }), () => (offered = true));
		expect(offered).toBe(true);
	});

	it('offers nothing on the first install, when no worker controlled the page', async () => {
		const registration = new FakeRegistration();
		let offered = false;
		await registerServiceWorker(container({ controlled: false, registration }), () => (offered = true));
		const first = new FakeWorker();
		registration.installing = first;
		registration.dispatchEvent(new Event('updatefound'));
		first.become('installed');
		expect(offered).toBe(false);
	});
});
