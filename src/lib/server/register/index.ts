import { createFixtureRegister } from './fixture';
import type { PersonRegister } from './types';

let register: PersonRegister | undefined;

/** The embedded fixture is the only register today; a CPR-backed one plugs in here. */
export function personRegister(): PersonRegister {
	return (register ??= createFixtureRegister());
}

export type { PersonRegister, RegisterPerson, HouseholdMember } from './types';
