import { describe, expect, it } from 'vitest';
import { collapseAccessLog, type AccessRow } from './collapse';

const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00Z`);
const row = (hhmm: string, o: Partial<AccessRow> = {}): AccessRow => ({
	at: at(hhmm),
	role: 'staff',
	unit: 'Borgerservice',
	action: 'update',
	objectType: 'draft',
	purpose: 'citizen_enquiry',
	...o
});

describe('collapseAccessLog', () => {
	it('merges the pages of one visit into one line that says how often and from when to when', () => {
		const entries = collapseAccessLog([row('10:20'), row('10:15'), row('10:05')]);
		expect(entries).toEqual([expect.objectContaining({ at: at('10:20'), from: at('10:05'), count: 3 })]);
	});

	it('keeps different things, roles, units, purposes and actions apart', () => {
		const rows = [
			row('10:20'),
			row('10:19', { action: 'view' }),
			row('10:18', { objectType: 'submission' }),
			row('10:17', { role: 'manager' }),
			row('10:16', { unit: 'Ydelsescenter' }),
			row('10:15', { purpose: 'casework' })
		];
		expect(collapseAccessLog(rows).map((e) => e.count)).toEqual([1, 1, 1, 1, 1, 1]);
	});

	it('merges a visit whose reads and writes alternate, page by page, into one line of each', () => {
		const rows = ['10:09', '10:08', '10:05', '10:04', '10:01', '10:00'].map((t, i) => row(t, { action: i % 2 ? 'view' : 'update' }));
		expect(collapseAccessLog(rows).map((e) => [e.action, e.count, e.from.toISOString().slice(11, 16)])).toEqual([
			['update', 3, '10:01'],
			['view', 3, '10:00']
		]);
	});

	it('starts a new line after a pause longer than a visit, measured from the earliest merged access', () => {
		const entries = collapseAccessLog([row('12:00'), row('11:40'), row('11:20'), row('10:00')]);
		expect(entries.map((e) => [e.count, e.from.toISOString().slice(11, 16), e.at.toISOString().slice(11, 16)])).toEqual([
			[3, '11:20', '12:00'],
			[1, '10:00', '10:00']
		]);
	});

	it('gives nothing for nothing and never loses an access', () => {
		expect(collapseAccessLog([])).toEqual([]);
		const rows = Array.from({ length: 40 }, (_, i) => row(`${String(10 + Math.floor(i / 20)).padStart(2, '0')}:${String(59 - (i % 20) * 3).padStart(2, '0')}`, { action: i % 3 ? 'view' : 'update' }));
		expect(collapseAccessLog(rows).reduce((n, e) => n + e.count, 0)).toBe(40);
	});
});
