import { translator } from '$lib/i18n';
import { extendTranslate } from '$lib/i18n/translate';
import type { PageLoad } from './$types';

/** The preview speaks the citizen's language, whatever the editor's. */
export const load: PageLoad = async ({ data }) => ({
	...data,
	lang: data.previewLang,
	t: extendTranslate(await translator(data.previewLang, 'all'), data.previewLang, data.texts)
});
