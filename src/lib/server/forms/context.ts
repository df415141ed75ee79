import { copenhagenDate } from '$lib/forms/dates';
import type { FormContext } from '$lib/forms/types';
import type { Citizen } from '$lib/server/db/schema';
import { personRegister } from '$lib/server/register';

function numericDate(iso: string): string {
	const [y, m, d] = iso.split('-');
	return `${d}.${m}.${y}`;
}

/** What the register knows about the citizen, in the shape the form engine asks for. */
export function formContextFor(citizen: Pick<Citizen, 'cpr' | 'email'>, now = new Date()): FormContext {
	const today = copenhagenDate(now);
	const register = personRegister();
	const person = register.findByCpr(citizen.cpr);
	const members = person ? register.household(person, today) : [];
	const option = (m: (typeof members)[number]) => ({ value: m.id, text: `${m.name} (${numericDate(m.birthDate)})` });
	return {
		today,
		options: {
			household: members.map(option),
			children: members.filter((m) => m.isChild).map(option)
		},
		prefill: {
			...(person ? { address: person.address } : {}),
			...(citizen.email ? { email: citizen.email } : {})
		}
	};
}
