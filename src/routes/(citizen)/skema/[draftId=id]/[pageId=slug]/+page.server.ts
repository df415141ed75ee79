import { formDataOf, isTooLarge } from '$lib/server/http';
import { fail, redirect } from '@sveltejs/kit';
import { CHECK_PAGE, mergeAnswers, pageErrors, pageFields, previousPageId } from '$lib/forms/engine';
import { takeStep } from '$lib/forms/step';
import type { FieldError, FileValue } from '$lib/forms/types';
import { routes } from '$lib/routes';
import { requireSubject } from '$lib/server/auth/guards';
import { saveDraftAnswers } from '$lib/server/forms/drafts';
import { pageReached } from '$lib/server/forms/funnel';
import { draftScope, readPageInput, visiblePageOr404 } from '$lib/server/forms/page';
import { deleteUploads, storeUpload } from '$lib/server/forms/uploads';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const scope = await draftScope(requireSubject(event), event.params.draftId, 'view');
	const { page, questions } = visiblePageOr404(scope, event.params.pageId);
	await pageReached(scope.draft.id, page.id);
	const returnToCheck = event.url.searchParams.get('retur') === 'tjek';
	const previous = previousPageId(scope.form, scope.draft.answers, scope.ctx, page.id);
	return {
		formId: scope.form.id,
		serviceSlug: scope.form.serviceSlug,
		draftId: scope.draft.id,
		// The page as data: the browser draws it without the form definitions in its first load.
		page: { id: page.id, titled: !!page.title, body: !!page.body },
		questions,
		options: scope.ctx.options,
		fields: pageFields(page, scope.draft.answers),
		// Arriving from a submit that found this page invalid: show why at once.
		errors: event.url.searchParams.has('fejl') ? pageErrors(page, scope.draft.answers, scope.ctx) : [],
		returnToCheck,
		backHref: returnToCheck
			? routes.checkAnswers(scope.draft.id)
			: previous
				? routes.formPage(scope.draft.id, previous)
				: routes.service(scope.form.serviceSlug)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const subject = requireSubject(event);
		const { citizen } = subject;
		const scope = await draftScope(subject, event.params.draftId, 'update');
		const { page, questions } = visiblePageOr404(scope, event.params.pageId);
		const returnToCheck = event.url.searchParams.get('retur') === 'tjek';
		let data: FormData;
		try {
			data = await formDataOf(event.request);
		} catch (e) {
			// Refused unread: the file was too large. Said on the file field; the page's saved answers stay.
			const file = isTooLarge(e) ? questions.find((q) => q.type === 'file') : undefined;
			if (!file || file.type !== 'file') throw e;
			const max = Math.round(file.maxBytes / 1024 / 1024);
			const errors: FieldError[] = [{ questionId: file.id, fieldId: file.id, code: 'file_too_large', params: { max } }];
			return fail(413, { errors });
		}
		const { raw, files } = await readPageInput(questions, data);
		const step = takeStep(scope.form, scope.ctx, scope.draft.answers, page.id, returnToCheck, raw);
		const saveForLater = data.get('intent') === 'later';

		// A good file is stored even when another field fails, so it need not be chosen again.
		const storedFiles: Record<string, FileValue> = {};
		for (const [id, file] of Object.entries(files)) {
			const value = step.accepted[id] as FileValue | undefined;
			if (!value || value.uploadId) continue;
			value.uploadId = await storeUpload(citizen.id, scope.draft.id, id, file, value.type);
			storedFiles[id] = value;
			const old = scope.draft.answers[id]?.value as FileValue | undefined;
			if (old?.uploadId) await deleteUploads({ ids: [old.uploadId] });
		}

		if (step.errors.length && !saveForLater) {
			if (Object.keys(storedFiles).length) await saveDraftAnswers(scope.draft.id, mergeAnswers(scope.draft.answers, storedFiles));
			const fields = { ...step.fields };
			for (const q of questions) {
				if (q.type !== 'file') continue;
				const kept = storedFiles[q.id] ?? (scope.draft.answers[q.id]?.value as FileValue | undefined);
				fields[q.id] = kept?.name ?? '';
			}
			return fail(400, { fields, errors: step.errors });
		}
		// Saving for later keeps whatever was valid and leaves the rest unanswered.
		await saveDraftAnswers(scope.draft.id, step.answers);

		if (saveForLater) redirect(303, `${routes.myCases}?gemt=1`);
		const next = step.next ?? CHECK_PAGE;
		redirect(303, next === CHECK_PAGE ? routes.checkAnswers(scope.draft.id) : routes.formPage(scope.draft.id, next, returnToCheck));
	}
};
