import { error } from '@sveltejs/kit';
import { downloadName } from '$lib/forms/files';
import { deliverySecret } from '$lib/server/config';
import { fileLinkValid } from '$lib/server/delivery/signing';
import { findUpload, uploadContent } from '$lib/server/forms/uploads';
import type { RequestHandler } from './$types';

/**
 * A delivered submission's file, fetched by the case system with the signed link in the
 * delivery: no session, but only this file, only until the link runs out. Any fault is one 404,
 * so a guesser learns nothing.
 */
export const GET: RequestHandler = async (event) => {
	const expires = Number(event.url.searchParams.get('udloeber'));
	const signature = event.url.searchParams.get('signatur') ?? '';
	const { uploadId } = event.params;
	if (!fileLinkValid(deliverySecret(), uploadId, expires, signature, Math.floor(Date.now() / 1000))) error(404, 'not_found');
	const upload = await findUpload(uploadId);
	const content = upload?.submissionId ? await uploadContent(upload.id) : null;
	if (!upload || !content) error(404, 'not_found');
	return new Response(new Uint8Array(content), {
		headers: {
			'content-type': upload.mimeType,
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(downloadName(upload.fileName, upload.mimeType))}`,
			'cache-control': 'private, no-store',
			'x-robots-tag': 'noindex'
		}
	});
};
