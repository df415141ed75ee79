import { error, isHttpError } from '@sveltejs/kit';

/** A malformed body (a broken multipart upload, a dropped connection) is a 400, never a 500. */
export async function formDataOf(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (e) {
		// Kit's own 413 (over BODY_SIZE_LIMIT) keeps its status and gets its own message.
		if (isHttpError(e)) throw e;
		error(400, 'bad_request');
	}
}
