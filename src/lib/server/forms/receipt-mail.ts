import type { TFunction } from 'i18next';
import type { FormDefinition } from '$lib/forms/types';
import { routes } from '$lib/routes';
import type { Submission } from '$lib/server/db/schema';
import type { ReceiptMail } from './submissions';

/** Plain text on purpose: it reads well in every mail client and in a screen reader. */
export function receiptMail(t: TFunction, submission: Submission, form: FormDefinition, origin: string): ReceiptMail | null {
	const to = form.receiptEmailQuestion ? submission.answers[form.receiptEmailQuestion]?.value : undefined;
	if (typeof to !== 'string') return null;
	const service = t(`services.${form.serviceSlug}.title`);
	const when = new Intl.DateTimeFormat(submission.lang === 'da' ? 'da-DK' : 'en-GB', {
		dateStyle: 'long',
		timeStyle: 'short',
		timeZone: 'Europe/Copenhagen'
	}).format(submission.createdAt);
	const lines = [
		t('mail.receipt.greeting'),
		'',
		t('mail.receipt.received', { service, when }),
		t('mail.receipt.reference', { reference: submission.reference }),
		'',
		form.counterVisitRequired ? t('receipt.counterVisit') : t('receipt.nextSteps'),
		'',
		t('mail.receipt.link', { url: origin + routes.receipt(submission.reference) }),
		t('mail.receipt.letter'),
		'',
		t('mail.receipt.signature')
	];
	return { to, subject: t('mail.receipt.subject', { service, reference: submission.reference }), body: lines.join('\n') };
}
