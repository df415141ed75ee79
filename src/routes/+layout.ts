import { translator } from '$lib/i18n';
import { scopeFor } from '$lib/i18n/scopes';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ data, url }) => ({
	...data,
	t: await translator(data.lang, scopeFor(data.user?.kind === 'staff', url.pathname))
});
