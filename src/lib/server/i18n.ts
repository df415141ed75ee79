import i18next, { type TFunction } from 'i18next';
import type { Lang } from '$lib/i18n';
import da from '$lib/i18n/locales/da.json';
import en from '$lib/i18n/locales/en.json';

const resources = { da, en };
const cache = new Map<Lang, TFunction>();

/**
 * Synchronous translation for messages the server writes inside a transaction or a job
 * (e-mail, SMS, calendar files), where no request and no page translator exist.
 */
export function serverT(lang: Lang): TFunction {
	let t = cache.get(lang);
	if (!t) {
		const instance = i18next.createInstance();
		// Synchronous with initAsync false: the promise it also returns is already settled.
		void instance.init({
			lng: lang,
			resources: { [lang]: { translation: resources[lang] } },
			initAsync: false,
			interpolation: { escapeValue: false },
			returnNull: false
		});
		t = instance.t;
		cache.set(lang, t);
	}
	return t;
}

/**
 * The data texts a citizen's page shows (see AS_DATA in $lib/i18n/scopes): the texts of the
 * forms it draws and the names of the services it names.
 */
export function pageTexts(lang: Lang, o: { formIds?: string[]; serviceSlugs?: string[] }) {
	const locale = resources[lang] as unknown as { forms: Record<string, unknown>; services: Record<string, { title: string }> };
	return {
		forms: Object.fromEntries((o.formIds ?? []).filter((id) => id in locale.forms).map((id) => [id, locale.forms[id]])),
		services: Object.fromEntries(
			(o.serviceSlugs ?? []).filter((slug) => slug in locale.services).map((slug) => [slug, { title: locale.services[slug].title }])
		)
	};
}
