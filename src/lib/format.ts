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

/** "tirsdag 24. november": how a day reads in a list of free times. */
export function formatWeekdayDate(at: Date | string | number, lang: Lang): string {
	return new Intl.DateTimeFormat(locale(lang), {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		timeZone: 'Europe/Copenhagen'
	}).format(new Date(at));
}

export function formatTime(at: Date | string | number, lang: Lang): string {
	return new Intl.DateTimeFormat(locale(lang), { timeStyle: 'short', timeZone: 'Europe/Copenhagen' }).format(new Date(at));
}

/** Enough to recognise one's own address on a page a forwarded link could open. */
export function maskEmail(email: string): string {
	return email.replace(/^(.)[^@]*/, '$1…');
}

export function maskPhone(phone: string): string {
	const digits = phone.replace(/\D/g, '');
	return `•• •• ${digits.slice(-4, -2)} ${digits.slice(-2)}`;
}

/** Report figures as the page shows them; the exports carry the same rounded numbers. */
export function formatFigure(value: number | null, unit: 'count' | 'percent' | 'kr' | 'points' | 'minutes' | 'days' | 'score' | 'year', lang: Lang): string {
	if (value === null) return '–';
	if (unit === 'year') return String(value);
	const decimals = unit === 'count' || unit === 'kr' ? 0 : 1;
	const n = new Intl.NumberFormat(locale(lang), {
		minimumFractionDigits: decimals,
		maximumFractionDigits: decimals,
		signDisplay: unit === 'points' ? 'exceptZero' : 'auto'
	}).format(value);
	if (unit === 'percent') return lang === 'da' ? `${n} %` : `${n}%`;
	if (unit === 'kr') return lang === 'da' ? `${n} kr.` : `DKK ${n}`;
	if (unit === 'minutes') return lang === 'da' ? `${n} min.` : `${n} min`;
	if (unit === 'days') return lang === 'da' ? `${n} dage` : `${n} days`;
	return n;
}

/** "marts 2026" for a report month given as yyyy-mm. */
export function formatMonth(month: string, lang: Lang): string {
	return new Intl.DateTimeFormat(locale(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));
}
