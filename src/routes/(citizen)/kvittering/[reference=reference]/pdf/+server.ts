import { error } from '@sveltejs/kit';
import { requireSubject } from '$lib/server/auth/guards';
import { auditSubject } from '$lib/server/audit/log';
import { findOwnSubmission } from '$lib/server/forms/submissions';
import { receiptPdf } from '$lib/server/post/receipt';
import type { RequestHandler } from './$types';

/** The receipt that lasts: the same PDF that went to Digital Post and to the case system. */
export const GET: RequestHandler = async (event) => {
	const subject = requireSubject(event);
	const submission = await findOwnSubmission(event.params.reference, subject.citizen.id);
	if (!submission) error(404, 'not_found');
	await auditSubject(subject, 'view', 'submission', submission.id);
	return new Response(new Uint8Array(await receiptPdf(submission)), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="kvittering-${submission.reference}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
