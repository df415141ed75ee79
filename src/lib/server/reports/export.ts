import ExcelJS from 'exceljs';
import { formatMonth } from '$lib/format';
import type { Lang } from '$lib/i18n';
import { percent, toCsv } from '$lib/reports/table';
import { serverTextsT } from '$lib/server/i18n';
import type { reportData } from './view';

type ReportData = Awaited<ReturnType<typeof reportData>>;

/** The page's figures, as a municipality forwards them in its own target reporting. */
export async function reportFile(data: ReportData, format: 'csv' | 'xlsx', lang: Lang): Promise<{ body: string | Uint8Array<ArrayBuffer>; filename: string; type: string }> {
	const t = await serverTextsT(lang, { serviceSlugs: data.scopeKey && !data.scopeKey.startsWith('gruppe-') ? [data.scopeKey] : [] });
	const scope = data.scopeKey.startsWith('gruppe-')
		? t(`lifeSituations.${data.scopeKey.slice(7)}`)
		: data.scopeKey
			? t(`services.${data.scopeKey}.title`)
			: t('report.allServices');
	const periodLabel = t(`report.periodLabel.${data.period.kind}`, { year: data.period.year, n: data.period.n });
	const header = [t('report.export.section'), t('report.export.figure'), t('report.export.unit'), t('report.export.value')];
	const rows = data.figures.map((f) => [t(`report.section.${f.section}`), t(`report.figure.${f.key}`), t(`report.unit.${f.unit}`), f.value]);
	const name = `kanalrapport-${data.period.kind}-${data.period.year}-${data.period.n}${data.scopeKey ? `-${data.scopeKey}` : ''}`;
	if (format === 'csv') {
		const meta = [
			[t('report.export.period'), periodLabel, '', null],
			[t('report.export.scope'), scope, '', null]
		];
		return { body: toCsv(header, [...meta, ...rows], lang === 'da'), filename: `${name}.csv`, type: 'text/csv; charset=utf-8' };
	}
	const book = new ExcelJS.Workbook();
	const sheet = book.addWorksheet(t('report.export.sheet'));
	sheet.addRow([t('report.title'), periodLabel, scope]);
	sheet.addRow([]);
	sheet.addRow(header).font = { bold: true };
	for (const r of rows) sheet.addRow(r);
	sheet.columns.forEach((c, i) => (c.width = [22, 48, 14, 14][i]));
	const trend = book.addWorksheet(t('report.export.trendSheet'));
	trend.addRow([t('report.trend.month'), t('report.trend.contacts'), t('report.trend.share'), t('report.trend.target'), t('report.trend.yearBefore')]).font = { bold: true };
	for (const m of data.trend) trend.addRow([formatMonth(m.month, lang), m.contacts, percent(m.share), percent(m.target), percent(m.shareYearBefore)]);
	return {
		body: new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer),
		filename: `${name}.xlsx`,
		type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	};
}
