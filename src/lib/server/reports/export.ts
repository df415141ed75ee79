import ExcelJS from 'exceljs';
import { formatMonth } from '$lib/format';
import type { Lang } from '$lib/i18n';
import { isoWeek } from '$lib/reports/period';
import { figureId, labelText, percent, toCsv, topicKey } from '$lib/reports/table';
import { serverTextsT } from '$lib/server/i18n';
import { activeServices } from '$lib/server/services/catalog';
import { weeklyCounts } from './data';
import type { reportData, reportRequest } from './view';

type ReportData = Awaited<ReturnType<typeof reportData>>;
type File = { body: string | Uint8Array<ArrayBuffer>; filename: string; type: string };
const CSV = 'text/csv; charset=utf-8';

async function textsFor(scopeKey: string, lang: Lang) {
	return serverTextsT(lang, { serviceSlugs: scopeKey && !scopeKey.startsWith('gruppe-') ? [scopeKey] : (await activeServices()).map((s) => s.slug) });
}

/** The page's figures, as a municipality forwards them in its own target reporting: one line a figure. */
export async function reportFile(data: ReportData, format: 'csv' | 'xlsx', lang: Lang): Promise<File> {
	const t = await textsFor(data.scopeKey, lang);
	const scope = data.scopeKey.startsWith('gruppe-')
		? t(`lifeSituations.${data.scopeKey.slice(7)}`)
		: data.scopeKey
			? t(`services.${data.scopeKey}.title`)
			: t('report.allServices');
	const periodLabel = t(`report.periodLabel.${data.period.kind}`, { year: data.period.year, n: data.period.n });
	const header = [t('report.export.section'), t('report.export.figure'), t('report.export.detail'), t('report.export.unit'), t('report.export.value')];
	const rows = data.figures.map((f) => [
		t(`report.section.${f.section}`),
		t(`report.figure.${f.key}`),
		f.label ? labelText(f.label, t, lang) : '',
		t(`report.unit.${f.unit}`),
		f.value
	]);
	const name = `kanalrapport-${data.period.kind}-${data.period.year}-${data.period.n}${data.scopeKey ? `-${data.scopeKey}` : ''}`;
	if (format === 'csv') {
		const meta = [
			[t('report.export.period'), periodLabel, '', '', null],
			[t('report.export.scope'), scope, '', '', null]
		];
		return { body: toCsv(header, [...meta, ...rows], lang === 'da'), filename: `${name}.csv`, type: CSV };
	}
	const book = new ExcelJS.Workbook();
	const sheet = book.addWorksheet(t('report.export.sheet'));
	sheet.addRow([t('report.title'), periodLabel, scope]);
	sheet.addRow([]);
	sheet.addRow([...header, 'id']).font = { bold: true };
	data.figures.forEach((f, i) => sheet.addRow([...rows[i], figureId(f)]));
	sheet.columns.forEach((c, i) => (c.width = [22, 44, 40, 14, 14, 30][i]));
	const trend = book.addWorksheet(t('report.export.trendSheet'));
	trend.addRow([t('report.trend.month'), t('report.trend.contacts'), t('report.trend.share'), t('report.trend.target'), t('report.trend.yearBefore')]).font = { bold: true };
	for (const m of data.trend) trend.addRow([formatMonth(m.month, lang), m.contacts, percent(m.share), percent(m.target), percent(m.shareYearBefore)]);
	// Where the defaults come from, as the page says it beside them: a file handed on says it too.
	const sources = book.addWorksheet(t('report.export.sourcesSheet'));
	for (const source of new Set([...data.targetSources, ...data.costSources, 'komhen' as const]))
		sources.addRow([source ? t(`report.source.${source}`) : t('report.targetSet')]);
	sources.getColumn(1).width = 120;
	return {
		body: new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer),
		filename: `${name}.xlsx`,
		type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	};
}

/**
 * The period's contacts in the shape KL's channel counting takes them: one line per ISO week,
 * service, channel and kind, with the service's KLE number. Codes, not words, in the key
 * columns, so that a file reads the same whatever the language it was downloaded in.
 */
export async function klFile(request: Awaited<ReturnType<typeof reportRequest>>, lang: Lang): Promise<File> {
	const t = await textsFor('', lang);
	const kle = new Map(request.services.map((s) => [s.slug, s.kle ?? '']));
	const counts = new Map<string, number>();
	for (const r of await weeklyCounts(request.period, request.scope)) {
		const key = [isoWeek(r.day), r.serviceSlug, r.channel, r.kind].join('\u0000');
		counts.set(key, (counts.get(key) ?? 0) + r.count);
	}
	const rows = [...counts.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([key, count]) => {
			const [week, slug, channel, kind] = key.split('\u0000');
			return [week, kle.get(slug) ?? '', slug, t(topicKey(slug)), channel, kind, count];
		});
	const header = ['uge', 'kle', 'tjeneste', 'tjenestenavn', 'kanal', 'henvendelsestype', 'antal'];
	const p = request.period;
	return { body: toCsv(header, rows, lang === 'da'), filename: `kl-kanaltaelling-${p.kind}-${p.year}-${p.n}${request.scopeKey ? `-${request.scopeKey}` : ''}.csv`, type: CSV };
}
