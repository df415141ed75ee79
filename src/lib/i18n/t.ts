import { page } from '$app/state';
import type { TFunction, TOptions } from 'i18next';
import type { Lang } from '.';

/** Translates in components: the root layout puts the page language's `t` in page data. */
export function t(key: string, options?: TOptions): string {
	return pageT()(key, options) as string;
}

/** The root layout's translator and language, for helpers that take them as arguments. */
export function pageT(): TFunction {
	return (page.data as { t: TFunction }).t;
}

export function pageLang(): Lang {
	return (page.data as { lang: Lang }).lang;
}
