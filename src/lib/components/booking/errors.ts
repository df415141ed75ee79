import { t } from '$lib/i18n/t';

/**
 * A booking action's error codes as the error summary and the fields show them. A phone
 * number is checked as on every form, so its messages are the forms' own.
 */
export function bookingErrors(errors: readonly { fieldId: string; code: string; params?: Record<string, number> }[] | undefined | null) {
	return (errors ?? []).map((e) => ({
		fieldId: e.fieldId,
		text: t(e.code.startsWith('phone_') ? `validation.${e.code}` : `booking.errors.${e.code}`, e.params)
	}));
}
