import { formDataOf } from '$lib/server/http';
import { error, fail, redirect } from '@sveltejs/kit';
import { auditPurposes, decisions, submissionStatuses, type Decision, type SubmissionStatus } from '$lib/server/db/schema';
import { purposeOf } from '$lib/server/audit/log';
import { maskCpr } from '$lib/forms/cpr';
import { can, requireStaff } from '$lib/server/auth/guards';
import { askForInformation, decide, messagesOf, notifyStatus, readRequest } from '$lib/server/cases/dialogue';
import { deliveriesOf } from '$lib/server/delivery';
import { consentsOf } from '$lib/server/cases/consent';
import { formContextFor } from '$lib/server/forms/context';
import { submittedView } from '$lib/server/forms/page';
import { uploadsOfMessages } from '$lib/server/forms/uploads';
import { pageTexts } from '$lib/server/i18n';
import { openSubmissionAsStaff, setSubmissionStatus, submissionExists } from '$lib/server/forms/submissions';
import { sendAgain } from '$lib/server/outbox';
import { routes } from '$lib/routes';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Without a stated purpose only the question is shown; the case opens (and is logged) with one. */
export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event, can.handleCases);
	if (!await submissionExists(event.params.id)) error(404, 'not_found');
	const purpose = purposeOf(event.url.searchParams.get('formaal'));
	if (!purpose) return { id: event.params.id, purpose: null, purposes: auditPurposes, case: null, texts: {} };
	const row = (await openSubmissionAsStaff(event.params.id, staff, purpose))!;
	const { submission, citizen } = row;
	const { form, rows } = await submittedView(submission);
	const messages = await messagesOf(submission.id);
	return {
		id: submission.id,
		purpose,
		purposes: auditPurposes,
		statuses: submissionStatuses,
		decisions,
		case: {
			reference: submission.reference,
			formId: submission.formId,
			formVersion: submission.formVersion,
			serviceSlug: submission.serviceSlug,
			status: submission.status,
			decision: submission.decision,
			decisionReason: submission.decisionReason,
			answeredAt: submission.answeredAt,
			createdAt: submission.createdAt,
			channel: submission.channel,
			assistance: submission.assistance,
			rows,
			citizen: { name: citizen.name, cprMasked: maskCpr(citizen.cpr) },
			options: formContextFor(citizen).options,
			deliveries: (await deliveriesOf([submission.id])).map((d) => ({ ...d, recipient: d.channel === 'webhook' ? new URL(d.recipient).host : d.recipient })),
			messages,
			files: await uploadsOfMessages(messages.map((m) => m.id)),
			consent: (await consentsOf([submission.id]))[0] ?? null
		},
		texts: await pageTexts(event.locals.lang, { forms: form ? [form] : [] })
	};
};

function back(event: RequestEvent, purpose: string, flag: string): never {
	redirect(303, `${routes.staffCase(event.params.id)}?formaal=${purpose}&${flag}=1`);
}

async function posted(event: RequestEvent) {
	const staff = requireStaff(event, can.handleCases);
	const data = await formDataOf(event.request);
	const get = (n: string) => {
		const v = data.get(n);
		return typeof v === 'string' ? v : '';
	};
	return { staff, data, get, purpose: purposeOf(data.get('purpose')) ?? 'casework' };
}

export const actions: Actions = {
	status: async (event) => {
		const { staff, data, purpose } = await posted(event);
		const status = data.get('status');
		if (!(submissionStatuses as readonly unknown[]).includes(status)) return fail(400, { error: 'status_invalid' });
		const at = new Date();
		if (!await setSubmissionStatus(event.params.id, status as SubmissionStatus, staff, purpose)) error(404, 'not_found');
		await notifyStatus(event.params.id, status as SubmissionStatus, at);
		back(event, purpose, 'opdateret');
	},
	ask: async (event) => {
		const { staff, get, purpose } = await posted(event);
		const { value, errors } = readRequest(get);
		if (!value) return fail(400, { form: 'ask', errors, values: { besked: get('besked'), frist: get('frist'), dokumenter: get('dokumenter') } });
		if (!await askForInformation(event.params.id, staff, value, purpose)) error(404, 'not_found');
		back(event, purpose, 'anmodet');
	},
	decide: async (event) => {
		const { staff, get, purpose } = await posted(event);
		const decision = get('afgoerelse');
		const reason = get('begrundelse').trim();
		const errors = [];
		if (!(decisions as readonly string[]).includes(decision)) errors.push({ fieldId: 'afgoerelse-granted', code: 'decision_choice' });
		if (decision === 'refused' && !reason) errors.push({ fieldId: 'begrundelse', code: 'reason_required' });
		if (reason.length > 2000) errors.push({ fieldId: 'begrundelse', code: 'reason_too_long' });
		if (errors.length) return fail(400, { form: 'decide', errors, values: { afgoerelse: decision, begrundelse: reason } });
		const outcome = await decide(event.params.id, staff, decision as Decision, reason, purpose);
		if (outcome === 'not_found') error(404, 'not_found');
		if (outcome === 'consent_missing') return fail(409, { form: 'decide', errors: [{ fieldId: 'afgoerelse-granted', code: 'consent_missing' }], values: { afgoerelse: decision, begrundelse: reason } });
		back(event, purpose, 'afgjort');
	},
	sendAgain: async (event) => {
		const { get, purpose } = await posted(event);
		const id = Number(get('besked-id'));
		const mine = (await deliveriesOf([event.params.id])).some((d) => d.id === id);
		if (mine) await sendAgain(id);
		back(event, purpose, 'sendt-igen');
	}
};
