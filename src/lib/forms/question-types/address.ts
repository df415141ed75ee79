import type { AddressValue, FieldError, SimpleQuestion } from '../types';
import { ok, partName, type QuestionTypeModule } from './kit';

const parts = ['street', 'postcode', 'city'] as const;

/** A Danish address: street, a four-digit postcode, and a town. */
export const address: QuestionTypeModule<SimpleQuestion> = {
	types: ['address'],
	schema: { properties: {} },
	inputs: (q) => parts.map((p) => ({ name: partName(q.id, p), as: 'text' as const })),
	firstFieldId: (q) => partName(q.id, 'street'),
	validate(q, _raw, _ctx, _previous, c) {
		const [street, postcode, city] = parts.map((p) => c.str(partName(q.id, p)));
		if (!street && !postcode && !city) return c.empty();
		const errors: FieldError[] = [];
		const add = (code: FieldError['code'], part: string) => errors.push({ questionId: q.id, fieldId: partName(q.id, part), code, part });
		if (!street) add('required', 'street');
		else if (street.length > 100) add('too_long', 'street');
		if (!postcode) add('required', 'postcode');
		else if (!/^\d{4}$/.test(postcode) || Number(postcode) < 555) add('postcode_invalid', 'postcode');
		if (!city) add('required', 'city');
		else if (city.length > 60) add('too_long', 'city');
		if (errors.length) return { errors };
		return ok({ street, postcode, city });
	},
	toFields(q, value) {
		const a = value as AddressValue;
		return { [partName(q.id, 'street')]: a.street, [partName(q.id, 'postcode')]: a.postcode, [partName(q.id, 'city')]: a.city };
	},
	display(_q, value) {
		const a = value as AddressValue;
		return [a.street, `${a.postcode} ${a.city}`];
	},
	settings: () => ({})
};
