import i18next, { type TFunction } from 'i18next';

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

// Each language is its own chunk, so a page ships only the one it shows.
const loaders = import.meta.glob<Record<string, unknown>>('./locales/*.json', { import: 'default' });
const translators = new Map<Lang, Promise<TFunction>>();

export function translator(lang: Lang): Promise<TFunction> {
	let t = translators.get(lang);
	if (!t) {
		t = loaders[`./locales/${lang}.json`]().then((resources) => {
			const instance = i18next.createInstance();
			instance.init({
				lng: lang,
				resources: { [lang]: { translation: resources } },
				initAsync: false,
				// Svelte escapes what it renders; escaping here would double it.
				interpolation: { escapeValue: false },
				returnNull: false
			});
			return instance.t;
		});
		translators.set(lang, t);
	}
	return t;
}
