import { error, redirect } from '@sveltejs/kit';
import { findPage, findQuestion, firstIncompletePage, visiblePages, visibleQuestions } from '$lib/forms/engine';
import type { FormContext, FormDefinition, Question, RawInput } from '$lib/forms/types';
import { routes } from '$lib/routes';
import type { Draft, Submission } from '$lib/server/db/schema';
import { requireAssurance, requireProxyService, type Subject } from '$lib/server/auth/guards';
import { findService } from '$lib/server/services/catalog';
import { auditSubject } from '$lib/server/audit/log';
import { formContextFor } from './context';
import { findDraft } from './drafts';
import { questionType } from '$lib/forms/question-types';
import { formVersion } from './store';
import { findSubmissionByKey } from './submissions';

export interface DraftScope {
	draft: Draft;
	form: FormDefinition;
	ctx: FormContext;
}

/**
 * The draft behind a form URL, owned by this citizen. A draft that was already submitted
 * sends the citizen to its receipt (a back-button resubmit lands here); anything else is 404.
 * Staff serving the citizen leave a line in the citizen's access log for each look or change.
 */
export async function draftScope(subject: Subject, draftId: string, access: 'view' | 'update'): Promise<DraftScope> {
	const { citizen } = subject;
	const draft = await findDraft(draftId, citizen.id);
	if (!draft) {
		const submitted = await findSubmissionByKey(draftId, citizen.id);
		if (submitted) redirect(303, routes.receipt(submitted.reference));
		error(404, 'not_found');
	}
	const form = await formVersion(draft.formId, draft.formVersion);
	if (!form) error(404, 'not_found');
	// Every page and the submit check the level, so a draft is never finished below it.
	const service = await findService(draft.serviceSlug);
	if (service) await requireAssurance(subject, service);
	await requireProxyService(subject, draft.serviceSlug);
	await auditSubject(subject, access, 'draft', draft.id);
	return { draft, form, ctx: formContextFor(citizen) };
}

/** A page that is not part of the journey now (its condition does not hold) is skipped. */
export function visiblePageOr404(scope: DraftScope, pageId: string) {
	const page = findPage(scope.form, pageId);
	if (!page) error(404, 'not_found');
	if (!visiblePages(scope.form, scope.draft.answers, scope.ctx).some((p) => p.id === pageId)) {
		const incomplete = firstIncompletePage(scope.form, scope.draft.answers, scope.ctx);
		redirect(303, incomplete ? routes.formPage(scope.draft.id, incomplete) : routes.checkAnswers(scope.draft.id));
	}
	return { page, questions: visibleQuestions(page, scope.draft.answers, scope.ctx) };
}

/**
 * The type a file really has, from its first bytes: the browser's claim is the citizen's
 * to make up, and only documents and photos are accepted.
 */
export async function sniffType(file: Blob): Promise<string> {
	const b = new Uint8Array(await file.slice(0, 8).arrayBuffer());
	const starts = (...sig: number[]) => sig.every((x, i) => b[i] === x);
	if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
	if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
	if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
	return 'application/octet-stream';
}

/** Reads one page's posted inputs, by the names the question components use. */
export async function readPageInput(
	questions: Question[],
	data: FormData
): Promise<{ raw: RawInput; files: Record<string, File> }> {
	const raw: RawInput = {};
	const files: Record<string, File> = {};
	const text = (name: string) => {
		const v = data.get(name);
		return typeof v === 'string' ? v : undefined;
	};
	for (const q of questions) {
		for (const input of questionType(q).inputs(q)) {
			if (input.as === 'text') raw[input.name] = text(input.name);
			else if (input.as === 'list') raw[input.name] = data.getAll(input.name).filter((v): v is string => typeof v === 'string');
			else if (q.type === 'file') {
				const f = data.get(input.name);
				if (f instanceof File && (f.size > 0 || f.name)) {
					raw[input.name] = { name: f.name, size: f.size, type: await sniffType(f) };
					files[q.id] = f;
				} else {
					// With JavaScript, a file over the question's limit is not sent, only its size and name.
					const size = Number(text(`${q.id}-size`));
					if (size > q.maxBytes) raw[input.name] = { name: text(`${q.id}-name`) ?? '', size, type: '' };
				}
			}
		}
	}
	return { raw, files };
}

/**
 * A submission's answers as an answer list shows them (receipt, staff case): each with its
 * question, from the version of the form it was submitted on.
 */
export async function submittedView(submission: Pick<Submission, 'formId' | 'formVersion' | 'answers'>) {
	const form = await formVersion(submission.formId, submission.formVersion);
	const rows = Object.entries(submission.answers).flatMap(([id, answer]) => {
		const question = form && findQuestion(form, id);
		return question ? [{ question, answer }] : [];
	});
	return { form, rows };
}
