import type { FieldError, FormDefinition } from '../types';
import { contactPage, DOCUMENT_TYPES } from './shared';

export const institutions = ['solsikken', 'maelkeboetten', 'egebakken', 'skovtrolden', 'havblik'];
const choices = ['institution1', 'institution2', 'institution3'];

/** Opskrivning til dagtilbud: up to three institutions in order of preference. */
export const dagtilbud: FormDefinition = {
	id: 'dagtilbud',
	version: 1,
	serviceSlug: 'opskrivning-dagtilbud',
	receiptEmailQuestion: 'email',
	requiresOptions: 'children',
	pages: [
		{ id: 'child', questions: [{ id: 'child', type: 'radio', options: { from: 'children' } }] },
		{ id: 'start-date', questions: [{ id: 'startDate', type: 'date', minDays: 0, maxDays: 730 }] },
		{
			id: 'institutions',
			titled: true,
			questions: choices.map((id, i) => ({ id, type: 'select' as const, options: institutions, optional: i > 0 })),
			rules: [
				(values) => {
					const seen = new Set<string>();
					const errors: FieldError[] = [];
					choices.forEach((id, i) => {
						const v = values[id];
						if (typeof v !== 'string') return;
						// A lower priority needs the ones above it.
						if (i > 0 && typeof values[choices[i - 1]] !== 'string')
							errors.push({ questionId: id, fieldId: id, code: 'priority_gap' });
						else if (seen.has(v)) errors.push({ questionId: id, fieldId: id, code: 'distinct_choices' });
						seen.add(v);
					});
					return errors;
				}
			]
		},
		{ id: 'special-needs', questions: [{ id: 'specialNeeds', type: 'yesno' }] },
		{
			id: 'special-needs-details',
			titled: true,
			showIf: { question: 'specialNeeds', equals: 'yes' },
			questions: [
				{ id: 'specialNeedsDescription', type: 'textarea', maxLength: 1000 },
				{ id: 'specialNeedsDocument', type: 'file', optional: true, maxBytes: 5 * 1024 * 1024, accept: DOCUMENT_TYPES }
			]
		},
		contactPage()
	]
};
