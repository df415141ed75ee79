import { editableForm } from '$lib/server/forms/editing';
import type { RequestHandler } from './$types';

/** The document being edited (the draft, else the published version), to share with another municipality. */
export const GET: RequestHandler = async (event) => {
	const { doc } = await editableForm(event, event.params.formId);
	return new Response(JSON.stringify(doc, null, '\t') + '\n', {
		headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="${doc.id}.json"`, 'cache-control': 'no-store' }
	});
};
