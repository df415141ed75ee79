import { beforeAll, describe, expect, it } from 'vitest';
import { isActionFailure } from '@sveltejs/kit';
import { db, tables } from '$lib/server/db';
import { useTestDatabase } from '$lib/server/db/testing';
import { seed } from '$lib/server/db/seed';
import { readDay, readTime } from './picker';
import { eq } from 'drizzle-orm';
import { appointmentRow } from './fixtures';
import { addClosure, allCounters, appointmentType, bookingSettings, closures, counters, counterTypeSlugs, hoursOf, saveCounter, saveDurations, saveHours, saveSettings, saveType } from './setup';

useTestDatabase('setup');
process.env.CITIZEN_KEY_SECRET = 'test-secret-for-citizen-keys';
process.env.SEED_DEMO_DATA = 'false';

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	return data;
};

beforeAll(async () => {
	await seed();
});

describe('the administrator\'s booking rules', () => {
	it('saves whole numbers within their limits and names each field that is not', async () => {
		expect(await saveSettings(form({ minNoticeMinutes: '60', horizonDays: '90', heldBackPerDay: '1', reminderHours: '48' }))).toEqual([]);
		expect(await bookingSettings()).toMatchObject({ minNoticeMinutes: 60, horizonDays: 90, heldBackPerDay: 1, reminderHours: 48 });
		const errors = await saveSettings(form({ minNoticeMinutes: '-5', horizonDays: '400', heldBackPerDay: 'to', reminderHours: '' }));
		expect(errors.map((e) => e.fieldId)).toEqual(['minNoticeMinutes', 'horizonDays', 'heldBackPerDay', 'reminderHours']);
		expect((await bookingSettings()).horizonDays).toBe(90);
	});

	it('takes durations in whole five minutes from 5 to 120, all or none', async () => {
		expect(await saveDurations(form({ 'duration-pas': '7', 'duration-koerekort': '15', 'duration-sundhedskort': '10', 'duration-vejledning': '20' }))).toEqual([
			{ fieldId: 'duration-pas', code: 'duration_range' }
		]);
		expect((await appointmentType('pas'))!.durationMinutes).toBe(15);
		expect(await saveDurations(form({ 'duration-pas': '20', 'duration-koerekort': '15', 'duration-sundhedskort': '10', 'duration-vejledning': '125' }))).toHaveLength(1);
		expect(await saveDurations(form({ 'duration-pas': '20', 'duration-koerekort': '15', 'duration-sundhedskort': '10', 'duration-vejledning': '30' }))).toEqual([]);
		expect((await appointmentType('pas'))!.durationMinutes).toBe(20);
	});

	it('keeps opening hours unchanged when a time is wrong, and replaces them when all are right', async () => {
		const before = await hoursOf('skranke-1');
		expect(await saveHours('skranke-1', form({ 'opens-1': '9:00', 'closes-1': '15:00' }))).toEqual([{ fieldId: 'opens-1', code: 'time_format' }]);
		expect(await saveHours('skranke-1', form({ 'opens-2': '10:00', 'closes-2': '09:00' }))).toEqual([{ fieldId: 'closes-2', code: 'closes_before_opens' }]);
		expect(await hoursOf('skranke-1')).toEqual(before);
		expect(await saveHours('skranke-1', form({ 'opens-1': '08:30', 'closes-1': '12:00', 'opens-6': '10:00', 'closes-6': '13:00' }))).toEqual([]);
		expect((await hoursOf('skranke-1')).map(({ weekday, opens, closes }) => [weekday, opens, closes])).toEqual([
			[1, 510, 720],
			[6, 600, 780]
		]);
	});

	it('adds a closed day only with valid dates in order and a reason', async () => {
		expect((await addClosure(form({ fromDate: '2030-02-30', toDate: '', reason: 'x' }))).map((e) => e.code)).toEqual(['date_invalid', 'date_invalid']);
		expect((await addClosure(form({ fromDate: '2030-03-10', toDate: '2030-03-09', reason: 'x' }))).map((e) => e.code)).toEqual(['to_before_from']);
		expect((await addClosure(form({ fromDate: '2030-03-10', reason: '' }))).map((e) => e.code)).toEqual(['reason_required']);
		expect((await addClosure(form({ fromDate: '2030-03-10', reason: 'Flytning', counterId: 'findes-ikke' }))).map((e) => e.code)).toEqual(['counter_invalid']);
		expect(await db().select().from(tables.closures)).toHaveLength(0);
		expect(await addClosure(form({ fromDate: '2030-03-10', reason: 'Flytning', counterId: 'samtalerum' }))).toEqual([]);
		expect(await closures()).toMatchObject([{ counterId: 'samtalerum', from: '2030-03-10', to: '2030-03-10', reason: 'Flytning' }]);
	});
});

describe('reading the picker\'s choices', () => {
	const days = [{ date: '2030-03-11', slots: [] }];
	const url = new URL('http://x/tidsbestilling/pas');

	it('asks for a day, refuses one without free times, and counts again with extra time', () => {
		expect(isActionFailure(readDay(form({}), days, url).error)).toBe(true);
		expect(readDay(form({ dag: '2030-03-12' }), days, url).error?.data).toEqual({ errors: [{ fieldId: 'dag-0', code: 'day_unavailable' }] });
		expect(readDay(form({ dag: '2030-03-12', ekstra: '1' }), days, url)).toEqual({ tooShort: true });
		expect(readDay(form({ dag: '2030-03-11', ekstra: '1' }), days, url)).toEqual({ day: '2030-03-11', extraTime: true });
	});

	it('takes a time only as a whole ISO instant within sane years', () => {
		const code = (tid: string) => readTime(form({ tid })).error?.data.errors[0].code;
		expect(code('')).toBe('time_required');
		expect(code('2030-03-11T09:00:00Z')).toBe('time_invalid');
		expect(code('9999-12-31T23:30:00.000Z')).toBe('time_invalid');
		expect(code('tomorrow')).toBe('time_invalid');
		expect(readTime(form({ tid: '2030-03-11T09:00:00.000Z' })).start?.toISOString()).toBe('2030-03-11T09:00:00.000Z');
	});
});

describe('counters, desks and appointment types', () => {
	const counterForm = (fields: Record<string, string>, types: string[]) => {
		const data = form(fields);
		for (const t of types) data.append('types', t);
		return data;
	};

	it('adds a desk with its names, place and types, and refuses a taken id or a missing name', async () => {
		expect(await saveCounter(null, counterForm({ id: 'bord-7', 'name-da': 'Bord 7', 'name-en': 'Desk 7', location: 'Biblioteket, 1. sal' }, ['vejledning', 'ukendt']), null)).toEqual([]);
		expect((await allCounters()).find((c) => c.id === 'bord-7')).toMatchObject({ names: { da: 'Bord 7', en: 'Desk 7' }, active: true });
		expect((await counterTypeSlugs()).get('bord-7')).toEqual(['vejledning']);
		expect(await saveCounter(null, counterForm({ id: 'bord-7', 'name-da': 'X', 'name-en': 'X', location: 'X' }, []), null)).toEqual([{ fieldId: 'id', code: 'counter_taken' }]);
		expect((await saveCounter(null, counterForm({ id: 'Bord 8', 'name-da': '', 'name-en': 'Desk 8', location: '' }, []), null)).map((e) => e.fieldId)).toEqual(['id', 'name-da', 'location']);
	});

	it('renames and closes a counter, but not while citizens hold bookings there', async () => {
		const start = Date.now() + 3 * 864e5;
		await db()
			.insert(tables.appointments)
			.values(appointmentRow({ id: 'a-bord-7', typeSlug: 'vejledning', counterId: 'bord-7', start: new Date(start), end: new Date(start + 20 * 60e3), status: 'booked' }));
		const renamed = counterForm({ 'name-da': 'Bord syv', 'name-en': 'Desk seven', location: 'Biblioteket' }, ['vejledning']);
		expect(await saveCounter('bord-7', renamed, null)).toEqual([]);
		const closing = counterForm({ 'name-da': 'Bord syv', 'name-en': 'Desk seven', location: 'Biblioteket', closed: 'yes' }, ['vejledning']);
		expect(await saveCounter('bord-7', closing, null)).toEqual([{ fieldId: 'closed', code: 'counter_has_bookings', params: { count: 1 } }]);
		expect(await saveCounter('bord-7', counterForm({ 'name-da': 'Bord syv', 'name-en': 'Desk seven', location: 'Biblioteket' }, []), null)).toEqual([
			{ fieldId: 'types', code: 'counter_has_bookings', params: { count: 1 } }
		]);
		expect((await allCounters()).find((c) => c.id === 'bord-7')).toMatchObject({ names: { da: 'Bord syv' }, active: true });
		await db().delete(tables.appointments).where(eq(tables.appointments.id, 'a-bord-7'));
		expect(await saveCounter('bord-7', closing, null)).toEqual([]);
		expect((await counters()).some((c) => c.id === 'bord-7')).toBe(false);
	});

	it('edits a type\'s name and what to bring in both languages', async () => {
		expect(await saveType('vejledning', form({ 'title-da': 'Samtale', 'title-en': 'Talk', 'bring-da': 'Sundhedskort\n\nTelefon', 'bring-en': 'Health card' }), null)).toEqual([]);
		expect((await appointmentType('vejledning'))!.texts).toEqual({ da: { title: 'Samtale', bring: ['Sundhedskort', 'Telefon'] }, en: { title: 'Talk', bring: ['Health card'] } });
		expect(await saveType('vejledning', form({ 'title-da': '', 'title-en': 'Talk' }), null)).toEqual([{ fieldId: 'vejledning-title-da', code: 'name_required' }]);
	});
});
