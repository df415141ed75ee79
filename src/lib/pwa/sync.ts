import { replay, type ActionReply, type OutboxEntry, type OutboxStep } from './outbox';
import { hasStore, outbox, typing } from './store';

/**
 * Sending the offline queue, from a page (on start and when the network returns) or from the
 * service worker (Background Sync). A lock keeps the two from sending the same queue at once;
 * the server would still make one submission of it, but the citizen would see two "sending".
 */
export const SYNC_TAG = 'indgang-outbox';
const CHANNEL = 'indgang-outbox';

export type OutboxNews = Pick<OutboxEntry, 'draftId' | 'state' | 'receipt' | 'formUrl'> | { draftId: string; state: 'sending' };

async function postStep(step: OutboxStep): Promise<ActionReply> {
	const body = new URLSearchParams();
	for (const [k, v] of step.fields) body.append(k, v);
	// The same request `use:enhance` makes, so the answer is JSON rather than a redirect to follow.
	const res = await fetch(step.url, {
		method: 'POST',
		body,
		credentials: 'same-origin',
		headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	if (!res.headers.get('content-type')?.includes('application/json')) return { type: 'error' };
	const reply = (await res.json()) as ActionReply;
	return reply.type === 'redirect' ? { type: 'redirect', location: reply.location } : reply;
}

function withLock<T>(fn: () => Promise<T>): Promise<T> {
	const locks = (globalThis.navigator as Navigator | undefined)?.locks;
	return locks ? (locks.request(CHANNEL, fn) as Promise<T>) : fn();
}

const local = new EventTarget();

function tell(news: OutboxNews) {
	local.dispatchEvent(new CustomEvent('news', { detail: news }));
	try {
		const channel = new BroadcastChannel(CHANNEL);
		channel.postMessage(news);
		channel.close();
	} catch {
		// No BroadcastChannel: this context still heard it.
	}
}

/** News of queued posts from this page, other tabs and the service worker. */
export function listen(fn: (news: OutboxNews) => void): () => void {
	const onLocal = (e: Event) => fn((e as CustomEvent<OutboxNews>).detail);
	local.addEventListener('news', onLocal);
	const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
	if (channel) channel.onmessage = (e) => fn(e.data as OutboxNews);
	return () => {
		local.removeEventListener('news', onLocal);
		channel?.close();
	};
}

/** Sends every waiting queue; true when something still waits for the network. */
export function flushOutbox(): Promise<boolean> {
	return withLock(async () => {
		let waiting = false;
		if (!(await hasStore())) return waiting;
		for (const entry of await outbox.all()) {
			// Signed out in between: tried again once the citizen is back.
			if (entry.state !== 'waiting' && entry.state !== 'signin') continue;
			tell({ draftId: entry.draftId, state: 'sending' });
			const result = await replay(entry, postStep);
			if (result.state === 'waiting') {
				waiting = true;
				await outbox.put(result);
			} else if (result.state === 'signin') await outbox.put(result);
			else {
				// The server has what it would take; the rest the citizen sees in the form.
				await outbox.delete(entry.draftId);
				await typing.deleteDraft(entry.draftId);
			}
			tell({ draftId: result.draftId, state: result.state, receipt: result.receipt, formUrl: result.formUrl });
		}
		return waiting;
	});
}

/** Asks for Background Sync where the browser has it; elsewhere the next start sends it. */
export async function requestSync(): Promise<void> {
	try {
		const reg = (await navigator.serviceWorker?.ready) as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
		await reg?.sync?.register(SYNC_TAG);
	} catch {
		// No service worker or no permission: the page sends it when the network returns.
	}
}
