import type { TFunction } from 'i18next';
import type { Lang } from '.';
import { extendTranslate } from './translate';

/**
 * The universal load of a page (or layout) whose server load sends `texts`: the page's
 * translator then knows them.
 */
export async function withTexts<D extends { texts: Record<string, unknown> }>({
	data,
	parent
}: {
	data: D;
	parent: () => Promise<{ t: TFunction; lang: Lang }>;
}): Promise<D & { t: TFunction }> {
	const { t, lang } = await parent();
	return { ...data, t: extendTranslate(t, lang, data.texts) };
}
