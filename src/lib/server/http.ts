import { error, isHttpError } from '@sveltejs/kit';
import { bodySizeLimit } from '$lib/server/config';

/**
 * A request's form body. One over BODY_SIZE_LIMIT is refused by its Content-Length before a
 * byte of it is read (413, which a form page turns into a message on its file field); a
 * malformed body (a broken multipart upload, a dropped connection) is a 400, never a 500.
 */
export async function formDataOf(request: Request): Promise<FormData> {
	if (Number(request.headers.get('content-length')) > bodySizeLimit()) error(413, 'too_large');
	try {
		return await request.formData();
	} catch (e) {
		if (isHttpError(e)) throw e;
		// adapter-node's own limit, for a body sent without a Content-Length.
		if (typeof e === 'object' && e !== null && 'status' in e && e.status === 413) error(413, 'too_large');
		error(400, 'bad_request');
	}
}

export function isTooLarge(e: unknown): boolean {
	return isHttpError(e) && e.status === 413;
}
