import type { HouseholdMember, PersonRegister, RegisterPerson } from './types';

/**
 * Fictitious test persons. None of these CPR numbers can belong to a real person: each
 * fails the modulus 11 check, and for these birth dates the CPR office issues only numbers
 * that pass it (numbers without modulus 11 are used only on dates where those ran out).
 * The register test proves both properties.
 */
const home = { street: 'Prøvestien 12, 2. th.', postcode: '7190', city: 'Eksempelby' };

export const fixturePersons: RegisterPerson[] = [
	{
		id: 'P-1001',
		cpr: '1503851234',
		name: 'Anna Testesen',
		birthDate: '1985-03-15',
		address: home,
		household: ['P-1002', 'P-1003', 'P-1004']
	},
	{
		id: 'P-1002',
		cpr: '0207831457',
		name: 'Bo Testesen',
		birthDate: '1983-07-02',
		address: home,
		household: ['P-1001', 'P-1003', 'P-1004']
	},
	{
		id: 'P-1003',
		cpr: '1005224012',
		name: 'Carla Testesen',
		birthDate: '2022-05-10',
		address: home,
		household: ['P-1001', 'P-1002', 'P-1004'],
		parents: ['P-1001', 'P-1002']
	},
	{
		id: 'P-1004',
		cpr: '2001244019',
		name: 'Dennis Testesen',
		birthDate: '2024-01-20',
		address: home,
		household: ['P-1001', 'P-1002', 'P-1003'],
		parents: ['P-1001', 'P-1002']
	},
	{
		id: 'P-2001',
		cpr: '1209562468',
		name: 'Erik Prøvesen',
		birthDate: '1956-09-12',
		address: { street: 'Lindealléen 3', postcode: '7190', city: 'Eksempelby' },
		household: []
	},
	{
		id: 'P-3001',
		cpr: '0809953336',
		name: 'Fatima Eksempel',
		birthDate: '1995-09-08',
		address: { street: 'Havnegade 41, 1. tv.', postcode: '7100', city: 'Prøvestad' },
		household: ['P-3002']
	},
	{
		id: 'P-3002',
		cpr: '1103234121',
		name: 'Yusuf Eksempel',
		birthDate: '2023-03-11',
		address: { street: 'Havnegade 41, 1. tv.', postcode: '7100', city: 'Prøvestad' },
		household: ['P-3001']
	},
	{
		id: 'P-4001',
		cpr: '1704481234',
		name: 'Gitte Hjælpsen',
		birthDate: '1948-04-17',
		address: { street: 'Rosenvænget 7', postcode: '7190', city: 'Eksempelby' },
		household: []
	},
	{
		id: 'P-4002',
		cpr: '2311521234',
		name: 'Hans Telefonsen',
		birthDate: '1952-11-23',
		address: { street: 'Møllebakken 2', postcode: '7100', city: 'Prøvestad' },
		household: [],
		digitalPostExempt: true
	},
	{
		id: 'P-4003',
		cpr: '0606901234',
		name: 'Ida Vejledsen',
		birthDate: '1990-06-06',
		address: { street: 'Skolegade 15, st.', postcode: '7190', city: 'Eksempelby' },
		household: []
	},
	{
		id: 'P-4004',
		cpr: '1402991234',
		name: 'Jonas Kiosksen',
		birthDate: '1999-02-14',
		address: { street: 'Stationsvej 9, 3. mf.', postcode: '7100', city: 'Prøvestad' },
		household: []
	},
	{
		// Used by the test that takes every question type through the forms without JavaScript.
		id: 'P-5001',
		cpr: '0305801234',
		name: 'Lene Skemasen',
		birthDate: '1980-05-03',
		address: { street: 'Skolevej 8', postcode: '7190', city: 'Eksempelby' },
		household: ['P-5002']
	},
	{
		id: 'P-5002',
		cpr: '1209204123',
		name: 'Mads Skemasen',
		birthDate: '2020-09-12',
		address: { street: 'Skolevej 8', postcode: '7190', city: 'Eksempelby' },
		household: ['P-5001']
	},
	{
		// Sends an attachment whose name lies about its type (the staff test downloads it).
		id: 'P-5003',
		cpr: '1107761234',
		name: 'Pia Bilagsen',
		birthDate: '1976-07-11',
		address: { street: 'Bilagsvej 3', postcode: '7190', city: 'Eksempelby' },
		household: ['P-5004']
	},
	{
		id: 'P-5004',
		cpr: '0402214012',
		name: 'Emil Bilagsen',
		birthDate: '2021-02-04',
		address: { street: 'Bilagsvej 3', postcode: '7190', city: 'Eksempelby' },
		household: ['P-5003']
	},
	{
		id: 'P-4005',
		cpr: '3010701234',
		name: 'Karen Adgangsen',
		birthDate: '1970-10-30',
		address: { street: 'Kirkestien 4', postcode: '7190', city: 'Eksempelby' },
		household: []
	},
	{
		id: 'P-4006',
		cpr: '1106621234',
		name: 'Nina Niveausen',
		birthDate: '1962-06-11',
		address: { street: 'Trappen 2', postcode: '7190', city: 'Eksempelby' },
		household: []
	},
	{
		id: 'P-4007',
		cpr: '0303381234',
		name: 'Ruth Fuldmagtsen',
		birthDate: '1938-03-03',
		address: { street: 'Plejehjemsvej 1', postcode: '7190', city: 'Eksempelby' },
		household: []
	},
	{
		id: 'P-4008',
		cpr: '0909651234',
		name: 'Søren Fuldmagtsen',
		birthDate: '1965-09-09',
		address: { street: 'Sønnevej 9', postcode: '7190', city: 'Eksempelby' },
		household: []
	},
	{
		id: 'P-6001',
		cpr: '1812701234',
		name: 'Olivia Sagsen',
		birthDate: '1970-12-18',
		address: { street: 'Kirkevej 8', postcode: '7190', city: 'Eksempelby' },
		household: []
	},
	{
		id: 'P-6201',
		cpr: '0609531234',
		name: 'Villy Vurdersen',
		birthDate: '1953-09-06',
		address: { street: 'Tårnvej 3', postcode: '7190', city: 'Eksempelby' },
		household: []
	},
	{
		id: 'P-6101',
		cpr: '2504881234',
		name: 'Maja Samtykkesen',
		birthDate: '1988-04-25',
		address: { street: 'Åbrinken 4', postcode: '7190', city: 'Eksempelby' },
		household: ['P-6102', 'P-6103']
	},
	{
		id: 'P-6102',
		cpr: '0107871234',
		name: 'Mikkel Samtykkesen',
		birthDate: '1987-07-01',
		address: { street: 'Åbrinken 4', postcode: '7190', city: 'Eksempelby' },
		household: ['P-6101', 'P-6103']
	},
	{
		id: 'P-6103',
		cpr: '1503204012',
		name: 'Lily Samtykkesen',
		birthDate: '2020-03-15',
		address: { street: 'Åbrinken 4', postcode: '7190', city: 'Eksempelby' },
		household: ['P-6101', 'P-6102'],
		parents: ['P-6101', 'P-6102']
	}
];

function ageOn(birthDate: string, today: string): number {
	const [by, bm, bd] = birthDate.split('-').map(Number);
	const [ty, tm, td] = today.split('-').map(Number);
	return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export function createFixtureRegister(persons: RegisterPerson[] = fixturePersons): PersonRegister {
	const byId = new Map(persons.map((p) => [p.id, p]));
	const byCpr = new Map(persons.map((p) => [p.cpr, p]));
	return {
		findByCpr: (cpr) => byCpr.get(cpr) ?? null,
		findById: (id) => byId.get(id) ?? null,
		household: (person, today): HouseholdMember[] =>
			person.household
				.map((id) => byId.get(id))
				.filter((p): p is RegisterPerson => !!p)
				.map((p) => ({ id: p.id, name: p.name, birthDate: p.birthDate, isChild: ageOn(p.birthDate, today) < 18 })),
		testPersons: () => persons.filter((p) => ageOn(p.birthDate, '2026-01-01') >= 18)
	};
}
