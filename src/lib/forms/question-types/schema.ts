import { questionTypeModules } from '.';

const texts = { $ref: '#/$defs/texts' };

/** What every question has, whatever its type. */
const common = {
	id: { $ref: '#/$defs/questionId' },
	label: texts,
	name: texts,
	hint: texts,
	errors: { type: 'object', propertyNames: { pattern: '^[a-z_]+$' }, additionalProperties: texts },
	optional: { type: 'boolean' },
	showIf: { $ref: '#/$defs/condition' },
	prefill: { enum: ['address', 'email', 'phone'] },
	autocomplete: { type: 'string', maxLength: 60 }
};

/** The format's `question`: one schema per type module, picked by `type`. */
export function questionSchema() {
	return {
		oneOf: questionTypeModules.map((m) => ({
			type: 'object',
			properties: { ...common, type: m.types.length === 1 ? { const: m.types[0] } : { enum: [...m.types] }, ...m.schema.properties },
			required: ['id', 'type', 'label', 'name', ...(m.schema.required ?? [])],
			additionalProperties: false
		})),
		discriminator: { propertyName: 'type' }
	};
}
