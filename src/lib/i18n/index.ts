import type { TFunction } from 'i18next';
import { createTranslate } from './translate';
import type { Scope } from './scopes';

export const languages = ['da', 'en'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'da';
export const LANG_COOKIE = 'lang';

export function isLang(value: unknown): value is Lang {
	return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** Cookie first (the citizen chose), then the browser's Accept-Language, then Danish. */
export function negotiateLang(cookie: string | undefined, acceptLanguage: string | null): Lang {
	if (isLang(cookie)) return cookie;
	const ranked = (acceptLanguage ?? '')
		.split(',')
		.map((part) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.find((p) => p.trim().startsWith('q='));
			return { tag: tag.toLowerCase().split('-')[0], q: q ? Number(q.trim().slice(2)) : 1 };
		})
		.filter((l) => l.tag && l.q > 0)
		.sort((a, b) => b.q - a.q);
	return ranked.map((l) => l.tag).find(isLang) ?? defaultLang;
}

// Each language is its own chunk, so a page ships only the one it shows; and for a citizen's
// pages a smaller chunk without the staff's texts (vite.config.ts makes it, see scopes.ts).
const loaders = {
	all: import.meta.glob<Record<string, unknown>>('./locales/*.json', { import: 'default' }),
	citizen: import.meta.glob<Record<string, unknown>>('./locales/*.json', { import: 'default', query: '?citizen' }),
	form: import.meta.glob<Record<string, unknown>>('./locales/*.json', { import: 'default', query: '?form' })
};
const translators = new Map<string, Promise<TFunction>>();

export function translator(lang: Lang, scope: Scope = 'all'): Promise<TFunction> {
	let t = translators.get(`${lang}:${scope}`);
	if (!t) {
		t = loaders[scope][`./locales/${lang}.json`]().then((resources) => createTranslate(lang, resources));
		translators.set(`${lang}:${scope}`, t);
	}
	return t;
}
