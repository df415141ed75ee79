import { ASSISTANCES, CHANNELS, type Report } from './arithmetic';

/** One figure of the report, as the page shows it and the CSV/XLSX exports carry it. */
export interface Figure {
	section: 'volume' | 'shares' | 'assistance' | 'exempt' | 'forms' | 'journeys' | 'cost';
	key: string;
	unit: 'count' | 'percent' | 'kr' | 'points';
	/** Rounded as shown: percent and points to one decimal, kroner to whole kroner. */
	value: number | null;
}

/** A share as the page shows it: percent, one decimal. */
export const percent = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
const kr = (x: number) => Math.round(x);

/**
 * The report's figures in the order a reader meets them. Page and exports both take their
 * numbers from here, so a downloaded file says exactly what the page says.
 */
export function reportFigures(
	r: Report,
	journeys: {
		graduation: { helped: number; graduated: number; rate: number | null };
		dropout: { started: number; droppedOut: number; rate: number | null };
		exempt: { total: number; byReason: Record<string, number>; shareWithoutExempt: number | null };
	}
): Figure[] {
	const f = (section: Figure['section'], key: string, unit: Figure['unit'], value: number | null): Figure => ({ section, key, unit, value });
	return [
		f('volume', 'contacts', 'count', r.contacts),
		...CHANNELS.map((c) => f('volume', `channel_${c}`, 'count', r.byChannel[c])),
		f('shares', 'selfServiceShare', 'percent', percent(r.selfServiceShare)),
		f('shares', 'unassistedShare', 'percent', percent(r.unassistedShare)),
		f('shares', 'target', 'percent', percent(r.target)),
		f('shares', 'selfServiceVsTarget', 'points', percent(r.selfServiceVsTarget)),
		f('shares', 'unassistedVsTarget', 'points', r.unassistedShare !== null && r.target !== null ? percent(r.unassistedShare - r.target) : null),
		...ASSISTANCES.map((a) => f('assistance', `assistance_${a}`, 'count', r.byAssistance[a])),
		f('exempt', 'exemptContacts', 'count', journeys.exempt.total),
		...Object.entries(journeys.exempt.byReason).map(([reason, n]) => f('exempt', `exempt_${reason}`, 'count', n)),
		f('exempt', 'shareWithoutExempt', 'percent', percent(journeys.exempt.shareWithoutExempt)),
		f('forms', 'formsStarted', 'count', r.formsStarted),
		f('forms', 'formsSubmitted', 'count', r.formsSubmitted),
		f('forms', 'completionRate', 'percent', percent(r.completionRate)),
		f('journeys', 'helped', 'count', journeys.graduation.helped),
		f('journeys', 'graduated', 'count', journeys.graduation.graduated),
		f('journeys', 'graduationRate', 'percent', percent(journeys.graduation.rate)),
		f('journeys', 'startedWithKey', 'count', journeys.dropout.started),
		f('journeys', 'droppedOut', 'count', journeys.dropout.droppedOut),
		f('journeys', 'dropoutRate', 'percent', percent(journeys.dropout.rate)),
		...CHANNELS.map((c) => f('cost', `cost_${c}`, 'kr', kr(r.costByChannel[c]))),
		f('cost', 'cost', 'kr', kr(r.cost)),
		f('cost', 'costAllManual', 'kr', kr(r.costAllManual)),
		f('cost', 'saving', 'kr', kr(r.saving)),
		f('cost', 'furtherSavingAtTarget', 'kr', kr(r.furtherSavingAtTarget))
	];
}

/**
 * CSV as a Danish spreadsheet opens it: semicolons, decimal commas, a BOM for the Danish
 * letters, CRLF. (With a decimal point, Danish Excel reads 12.3 as a date.)
 */
export function toCsv(header: string[], rows: (string | number | null)[][], decimalComma = true): string {
	const cell = (v: string | number | null) => {
		const s = v === null ? '' : typeof v === 'number' && decimalComma ? String(v).replace('.', ',') : String(v);
		return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
