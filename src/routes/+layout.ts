import { translator } from '$lib/i18n';
import { scopeFor } from '$lib/i18n/scopes';
import { extendTranslate } from '$lib/i18n/translate';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ data, url }) => {
	const t = await translator(data.lang, scopeFor(data.user?.kind === 'staff', url.pathname));
	return { ...data, t: data.serviceTitles ? extendTranslate(t, data.lang, { services: data.serviceTitles }) : t };
};
