import type { Lang } from '$lib/i18n';

/** Minutes of the local day; weekday 1 is Monday, as ISO counts. */
export interface HoursRange {
	weekday: number;
	opens: number;
	closes: number;
}

/** Days with the same hours, in a row: "Monday–Wednesday 9:00–15:00". */
export interface HoursLine {
	from: number;
	to: number;
	ranges: { opens: number; closes: number }[];
}

/**
 * Borgerservice's opening hours from its counters' own: on each weekday the time any counter
 * is open (overlapping ranges joined, a lunch break where all are closed kept), then days
 * with the same hours run together. A day no counter opens is left out.
 */
export function openingHoursLines(rows: readonly HoursRange[]): HoursLine[] {
	const byDay = new Map<number, { opens: number; closes: number }[]>();
	for (const r of [...rows].sort((a, b) => a.weekday - b.weekday || a.opens - b.opens)) {
		if (r.closes <= r.opens) continue;
		const day = byDay.get(r.weekday) ?? [];
		const last = day.at(-1);
		if (last && r.opens <= last.closes) last.closes = Math.max(last.closes, r.closes);
		else day.push({ opens: r.opens, closes: r.closes });
		byDay.set(r.weekday, day);
	}
	const lines: HoursLine[] = [];
	for (const [weekday, ranges] of [...byDay].sort((a, b) => a[0] - b[0])) {
		const last = lines.at(-1);
		if (last && last.to === weekday - 1 && JSON.stringify(last.ranges) === JSON.stringify(ranges)) last.to = weekday;
		else lines.push({ from: weekday, to: weekday, ranges });
	}
	return lines;
}

const locale = (lang: Lang) => (lang === 'da' ? 'da-DK' : 'en-GB');

/** 2024-01-01 was a Monday: weekday n is that date plus n - 1 days. */
function weekdayName(weekday: number, lang: Lang): string {
	const name = new Intl.DateTimeFormat(locale(lang), { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
	return name.charAt(0).toUpperCase() + name.slice(1);
}

/** "9.00" in Danish, "9:00" in English: as each language writes a time of day. */
export function clock(minutes: number, lang: Lang): string {
	const mm = String(minutes % 60).padStart(2, '0');
	return `${Math.floor(minutes / 60)}${lang === 'da' ? '.' : ':'}${mm}`;
}

/** One line as it reads: "Mandag–onsdag: 9.00–15.00", "Fredag: 9.00–12.00 og 13.00–15.00". */
export function describeHoursLine(line: HoursLine, lang: Lang): { days: string; hours: string } {
	const first = weekdayName(line.from, lang);
	// Danish writes weekdays in lower case inside a phrase ("Mandag–onsdag"), English does not.
	const last = lang === 'da' ? weekdayName(line.to, lang).toLowerCase() : weekdayName(line.to, lang);
	const days = line.from === line.to ? first : `${first}–${last}`;
	const hours = line.ranges.map((r) => `${clock(r.opens, lang)}–${clock(r.closes, lang)}`).join(lang === 'da' ? ' og ' : ' and ');
	return { days, hours };
}
