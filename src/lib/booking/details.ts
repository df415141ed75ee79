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
}

export type DetailsInput = Partial<Record<'navn' | 'telefon' | 'email' | 'tolk' | 'tolkesprog' | 'trinfri', string>>;

// No characters a mail header or a calendar's mailto: would trip over (a pasted trailing comma).
const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]+$/;

/** Danish numbers: eight digits, an optional +45 or 0045, spaces and dashes allowed. */
export function normalisePhone(input: string): string | null {
	const digits = input.replace(/[\s-]/g, '').replace(/^(\+45|0045)/, '');
	return /^[2-9]\d{7}$/.test(digits) ? digits : null;
}

export function readDetails(input: DetailsInput, opts: { contactRequired: boolean }): { details: BookingDetails; errors: DetailsError[] } {
	const errors: DetailsError[] = [];
	const text = (v: string | undefined) => (v ?? '').trim();
	const name = text(input.navn);
	if (!name) errors.push({ fieldId: 'navn', code: 'name_required' });
	else if (name.length > 120) errors.push({ fieldId: 'navn', code: 'name_too_long' });

	const phoneRaw = text(input.telefon);
	const phone = phoneRaw ? normalisePhone(phoneRaw) : null;
	if (phoneRaw && !phone) errors.push({ fieldId: 'telefon', code: 'phone_invalid' });

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
