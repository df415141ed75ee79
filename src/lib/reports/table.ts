import { ASSISTANCES, CHANNELS, COST_DELIVERY_MODES, type Report } from './arithmetic';
import { formatMonth } from '$lib/format';
import type { Lang } from '$lib/i18n';
import { FUNNEL_CHECK, FUNNEL_START, KINDS, type CounterFigures, type FeedbackScores, type Funnel, type HelperRow, type KomhenKind } from './breakdowns';

export const sections = ['volume', 'kinds', 'shares', 'komhen', 'assistance', 'avoidable', 'national', 'exempt', 'forms', 'funnel', 'journeys', 'counter', 'cost', 'feedback'] as const;
export type Section = (typeof sections)[number];
export type Unit = 'count' | 'percent' | 'kr' | 'points' | 'minutes' | 'days' | 'score' | 'year';

/** A piece of a row's label: a text key, a name as typed (a unit), a name per language, or a month. */
export type Part = { t: string } | { text: string } | { names: Record<'da' | 'en', string> } | { month: string };

/** One figure of the report, as the page shows it and the CSV/XLSX exports carry it. */
export interface Figure {
	section: Section;
	key: string;
	unit: Unit;
	/** Rounded as shown: percent, points, minutes, days and scores to one decimal, kroner to whole kroner. */
	value: number | null;
	/** A breakdown: figures of one group make a table, one row per row id, labelled by `label`. */
	group?: string;
	row?: string;
	label?: Part[];
}

/** The figure's id on the page (`data-figure`), unique in the report. */
export const figureId = (f: Figure) => (f.row ? `${f.key}:${f.row}` : f.key);

/** A share as the page shows it: percent, one decimal. */
export const percent = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
const one = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const kr = (x: number) => Math.round(x);

type Names = Record<string, Record<'da' | 'en', string>>;

/** What the report hands over; the names are those of appointment types, counters and form pages (`service:page`). */
export interface FigureInput {
	summary: Report;
	byKind: Record<(typeof KINDS)[number], Report>;
	komhen: { baselineYear: number } & Record<(typeof KINDS)[number], KomhenKind>;
	graduation: { helped: number; graduated: number; rate: number | null };
	dropout: { started: number; droppedOut: number; rate: number | null };
	exempt: { total: number; byReason: Record<string, number>; shareWithoutExempt: number | null };
	avoidable: { serviceSlug: string; manual: number; couldBeDigital: number; referredToDigital: number }[];
	help: { helpers: HelperRow[]; proxy: number };
	referrals: { serviceSlug: string; referrals: number; digital: number }[];
	counter: { all: CounterFigures; byMonth: { key: string; figures: CounterFigures }[]; byType: { key: string; figures: CounterFigures }[]; byCounter: { key: string; figures: CounterFigures }[] };
	funnels: Funnel[];
	/** The digital drop-outs by their form's page last seen ('' where none was seen). */
	dropoutPages: { serviceSlug: string; page: string; droppedOut: number }[];
	feedback: FeedbackScores;
}

/** The text key of what a contact was about: a service, or a help topic (`hjaelp-…`) that is none. */
export const topicKey = (slug: string) => (slug.startsWith('hjaelp-') ? `guided.topics.${slug.slice(7)}` : `services.${slug}.title`);
const service = (slug: string): Part => ({ t: topicKey(slug) });
const named = (names: Names, key: string): Part => (names[key] ? { names: names[key] } : { text: key || '–' });

/**
 * The report's figures in the order a reader meets them. Page and exports both take their
 * numbers from here, so a downloaded file says exactly what the page says.
 */
export function reportFigures(r: FigureInput, names: { types: Names; counters: Names; pages: Names } = { types: {}, counters: {}, pages: {} }): Figure[] {
	const s = r.summary;
	const out: Figure[] = [];
	const f = (section: Section, key: string, unit: Unit, value: number | null, row?: { group: string; row: string; label: Part[] }) =>
		out.push({ section, key, unit, value, ...row });

	f('volume', 'contacts', 'count', s.contacts);
	for (const c of CHANNELS) f('volume', `channel_${c}`, 'count', s.byChannel[c]);

	for (const k of KINDS) {
		const row = { group: 'kinds', row: k, label: [{ t: `report.kindName.${k}` }] };
		const x = r.byKind[k];
		f('kinds', 'contacts', 'count', x.contacts, row);
		for (const c of CHANNELS) f('kinds', `channel_${c}`, 'count', x.byChannel[c], row);
		f('kinds', 'selfServiceShare', 'percent', percent(x.selfServiceShare), row);
		f('kinds', 'unassistedShare', 'percent', percent(x.unassistedShare), row);
	}

	f('shares', 'selfServiceShare', 'percent', percent(s.selfServiceShare));
	f('shares', 'unassistedShare', 'percent', percent(s.unassistedShare));
	f('shares', 'target', 'percent', percent(s.target));
	f('shares', 'selfServiceVsTarget', 'points', percent(s.selfServiceVsTarget));
	f('shares', 'unassistedVsTarget', 'points', s.unassistedShare !== null && s.target !== null ? percent(s.unassistedShare - s.target) : null);

	f('komhen', 'komhenBaselineYear', 'year', r.komhen.baselineYear);
	for (const k of KINDS) {
		const row = { group: 'komhen', row: k, label: [{ t: `report.kindName.${k}` }] };
		const x = r.komhen[k];
		f('komhen', 'komhenBaseline', 'count', x.baseline, row);
		f('komhen', 'komhenNow', 'count', x.now, row);
		f('komhen', 'komhenReduction', 'percent', percent(x.reduction), row);
		f('komhen', 'komhenTarget', 'percent', percent(x.target), row);
		f('komhen', 'komhenVsTarget', 'points', percent(x.vsTarget), row);
	}

	for (const a of ASSISTANCES) f('assistance', `assistance_${a}`, 'count', s.byAssistance[a]);
	for (const h of r.help.helpers) {
		const label: Part[] = [{ t: `report.figure.assistance_${h.assistance}` }, h.staffRole ? { t: `roles.${h.staffRole}` } : { t: 'report.noRole' }, { text: h.staffUnit || '–' }];
		f('assistance', 'helpCount', 'count', h.count, { group: 'helpers', row: `${h.assistance}/${h.staffRole}/${h.staffUnit}`, label });
	}

	const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
	f('avoidable', 'manualContacts', 'count', sum(r.avoidable.map((a) => a.manual)));
	f('avoidable', 'couldBeDigital', 'count', sum(r.avoidable.map((a) => a.couldBeDigital)));
	f('avoidable', 'referredToDigital', 'count', sum(r.avoidable.map((a) => a.referredToDigital)));
	for (const a of r.avoidable) {
		const row = { group: 'avoidable', row: a.serviceSlug, label: [service(a.serviceSlug)] };
		f('avoidable', 'manualContacts', 'count', a.manual, row);
		f('avoidable', 'couldBeDigital', 'count', a.couldBeDigital, row);
		f('avoidable', 'referredToDigital', 'count', a.referredToDigital, row);
	}

	f('national', 'referrals', 'count', sum(r.referrals.map((x) => x.referrals)));
	for (const x of r.referrals) {
		const row = { group: 'national', row: x.serviceSlug, label: [service(x.serviceSlug)] };
		f('national', 'referrals', 'count', x.referrals, row);
		f('national', 'serviceDigital', 'count', x.digital, row);
	}

	f('exempt', 'exemptContacts', 'count', r.exempt.total);
	for (const [reason, n] of Object.entries(r.exempt.byReason)) f('exempt', `exempt_${reason}`, 'count', n);
	f('exempt', 'shareWithoutExempt', 'percent', percent(r.exempt.shareWithoutExempt));

	f('forms', 'formsStarted', 'count', s.formsStarted);
	f('forms', 'formsSubmitted', 'count', s.formsSubmitted);
	f('forms', 'completionRate', 'percent', percent(s.completionRate));

	const page = (serviceSlug: string, id: string): Part =>
		id === FUNNEL_START ? { t: 'report.funnel.start' } : id === FUNNEL_CHECK ? { t: 'report.funnel.check' } : id ? named(names.pages, `${serviceSlug}:${id}`) : { t: 'report.funnel.unknownPage' };
	for (const fu of r.funnels) {
		for (const p of fu.pages) {
			const row = { group: 'funnel', row: `${fu.serviceSlug}/${p.page}`, label: [service(fu.serviceSlug), page(fu.serviceSlug, p.page)] };
			f('funnel', 'funnelReached', 'count', p.reached, row);
			f('funnel', 'funnelReachedShare', 'percent', percent(p.reachedShare), row);
			f('funnel', 'funnelLeft', 'count', p.left, row);
			f('funnel', 'funnelLeftShare', 'percent', percent(p.leftShare), row);
		}
		const row = { group: 'funnel', row: `${fu.serviceSlug}/_submitted`, label: [service(fu.serviceSlug), { t: 'report.funnel.submitted' }] };
		f('funnel', 'funnelReached', 'count', fu.submitted, row);
		f('funnel', 'funnelReachedShare', 'percent', percent(fu.completion), row);
		f('funnel', 'funnelLeft', 'count', null, row);
		f('funnel', 'funnelLeftShare', 'percent', null, row);
	}

	for (const d of r.dropoutPages)
		f('funnel', 'droppedOut', 'count', d.droppedOut, { group: 'dropoutPages', row: `${d.serviceSlug}/${d.page || '-'}`, label: [service(d.serviceSlug), page(d.serviceSlug, d.page)] });

	f('journeys', 'helped', 'count', r.graduation.helped);
	f('journeys', 'graduated', 'count', r.graduation.graduated);
	f('journeys', 'graduationRate', 'percent', percent(r.graduation.rate));
	f('journeys', 'startedWithKey', 'count', r.dropout.started);
	f('journeys', 'droppedOut', 'count', r.dropout.droppedOut);
	f('journeys', 'dropoutRate', 'percent', percent(r.dropout.rate));

	const counter = (x: CounterFigures, row?: { group: string; row: string; label: Part[] }) => {
		f('counter', 'visits', 'count', x.visits, row);
		f('counter', 'waitMedian', 'minutes', one(x.waitMedian), row);
		f('counter', 'waitP90', 'minutes', one(x.waitP90), row);
		f('counter', 'noShowShare', 'percent', percent(x.noShowShare), row);
		f('counter', 'leadMedian', 'days', one(x.leadMedian), row);
	};
	counter(r.counter.all);
	for (const m of r.counter.byMonth) counter(m.figures, { group: 'counterMonth', row: `month/${m.key}`, label: [{ month: m.key }] });
	for (const m of r.counter.byType) counter(m.figures, { group: 'counterType', row: `type/${m.key}`, label: [named(names.types, m.key)] });
	for (const m of r.counter.byCounter) counter(m.figures, { group: 'counterCounter', row: `counter/${m.key}`, label: [named(names.counters, m.key)] });

	for (const c of CHANNELS) f('cost', `cost_${c}`, 'kr', kr(s.costByChannel[c]));
	f('cost', 'cost', 'kr', kr(s.cost));
	f('cost', 'costAllManual', 'kr', kr(s.costAllManual));
	f('cost', 'saving', 'kr', kr(s.saving));
	f('cost', 'furtherSavingAtTarget', 'kr', kr(s.furtherSavingAtTarget));
	for (const m of COST_DELIVERY_MODES) {
		const row = { group: 'delivery', row: m, label: [{ t: `report.deliveryMode.${m}` }] };
		f('cost', 'submissions', 'count', s.submissionsByDelivery[m].count, row);
		f('cost', 'submissionsCost', 'kr', kr(s.submissionsByDelivery[m].kr), row);
	}

	f('feedback', 'feedbackCount', 'count', r.feedback.all.count);
	f('feedback', 'feedbackMean', 'score', one(r.feedback.all.mean));
	const scores = (x: { count: number; mean: number | null; distribution: number[] }, row: { group: string; row: string; label: Part[] }) => {
		f('feedback', 'feedbackCount', 'count', x.count, row);
		f('feedback', 'feedbackMean', 'score', one(x.mean), row);
		x.distribution.forEach((n, i) => f('feedback', `feedbackScore${i + 1}`, 'count', n, row));
	};
	for (const t of r.feedback.byTouchpoint) scores(t, { group: 'feedbackTouchpoint', row: `touchpoint/${t.touchpoint}`, label: [{ t: `report.touchpoint.${t.touchpoint}` }] });
	for (const x of r.feedback.byService) scores(x, { group: 'feedbackService', row: `service/${x.serviceSlug}`, label: [service(x.serviceSlug)] });
	return out;
}

/** A row's label as one line of text, for the page and the exports alike. */
export function labelText(parts: Part[], t: (key: string) => string, lang: Lang): string {
	return parts.map((p) => ('t' in p ? t(p.t) : 'text' in p ? p.text : 'names' in p ? (p.names[lang] ?? p.names.da) : formatMonth(p.month, lang))).join(' · ');
}

/** The tables of a section: its breakdown figures by group, each with its columns and rows in order. */
export function breakdownTables(figures: Figure[], section: Section) {
	const tables = new Map<string, { group: string; columns: { key: string; unit: Unit }[]; rows: { row: string; label: Part[]; cells: Figure[] }[] }>();
	for (const fig of figures) {
		if (fig.section !== section || !fig.group) continue;
		const table = tables.get(fig.group) ?? { group: fig.group, columns: [], rows: [] };
		if (!table.columns.some((c) => c.key === fig.key)) table.columns.push({ key: fig.key, unit: fig.unit });
		let row = table.rows.find((r) => r.row === fig.row);
		if (!row) table.rows.push((row = { row: fig.row!, label: fig.label ?? [], cells: [] }));
		row.cells.push(fig);
		tables.set(fig.group, table);
	}
	return [...tables.values()];
}

/**
 * CSV as a Danish spreadsheet opens it: semicolons, decimal commas, a BOM for the Danish
 * letters, CRLF. (With a decimal point, Danish Excel reads 12.3 as a date.)
 */
export function toCsv(header: string[], rows: (string | number | null)[][], decimalComma = true): string {
	const cell = (v: string | number | null) => {
		let s = v === null ? '' : typeof v === 'number' && decimalComma ? String(v).replace('.', ',') : String(v);
		// A text a spreadsheet would run as a formula (a unit named "=HYPERLINK(…)") is kept as text.
		if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
		return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
