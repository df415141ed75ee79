import { error } from '@sveltejs/kit';
import { requireSubject } from '$lib/server/auth/guards';
import { auditSubject } from '$lib/server/audit/log';
import { appointmentTypes } from '$lib/server/booking/setup';
import { formContextFor } from '$lib/server/forms/context';
import { submittedView } from '$lib/server/forms/page';
import { findOwnSubmission } from '$lib/server/forms/submissions';
import { feedbackToken } from '$lib/server/feedback';
import { pageTexts } from '$lib/server/i18n';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const subject = requireSubject(event);
	const { citizen } = subject;
	// Another citizen's reference gives the same 404 as a made-up one.
	const submission = await findOwnSubmission(event.params.reference, citizen.id);
	if (!submission) error(404, 'not_found');
	await auditSubject(subject, 'view', 'submission', submission.id);
	const { form, rows } = await submittedView(submission);
	return {
		reference: submission.reference,
		serviceSlug: submission.serviceSlug,
		formId: submission.formId,
		status: submission.status,
		createdAt: submission.createdAt,
		counterVisitRequired: !!form?.counterVisitRequired,
		// The form that must come first leads straight on to booking the visit.
		bookingType: (await appointmentTypes()).find((t) => t.requiredFormId === submission.formId)?.slug ?? null,
		rows,
		feedback: feedbackToken({ touchpoint: 'receipt', serviceSlug: submission.serviceSlug, channel: subject.actor.channel, assistance: subject.actor.assistance }),
		options: formContextFor(citizen).options,
		texts: await pageTexts(event.locals.lang, { forms: form ? [form] : [], serviceSlugs: [submission.serviceSlug] })
	};
};
