import { describe, expect, it } from 'vitest';
import { messageIdOf } from '.';

describe('an e-mail’s Message-ID', () => {
	it('is the same for every attempt at one message, and differs between messages', () => {
		const from = 'Borgerservice <borgerservice@eksempel-kommune.dk>';
		const first = messageIdOf({ dedupeKey: 'receipt:abc' }, from);
		expect(first).toMatch(/^<[0-9a-f]{32}@eksempel-kommune\.dk>$/);
		expect(messageIdOf({ dedupeKey: 'receipt:abc' }, from)).toBe(first);
		expect(messageIdOf({ dedupeKey: 'receipt:abd' }, from)).not.toBe(first);
	});
});
