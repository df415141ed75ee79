import { error } from '@sveltejs/kit';
import { can, requireStaff } from '$lib/server/auth/guards';
import { reportFile } from '$lib/server/reports/export';
import { reportData } from '$lib/server/reports/view';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireStaff(event, can.readReports);
	const format = event.params.format;
	if (format !== 'csv' && format !== 'xlsx') error(404, 'not_found');
	const file = await reportFile(await reportData(event.url), format, event.locals.lang);
	return new Response(file.body, {
		headers: { 'content-type': file.type, 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' }
	});
};
