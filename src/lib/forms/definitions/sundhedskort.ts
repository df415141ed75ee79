import type { FormDefinition } from '../types';
import { contactPage } from './shared';

/** Bestil nyt sundhedskort: a fee applies when the card was lost or damaged. */
export const sundhedskort: FormDefinition = {
	id: 'sundhedskort',
	version: 1,
	serviceSlug: 'nyt-sundhedskort',
	receiptEmailQuestion: 'email',
	pages: [
		{ id: 'reason', questions: [{ id: 'reason', type: 'radio', options: ['lost', 'damaged', 'name_change'] }] },
		{
			id: 'fee',
			titled: true,
			body: true,
			showIf: { question: 'reason', oneOf: ['lost', 'damaged'] },
			questions: [{ id: 'feeAccepted', type: 'checkbox', options: ['accepted'] }]
		},
		{
			id: 'delivery',
			titled: true,
			questions: [
				{ id: 'deliveryAddress', type: 'address', prefill: 'address' },
				{
					id: 'oldCardDestroyed',
					type: 'yesno',
					showIf: { question: 'reason', oneOf: ['damaged', 'name_change'] }
				}
			]
		},
		contactPage()
	]
};
