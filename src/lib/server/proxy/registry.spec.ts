import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureRegistry, httpRegistry, type PowerOfAttorney } from './registry';

const RUTH = '0303381234';
const SOREN = '0909651234';
const powers: PowerOfAttorney[] = [
	{ reference: 'FM-1', giverCpr: RUTH, holderCpr: SOREN, services: ['nyt-sundhedskort'], validUntil: null },
	{ reference: 'FM-2', giverCpr: RUTH, holderCpr: SOREN, services: ['ansoeg-om-pas'], validUntil: '2020-12-31' }
];

describe('the power-of-attorney lookup', () => {
	it('in the fixture: powers held and given, those that ran out left out', async () => {
		const registry = fixtureRegistry(powers);
		expect((await registry.heldBy(SOREN, '2026-12-02')).map((p) => p.reference)).toEqual(['FM-1']);
		expect((await registry.heldBy(SOREN, '2020-06-01')).map((p) => p.reference)).toEqual(['FM-1', 'FM-2']);
		expect((await registry.givenBy(RUTH, '2026-12-02')).map((p) => p.reference)).toEqual(['FM-1']);
		expect(await registry.heldBy(RUTH, '2026-12-02')).toEqual([]);
	});

	describe('over HTTP, against a real server', () => {
		let server: http.Server;
		let url = '';
		const seen: { path: string; auth: string | undefined; body: string }[] = [];
		let answer: (path: string) => { status: number; body: string } = () => ({ status: 200, body: JSON.stringify({ powers }) });
		beforeAll(async () => {
			server = http.createServer((req, res) => {
				let body = '';
				req.on('data', (chunk: Buffer) => (body += chunk));
				req.on('end', () => {
					seen.push({ path: req.url ?? '', auth: req.headers.authorization, body });
					const a = answer(req.url ?? '');
					res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
				});
			});
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
		});
		afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

		it('sends the CPR number in the body with the token, never in the URL, and keeps only valid powers', async () => {
			const registry = httpRegistry(url, 'secret-token');
			expect((await registry.heldBy(SOREN, '2026-12-02')).map((p) => p.reference)).toEqual(['FM-1']);
			await registry.givenBy(RUTH, '2026-12-02');
			expect(seen.map((s) => s.path)).toEqual(['/powers/held', '/powers/given']);
			expect(seen.every((s) => !s.path.includes(SOREN) && !s.path.includes(RUTH))).toBe(true);
			expect(JSON.parse(seen[0].body)).toEqual({ holderCpr: SOREN });
			expect(seen[0].auth).toBe('Bearer secret-token');
		});

		it('reads garbage as no powers, and a failing service as an error', async () => {
			const registry = httpRegistry(url, null);
			answer = () => ({ status: 200, body: '{"powers": [{"reference": 7}, "x"]}' });
			expect(await registry.heldBy(SOREN, '2026-12-02')).toEqual([]);
			answer = () => ({ status: 200, body: 'not json' });
			expect(await registry.heldBy(SOREN, '2026-12-02')).toEqual([]);
			answer = () => ({ status: 503, body: '' });
			await expect(registry.heldBy(SOREN, '2026-12-02')).rejects.toThrow(/503/);
		});
	});
});
