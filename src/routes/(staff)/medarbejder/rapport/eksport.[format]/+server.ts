import { error } from '@sveltejs/kit';
import { can, requireStaff } from '$lib/server/auth/guards';
import { klFile, reportFile } from '$lib/server/reports/export';
import { reportData, reportRequest } from '$lib/server/reports/view';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireStaff(event, can.readReports);
	const format = event.params.format;
	if (format !== 'csv' && format !== 'xlsx' && format !== 'kl') error(404, 'not_found');
	const file = format === 'kl' ? await klFile(await reportRequest(event.url), event.locals.lang) : await reportFile(await reportData(event.url), format, event.locals.lang);
	return new Response(file.body, {
		headers: { 'content-type': file.type, 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' }
	});
};
