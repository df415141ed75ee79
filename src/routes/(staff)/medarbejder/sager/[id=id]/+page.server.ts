import { formDataOf } from '$lib/server/http';
import { error, fail, redirect } from '@sveltejs/kit';
import { auditPurposes, submissionStatuses, type SubmissionStatus } from '$lib/server/db/schema';
import { purposeOf } from '$lib/server/audit/log';
import { maskCpr } from '$lib/forms/cpr';
import { can, requireStaff } from '$lib/server/auth/guards';
import { formContextFor } from '$lib/server/forms/context';
import { submittedView } from '$lib/server/forms/page';
import { pageTexts } from '$lib/server/i18n';
import { openSubmissionAsStaff, setSubmissionStatus, submissionExists } from '$lib/server/forms/submissions';
import { routes } from '$lib/routes';
import type { Actions, PageServerLoad } from './$types';

/** Without a stated purpose only the question is shown; the case opens (and is logged) with one. */
export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event, can.handleCases);
	if (!await submissionExists(event.params.id)) error(404, 'not_found');
	const purpose = purposeOf(event.url.searchParams.get('formaal'));
	if (!purpose) return { id: event.params.id, purpose: null, purposes: auditPurposes, case: null, texts: {} };
	const row = (await openSubmissionAsStaff(event.params.id, staff, purpose))!;
	const { submission, citizen } = row;
	const { form, rows } = await submittedView(submission);
	return {
		id: submission.id,
		purpose,
		purposes: auditPurposes,
		statuses: submissionStatuses,
		case: {
			reference: submission.reference,
			formId: submission.formId,
			formVersion: submission.formVersion,
			serviceSlug: submission.serviceSlug,
			status: submission.status,
			createdAt: submission.createdAt,
			channel: submission.channel,
			assistance: submission.assistance,
			rows,
			citizen: { name: citizen.name, cprMasked: maskCpr(citizen.cpr) },
			options: formContextFor(citizen).options
		},
		texts: await pageTexts(event.locals.lang, { forms: form ? [form] : [] })
	};
};

export const actions: Actions = {
	status: async (event) => {
		const staff = requireStaff(event, can.handleCases);
		const data = await formDataOf(event.request);
		const status = data.get('status');
		const purpose = purposeOf(data.get('purpose')) ?? 'casework';
		if (!(submissionStatuses as readonly unknown[]).includes(status)) return fail(400, { error: 'status_invalid' });
		if (!await setSubmissionStatus(event.params.id, status as SubmissionStatus, staff, purpose)) error(404, 'not_found');
		redirect(303, `${routes.staffCase(event.params.id)}?formaal=${purpose}&opdateret=1`);
	}
};
