import { error } from '@sveltejs/kit';

/** A malformed body (a broken multipart upload, a dropped connection) is a 400, never a 500. */
export async function formDataOf(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		error(400, 'bad_request');
	}
}
