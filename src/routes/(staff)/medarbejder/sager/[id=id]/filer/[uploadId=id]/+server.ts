import { error } from '@sveltejs/kit';
import { downloadName } from '$lib/forms/files';
import { logAudit, purposeOf } from '$lib/server/audit/log';
import { can, requireStaff } from '$lib/server/auth/guards';
import { findUpload, uploadContent } from '$lib/server/forms/uploads';
import type { RequestHandler } from './$types';

/** A citizen's attachment, opened by staff for a stated purpose and logged like the case itself. */
export const GET: RequestHandler = async (event) => {
	const staff = requireStaff(event, can.handleCases);
	const purpose = purposeOf(event.url.searchParams.get('formaal'));
	if (!purpose) error(400, 'purpose_required');
	const upload = await findUpload(event.params.uploadId);
	const content = upload && upload.submissionId === event.params.id ? await uploadContent(upload.id) : null;
	if (!upload || !content) error(404, 'not_found');
	await logAudit({ staff, citizenId: upload.citizenId, action: 'view', objectType: 'upload', objectId: upload.id, purpose });
	return new Response(new Uint8Array(content), {
		headers: {
			'content-type': upload.mimeType,
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(downloadName(upload.fileName, upload.mimeType))}`,
			'cache-control': 'private, no-store'
		}
	});
};
