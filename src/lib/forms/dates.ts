import { pad } from './cpr';

/** Calendar arithmetic on `yyyy-mm-dd` strings, free of time zones. */
export function addDays(isoDate: string, days: number): string {
	const [y, m, d] = isoDate.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d + days));
	return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The local date in Europe/Copenhagen at an instant, `yyyy-mm-dd`. */
export function copenhagenDate(at: Date = new Date()): string {
	// en-CA formats as yyyy-mm-dd.
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/Copenhagen',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(at);
}

export function formatDate(isoDate: string, lang: 'da' | 'en'): string {
	const [y, m, d] = isoDate.split('-').map(Number);
	return new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(Date.UTC(y, m - 1, d)));
}
