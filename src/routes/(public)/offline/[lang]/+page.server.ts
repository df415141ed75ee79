import { error } from '@sveltejs/kit';
import { isLang } from '$lib/i18n';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	if (!isLang(params.lang)) error(404, 'not_found');
	return {};
};
