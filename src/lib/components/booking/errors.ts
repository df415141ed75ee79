import { t } from '$lib/i18n/t';

/** A booking action's error codes as the error summary and the fields show them. */
export function bookingErrors(errors: readonly { fieldId: string; code: string }[] | undefined | null) {
	return (errors ?? []).map((e) => ({ fieldId: e.fieldId, text: t(`booking.errors.${e.code}`) }));
}
