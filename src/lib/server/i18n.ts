import i18next, { type TFunction } from 'i18next';
import { inArray } from 'drizzle-orm';
import { formTexts } from '$lib/forms/texts';
import type { FormDocument } from '$lib/forms/types';
import type { Lang } from '$lib/i18n';
import { extendTranslate } from '$lib/i18n/translate';
import { db, tables } from '$lib/server/db';
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
 * The data texts a page shows (see AS_DATA in $lib/i18n/scopes): the texts of the forms it
 * draws, from their documents, and the names of the services it names, from the catalogue.
 */
export async function pageTexts(lang: Lang, o: { forms?: FormDocument[]; serviceSlugs?: string[] }) {
	return {
		forms: Object.fromEntries((o.forms ?? []).map((form) => [form.id, formTexts(form, lang)])),
		services: o.serviceSlugs?.length ? await serviceTitles(lang, o.serviceSlugs) : {}
	};
}

/** Every service's name, or the ones asked for, as `services.<slug>.title`. */
export async function serviceTitles(lang: Lang, slugs?: string[]): Promise<Record<string, { title: string }>> {
	const s = tables.services;
	const found = await db()
		.select({ slug: s.slug, texts: s.texts })
		.from(s)
		.where(slugs ? inArray(s.slug, slugs) : undefined);
	return Object.fromEntries(found.map((x) => [x.slug, { title: (x.texts[lang] ?? x.texts.da).title }]));
}

/** The server's translator with a page's data texts (a receipt mail names its service). */
export async function serverTextsT(lang: Lang, o: Parameters<typeof pageTexts>[1]): Promise<TFunction> {
	return extendTranslate(serverT(lang), lang, await pageTexts(lang, o));
}
