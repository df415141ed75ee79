import type { FormDefinition } from '../types';
import { contactPage } from './shared';

/**
 * Ansøg om pas: the data is collected online; photo, fingerprints and signature need a
 * visit to Borgerservice, which the receipt says.
 */
export const pas: FormDefinition = {
	id: 'pas',
	version: 1,
	serviceSlug: 'ansoeg-om-pas',
	receiptEmailQuestion: 'email',
	counterVisitRequired: true,
	pages: [
		{
			id: 'applicant',
			showIf: { hasOptions: 'children' },
			questions: [{ id: 'applicant', type: 'radio', options: ['self', 'child'] }]
		},
		{
			id: 'child',
			showIf: { question: 'applicant', equals: 'child' },
			questions: [{ id: 'child', type: 'select', options: { from: 'children' } }]
		},
		{
			id: 'other-parent',
			showIf: { question: 'applicant', equals: 'child' },
			questions: [{ id: 'otherParentCpr', type: 'cpr' }]
		},
		{
			id: 'height',
			questions: [{ id: 'height', type: 'number', min: 40, max: 250, integer: true, unit: 'units.cm' }]
		},
		{ id: 'previous', questions: [{ id: 'hasPassport', type: 'yesno' }] },
		{
			id: 'previous-status',
			showIf: { question: 'hasPassport', equals: 'yes' },
			questions: [{ id: 'oldPassportStatus', type: 'radio', options: ['have_it', 'lost', 'stolen'] }]
		},
		{
			id: 'travel',
			questions: [{ id: 'travelDate', type: 'date', optional: true, minDays: 0, maxDays: 365 }]
		},
		contactPage()
	]
};
