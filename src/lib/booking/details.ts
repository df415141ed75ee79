import { normalisePhone, phoneDigitCount, phoneProblem } from '$lib/forms/phone';

/** The visitor's details on the confirm page, checked the same way for citizens and staff. */

export interface BookingDetails {
	name: string;
	phone: string | null;
	email: string | null;
	interpreterLanguage: string | null;
	stepFree: boolean;
}

export interface DetailsError {
	fieldId: 'navn' | 'telefon' | 'email' | 'tolkesprog';
	code: string;
	params?: Record<string, number>;
}

export type DetailsInput = Partial<Record<'navn' | 'telefon' | 'email' | 'tolk' | 'tolkesprog' | 'trinfri', string>>;

// No characters a mail header or a calendar's mailto: would trip over (a pasted trailing comma).
const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]+$/;


export function readDetails(input: DetailsInput, opts: { contactRequired: boolean }): { details: BookingDetails; errors: DetailsError[] } {
	const errors: DetailsError[] = [];
	const text = (v: string | undefined) => (v ?? '').trim();
	const name = text(input.navn);
	if (!name) errors.push({ fieldId: 'navn', code: 'name_required' });
	else if (name.length > 120) errors.push({ fieldId: 'navn', code: 'name_too_long' });

	const phoneRaw = text(input.telefon);
	const phone = phoneRaw ? normalisePhone(phoneRaw) : null;
	const phoneError = phoneRaw ? phoneProblem(phoneRaw) : null;
	if (phoneError) errors.push({ fieldId: 'telefon', code: phoneError, params: { count: phoneDigitCount(phoneRaw) } });

	const email = text(input.email) || null;
	if (email && (email.length > 254 || !EMAIL.test(email))) errors.push({ fieldId: 'email', code: 'email_invalid' });

	if (opts.contactRequired && !phoneRaw && !email) errors.push({ fieldId: 'telefon', code: 'contact_required' });

	const interpreter = input.tolk === '1';
	const language = text(input.tolkesprog);
	if (interpreter && !language) errors.push({ fieldId: 'tolkesprog', code: 'language_required' });
	else if (language.length > 60) errors.push({ fieldId: 'tolkesprog', code: 'language_too_long' });

	return {
		details: {
			name,
			phone,
			email,
			// A language written without ticking the box still says what the visitor needs.
			interpreterLanguage: interpreter || language ? language || null : null,
			stepFree: input.trinfri === '1'
		},
		errors
	};
}
