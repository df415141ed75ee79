import { describe, expect, it } from 'vitest';
import { db, tables } from '$lib/server/db';
import { useTestDatabase } from '$lib/server/db/testing';
import { citizenKey, eventDay, recordFormEvent, selfService } from './events';

useTestDatabase('unlinkable');

/**
 * The attack the issue measured (320 of 320 "form submitted" events matched their submissions
 * by the millisecond): the rows are what the callers pass (a submission's, an appointment's or
 * an access-log row's exact time); the events are what the database keeps.
 */
describe('contact events against matching by time', () => {
	it('keep no time a submission has, and no event is alone with one row in its day and service, nor ranked by its id', async () => {
		const services = ['ansoeg-om-pas', 'nyt-sundhedskort', 'anmeld-flytning'];
		const rows: { at: Date; service: string }[] = [];
		// Two working days of submissions at random moments, 320 in all, as in the measurement.
		for (let i = 0; i < 320; i++) {
			const day = i % 2 ? '2026-11-23' : '2026-11-24';
			const at = new Date(`${day}T07:00:00Z`);
			at.setTime(at.getTime() + Math.floor(Math.random() * 9 * 3600_000));
			rows.push({ at, service: services[i % services.length] });
		}
		rows.sort((a, b) => a.at.getTime() - b.at.getTime());
		for (const [i, r] of rows.entries()) await recordFormEvent('form_submitted', r.service, selfService, `01019${String(i).padStart(5, '0')}`, r.at);

		const events = await db().select().from(tables.contactEvents);
		expect(events).toHaveLength(320);
		const times = new Set(rows.map((r) => r.at.getTime()));
		// 1. No event carries a time that any row has.
		expect(events.filter((e) => times.has(e.occurredAt.getTime()))).toEqual([]);
		// 2. An attacker who knows events keep their day finds, for every event, several rows that fit.
		for (const e of events) {
			const candidates = rows.filter((r) => r.service === e.serviceSlug && eventDay(r.at).getTime() === e.occurredAt.getTime());
			expect(candidates.length).toBeGreaterThan(1);
		}
		// 3. Nor do their ids rank them as the rows rank by time: matching the k-th event of a day
		//    by id to the k-th row by time hits about one per day and service, as a guess would.
		const truth = new Map(rows.map((r, i) => [citizenKey(`01019${String(i).padStart(5, '0')}`), r]));
		let hits = 0;
		for (const service of services)
			for (const day of new Set(events.map((e) => e.occurredAt.getTime()))) {
				const bucketEvents = events.filter((e) => e.serviceSlug === service && e.occurredAt.getTime() === day).sort((a, b) => a.id - b.id);
				const bucketRows = rows.filter((r) => r.service === service && eventDay(r.at).getTime() === day);
				hits += bucketEvents.filter((e, k) => truth.get(e.citizenKey!) === bucketRows[k]).length;
			}
		expect(hits).toBeLessThan(32);
	});
});
