/** Report periods as calendar months in Copenhagen time. No I/O. */

export const periodKinds = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof periodKinds)[number];

export interface Period {
	kind: PeriodKind;
	year: number;
	/** Month 1–12 or quarter 1–4; 1 for a year. */
	n: number;
	/** `yyyy-mm` of each month in the period, in order. */
	months: string[];
	/** First local day, and the first local day after the period. */
	from: string;
	to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthKey = (year: number, month: number) => `${year}-${pad(month)}`;

export function period(kind: PeriodKind, year: number, n = 1): Period {
	const first = kind === 'month' ? n : kind === 'quarter' ? (n - 1) * 3 + 1 : 1;
	const count = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
	const months = Array.from({ length: count }, (_, i) => monthKey(year, first + i));
	const end = first + count;
	return {
		kind,
		year,
		n,
		months,
		from: `${months[0]}-01`,
		to: end > 12 ? `${year + 1}-01-01` : `${monthKey(year, end)}-01`
	};
}

/** The period in the address, or the current month's if it is missing or wrong. */
export function parsePeriod(params: URLSearchParams, today: string): Period {
	const kind = (periodKinds as readonly string[]).includes(params.get('periode') ?? '') ? (params.get('periode') as PeriodKind) : 'month';
	const [ty, tm] = today.split('-').map(Number);
	const year = Number(params.get('aar'));
	const validYear = Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : ty;
	const max = kind === 'month' ? 12 : kind === 'quarter' ? 4 : 1;
	const n = Number(params.get('nr'));
	const fallback = kind === 'month' ? tm : kind === 'quarter' ? Math.ceil(tm / 3) : 1;
	return period(kind, validYear, Number.isInteger(n) && n >= 1 && n <= max ? n : fallback);
}

/** The same months a year earlier, for the trend's comparison. */
export function yearBefore(p: Period): Period {
	return period(p.kind, p.year - 1, p.n);
}

/** The ISO 8601 week of a local date, `2026-W01`: a week belongs to the year its Thursday is in. */
export function isoWeek(day: string): string {
	const thursday = new Date(`${day}T12:00:00Z`);
	thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7));
	const year = thursday.getUTCFullYear();
	const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1, 12)) / (7 * 86_400_000));
	return `${year}-W${String(week).padStart(2, '0')}`;
}
