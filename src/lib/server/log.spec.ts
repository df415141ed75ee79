import { describe, expect, it } from 'vitest';
import { scrub } from './log';

describe('the log scrubs personal data from every string', () => {
	it('masks CPR numbers, e-mail addresses, phone numbers and tokens', () => {
		expect(scrub('recipient anna@example.dk rejected')).toBe('recipient [email] rejected');
		expect(scrub('cpr 170448-1234 and 1704481234')).toBe('cpr [cpr] and [cpr]');
		expect(scrub('sms to 21 34 56 78, +45 21345678 and 21345678')).toBe('sms to [phone], [phone] and [phone]');
		expect(scrub('/aftale/Zk3mT9qLw2Xc8vBn4HjR6pYs/aflys')).toBe('/aftale/[token]/aflys');
	});
	it('leaves what operators need alone: route ids, statuses, durations, times, ports', () => {
		const line = 'POST /skema/[draftId=id]/tjek 303 in 12.5 ms at 2026-12-01T10:00:00.000Z via 127.0.0.1:5432';
		expect(scrub(line)).toBe(line);
	});
});
