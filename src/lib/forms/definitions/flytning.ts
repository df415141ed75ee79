import type { FormDefinition } from '../types';
import { contactPage } from './shared';

/** Anmeld flytning: a move may be reported at most 5 days late and 4 weeks early. */
export const flytning: FormDefinition = {
	id: 'flytning',
	version: 1,
	serviceSlug: 'anmeld-flytning',
	receiptEmailQuestion: 'email',
	pages: [
		{ id: 'current-address', questions: [{ id: 'currentAddress', type: 'address', prefill: 'address' }] },
		{ id: 'new-address', questions: [{ id: 'newAddress', type: 'address' }] },
		{ id: 'move-date', questions: [{ id: 'moveDate', type: 'date', minDays: -5, maxDays: 28 }] },
		{
			id: 'who-moves',
			showIf: { hasOptions: 'household' },
			questions: [{ id: 'movingWith', type: 'checkbox', options: { from: 'household' }, optional: true }]
		},
		contactPage()
	]
};
