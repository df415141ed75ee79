import type { FormPage } from '../types';

/** Every form ends by asking where the receipt should go, pre-filled when we know it. */
export function contactPage(): FormPage {
	return {
		id: 'contact',
		titled: true,
		body: true,
		questions: [
			{ id: 'email', type: 'email', prefill: 'email', autocomplete: 'email' },
			{ id: 'phone', type: 'phone', optional: true, autocomplete: 'tel' }
		]
	};
}

export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
