import type { Lang } from '$lib/i18n';

const locale = (lang: Lang) => (lang === 'da' ? 'da-DK' : 'en-GB');

/** Times are shown in Copenhagen time whatever the server's or browser's zone. */
export function formatDateTime(at: Date | string | number, lang: Lang): string {
	return new Intl.DateTimeFormat(locale(lang), {
		dateStyle: 'long',
		timeStyle: 'short',
		timeZone: 'Europe/Copenhagen'
	}).format(new Date(at));
}

export function formatDay(at: Date | string | number, lang: Lang): string {
	return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: 'Europe/Copenhagen' }).format(new Date(at));
}
