import { describe, expect, it } from 'vitest';
import { nextToCall, ticketLabel, type WaitingAppointment, type WaitingTicket } from './queue';

const now = new Date('2026-11-24T09:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const appt = (id: string, minutes: number, counterId = 'c1', typeSlug = 'pas'): WaitingAppointment => ({ id, typeSlug, counterId, start: at(minutes) });
const ticket = (id: string, number: number, typeSlug = 'pas'): WaitingTicket => ({ id, typeSlug, number });
const serves = new Set(['pas', 'koerekort']);

describe('nextToCall', () => {
	it('calls a booked visitor whose time has come before any walk-in', () => {
		const next = nextToCall({ now, counterId: 'c1', serves, appointments: [appt('a', 0)], tickets: [ticket('t', 1)] });
		expect(next).toEqual({ kind: 'appointment', id: 'a' });
	});

	it('calls a visitor up to five minutes early, but not six', () => {
		expect(nextToCall({ now, counterId: 'c1', serves, appointments: [appt('a', 5)], tickets: [ticket('t', 1)] })).toEqual({ kind: 'appointment', id: 'a' });
		expect(nextToCall({ now, counterId: 'c1', serves, appointments: [appt('a', 6)], tickets: [ticket('t', 1)] })).toEqual({ kind: 'ticket', id: 't' });
	});

	it('takes the earliest booked time first, and its own counter on a tie', () => {
		const next = nextToCall({ now, counterId: 'c1', serves, appointments: [appt('late', -1), appt('other', -10, 'c2'), appt('own', -10)], tickets: [] });
		expect(next).toEqual({ kind: 'appointment', id: 'own' });
	});

	it('serves walk-ins in ticket order, only for services the counter handles', () => {
		const next = nextToCall({ now, counterId: 'c1', serves, appointments: [], tickets: [ticket('t3', 3), ticket('t1', 1, 'vejledning'), ticket('t2', 2)] });
		expect(next).toEqual({ kind: 'ticket', id: 't2' });
	});

	it('calls an early visitor when nobody else waits, and nobody when the queue is empty', () => {
		expect(nextToCall({ now, counterId: 'c1', serves, appointments: [appt('early', 40)], tickets: [] })).toEqual({ kind: 'appointment', id: 'early' });
		expect(nextToCall({ now, counterId: 'c1', serves, appointments: [appt('x', 0, 'c1', 'vejledning')], tickets: [] })).toBeNull();
	});
});

describe('ticketLabel', () => {
	it('pads to three digits behind the service letter', () => {
		expect(ticketLabel('P', 7)).toBe('P007');
		expect(ticketLabel('K', 123)).toBe('K123');
	});
});
