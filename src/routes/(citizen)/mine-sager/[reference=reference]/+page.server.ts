import { error, fail, redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { auditSubject } from '$lib/server/audit/log';
import { requireSubject, type Subject } from '$lib/server/auth/guards';
import { answerRequest, messagesOf, openRequest, readAnswer } from '$lib/server/cases/dialogue';
import { uploadDefaults } from '$lib/server/config';
import { transaction } from '$lib/server/db';
import { sniffType } from '$lib/server/forms/page';
import { findOwnSubmission } from '$lib/server/forms/submissions';
import { storeAnswerUpload, uploadsOfMessages } from '$lib/server/forms/uploads';
import { formDataOf } from '$lib/server/http';
import { pageTexts } from '$lib/server/i18n';
import type { Actions, PageServerLoad } from './$types';

async function ownCase(subject: Subject, reference: string) {
	const submission = await findOwnSubmission(reference, subject.citizen.id);
	// Acting for another: only the services the power covers; anything else is the same 404.
	if (!submission || (subject.proxy && !subject.proxy.services.includes(submission.serviceSlug))) error(404, 'not_found');
	return submission;
}

export const load: PageServerLoad = async (event) => {
	const subject = requireSubject(event);
	const submission = await ownCase(subject, event.params.reference);
	await auditSubject(subject, 'view', 'submission', submission.id);
	const messages = await messagesOf(submission.id);
	return {
		reference: submission.reference,
		serviceSlug: submission.serviceSlug,
		status: submission.status,
		decision: submission.decision,
		decisionReason: submission.decisionReason,
		createdAt: submission.createdAt,
		messages: messages.map((m) => ({ id: m.id, author: m.author, at: m.at, text: m.text, dueAt: m.dueAt, documents: m.documents ?? [] })),
		files: await uploadsOfMessages(messages.map((m) => m.id)),
		openRequestId: openRequest(messages)?.id ?? null,
		answered: event.url.searchParams.has('besvaret'),
		texts: await pageTexts(event.locals.lang, { serviceSlugs: [submission.serviceSlug] })
	};
};

export const actions: Actions = {
	default: async (event) => {
		const subject = requireSubject(event);
		const submission = await ownCase(subject, event.params.reference);
		const data = await formDataOf(event.request);
		const text = typeof data.get('svar') === 'string' ? (data.get('svar') as string) : '';
		const requestId = String(data.get('anmodning') ?? '');
		const file = data.get('fil');
		const hasFile = file instanceof File && file.size > 0;
		const errors = readAnswer(text, hasFile);
		let type = '';
		if (hasFile) {
			type = await sniffType(file);
			if (file.size > uploadDefaults.maxBytes) errors.push({ fieldId: 'fil', code: 'file_size' });
			else if (!uploadDefaults.accept.includes(type)) errors.push({ fieldId: 'fil', code: 'file_type' });
		}
		if (errors.length) return fail(400, { errors, svar: text });
		// The answer and its file together, or neither.
		const answered = await transaction(async () => {
			const answer = await answerRequest(subject, submission, requestId, text);
			if (answer && hasFile) await storeAnswerUpload(subject.citizen.id, submission.id, answer.answerId, file, type);
			return answer;
		});
		// A second send of the same answer (a double tap, the back button) finds it answered: the first stands.
		if (!answered && !(await messagesOf(submission.id)).some((m) => m.answersId === requestId)) return fail(409, { errors: [{ fieldId: 'svar', code: 'already_answered' }], svar: text });
		redirect(303, `${routes.myCase(submission.reference)}?besvaret=1`);
	}
};
