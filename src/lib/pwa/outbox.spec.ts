import { describe, expect, it } from 'vitest';
import { queueStep, queueSubmit, replay, type ActionReply, type OutboxEntry, type OutboxStep } from './outbox';

/** A server like ours: pages save, the check page submits once per draft id. */
function fakeServer() {
	const submissions = new Map<string, string>();
	const saved: string[] = [];
	let down = false;
	let failAt: string | null = null;
	const post = async (step: OutboxStep): Promise<ActionReply> => {
		if (down) throw new TypeError('Failed to fetch');
		const draftId = step.url.split('/')[2];
		const receipt = submissions.get(draftId);
		if (receipt) return { type: 'redirect', location: receipt };
		if (step.url === failAt) return { type: 'failure' };
		if (step.url.endsWith('/tjek')) {
			const location = `/kvittering/REF-${submissions.size + 1}`;
			submissions.set(draftId, location);
			return { type: 'redirect', location };
		}
		saved.push(step.url);
		return { type: 'redirect', location: `/skema/${draftId}/next` };
	};
	return {
		post,
		submissions,
		saved,
		setDown: (d: boolean) => (down = d),
		failOn: (url: string) => (failAt = url)
	};
}

function queued(): OutboxEntry {
	let e = queueStep(undefined, 'd1', { url: '/skema/d1/travel', fields: [['travelDate-day', '']] }, '/skema/d1/travel');
	e = queueStep(e, 'd1', { url: '/skema/d1/contact', fields: [['email', 'a@example.dk']] }, '/skema/d1/contact');
	return queueSubmit(e, 'd1', '/skema/d1/tjek');
}

describe('the offline queue', () => {
	it('keeps the steps in the order they were taken, the submit last', () => {
		const e = queued();
		expect(e.steps.map((s) => s.url)).toEqual(['/skema/d1/travel', '/skema/d1/contact', '/skema/d1/tjek']);
		expect(e).toMatchObject({ submit: true, done: 0, state: 'waiting' });
	});

	it('sends the pages, then the submit, and ends with the receipt', async () => {
		const server = fakeServer();
		const result = await replay(queued(), server.post);
		expect(result).toMatchObject({ state: 'sent', receipt: '/kvittering/REF-1' });
		expect(server.saved).toEqual(['/skema/d1/travel', '/skema/d1/contact']);
	});

	it('gives one submission however often the same queue is replayed', async () => {
		const server = fakeServer();
		const entry = queued();
		// As if the tab closed before the result was written down: the same queue, three times.
		const results = await Promise.all([replay(entry, server.post), replay(entry, server.post), replay(entry, server.post)]);
		expect(server.submissions.size).toBe(1);
		expect(new Set(results.map((r) => r.receipt))).toEqual(new Set(['/kvittering/REF-1']));
	});

	it('waits while offline and goes on from the step it had reached', async () => {
		const server = fakeServer();
		const first = await replay(queued(), async (step) => {
			if (step.url.endsWith('/contact')) throw new TypeError('Failed to fetch');
			return server.post(step);
		});
		expect(first).toMatchObject({ state: 'waiting', done: 1 });
		server.setDown(true);
		expect(await replay(first, server.post)).toMatchObject({ state: 'waiting', done: 1 });
		server.setDown(false);
		const last = await replay(first, server.post);
		expect(last).toMatchObject({ state: 'sent', done: 3 });
		expect(server.saved).toEqual(['/skema/d1/travel', '/skema/d1/contact']);
	});

	it('does not replay a queue that was sent', async () => {
		const server = fakeServer();
		const sent = await replay(queued(), server.post);
		server.setDown(true);
		expect(await replay(sent, server.post)).toBe(sent);
	});

	it('stops for the citizen when the server refuses a page or wants a sign-in', async () => {
		const server = fakeServer();
		server.failOn('/skema/d1/contact');
		expect(await replay(queued(), server.post)).toMatchObject({ state: 'attention', done: 1 });
		const signIn = await replay(queued(), async () => ({ type: 'redirect', location: '/log-ind?redirectTo=%2Fskema' }));
		expect(signIn).toMatchObject({ state: 'signin', done: 0 });
		expect(server.submissions.size).toBe(0);
	});

	it('sends a draft back to its missing page when the check page finds it incomplete', async () => {
		const e = queueSubmit(undefined, 'd2', '/skema/d2/tjek');
		const result = await replay(e, async () => ({ type: 'redirect', location: '/skema/d2/contact?retur=tjek&fejl=1' }));
		expect(result).toMatchObject({ state: 'attention', formUrl: '/skema/d2/contact?retur=tjek&fejl=1' });
	});

	it('ends a queue without a submit as saved', async () => {
		const server = fakeServer();
		const e = queueStep(undefined, 'd3', { url: '/skema/d3/height', fields: [['height', '180']] }, '/skema/d3/height');
		expect(await replay(e, server.post)).toMatchObject({ state: 'saved', done: 1 });
	});

	it('starts a new queue after one that was sent', () => {
		const sent: OutboxEntry = { ...queued(), state: 'sent', done: 3 };
		const next = queueStep(sent, 'd1', { url: '/skema/d1/travel', fields: [] }, '/skema/d1/travel');
		expect(next).toMatchObject({ steps: [{ url: '/skema/d1/travel' }], done: 0, submit: false });
	});
});
