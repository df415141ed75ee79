import type { AddressValue } from '$lib/forms/types';

export interface RegisterPerson {
	/** A stable register id, safe to store in answers instead of a CPR number. */
	id: string;
	cpr: string;
	name: string;
	birthDate: string;
	address: AddressValue;
	/** Ids of the other people in the household. */
	household: string[];
	/** Exempt from Digital Post (the Digital Post register's answer in production): letters go on paper. */
	digitalPostExempt?: boolean;
	/** For a child: the register ids of its parents (custody holders). */
	parents?: string[];
}

export interface HouseholdMember {
	id: string;
	name: string;
	birthDate: string;
	isChild: boolean;
}

/** The source of pre-filled data (CPR register in production); the embedded one is a fixture. */
export interface PersonRegister {
	findByCpr(cpr: string): RegisterPerson | null;
	findById(id: string): RegisterPerson | null;
	household(person: RegisterPerson, today: string): HouseholdMember[];
	/** People the test login may offer; empty for a real register. */
	testPersons(): RegisterPerson[];
}
