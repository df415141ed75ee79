/**
 * The queue of form posts made while offline, and how it is replayed. No I/O here: the
 * caller passes the function that posts, so the same logic runs in the page, in the
 * service worker's background sync, and in the tests.
 */

/** One form post as the browser would have sent it: the page's URL and its fields. */
export interface OutboxStep {
	url: string;
	fields: [string, string][];
}

export type OutboxState = 'waiting' | 'sent' | 'saved' | 'attention' | 'signin';

export interface OutboxEntry {
	/** The draft's id, which is also the server's idempotency key for the submission. */
	draftId: string;
	steps: OutboxStep[];
	/** The last step is the check page's submit. */
	submit: boolean;
	/** Steps the server has already taken: a replay goes on from here. */
	done: number;
	state: OutboxState;
	receipt?: string;
	/** Where the citizen can pick the form up again when the server would not take it. */
	formUrl: string;
}

/** SvelteKit's answer to an enhanced form post (`x-sveltekit-action`), as far as we read it. */
export type ActionReply =
	| { type: 'redirect'; location: string }
	| { type: 'success' }
	| { type: 'failure' }
	| { type: 'error' };

/** Throws when the network is down; anything the server said comes back as a reply. */
export type PostStep = (step: OutboxStep) => Promise<ActionReply>;

export function queueStep(entry: OutboxEntry | undefined, draftId: string, step: OutboxStep, formUrl: string): OutboxEntry {
	const base = entry && entry.state === 'waiting' ? entry : { draftId, steps: [], submit: false, done: 0, state: 'waiting' as const, formUrl };
	return { ...base, steps: [...base.steps, step], formUrl };
}

export function queueSubmit(entry: OutboxEntry | undefined, draftId: string, checkUrl: string): OutboxEntry {
	const queued = queueStep(entry, draftId, { url: checkUrl, fields: [] }, checkUrl);
	return { ...queued, submit: true };
}

const RECEIPT = /^\/kvittering\/[^/?#]+$/;
const SIGN_IN = /^\/(medarbejder\/)?log-ind(\?|$)/;

/**
 * Sends the steps not yet taken, in order. A draft already submitted answers every post
 * with its receipt, so replaying a queue, even one that was sent before, gives one submission.
 */
export async function replay(entry: OutboxEntry, post: PostStep): Promise<OutboxEntry> {
	if (entry.state === 'sent') return entry;
	let done = entry.done;
	try {
		for (; done < entry.steps.length; done++) {
			const reply = await post(entry.steps[done]);
			if (reply.type !== 'redirect') return { ...entry, done, state: 'attention' };
			const path = reply.location.replace(/^https?:\/\/[^/]+/, '');
			if (RECEIPT.test(path)) return { ...entry, done: entry.steps.length, state: 'sent', receipt: path };
			if (SIGN_IN.test(path)) return { ...entry, done, state: 'signin' };
			// The check page sends an incomplete draft back to the page that is missing.
			if (entry.submit && done === entry.steps.length - 1) return { ...entry, done, state: 'attention', formUrl: path };
		}
	} catch {
		return { ...entry, done, state: 'waiting' };
	}
	return { ...entry, done, state: 'saved' };
}
