import { error } from '@sveltejs/kit';
import ExcelJS from 'exceljs';
import { formatMonth } from '$lib/format';
import { toCsv } from '$lib/reports/table';
import { can, requireStaff } from '$lib/server/auth/guards';
import { serverT } from '$lib/server/i18n';
import { reportData } from '$lib/server/reports/view';
import type { RequestHandler } from './$types';

/** The page's figures, as a municipality forwards them in its own target reporting. */
export const GET: RequestHandler = async (event) => {
	requireStaff(event, can.readReports);
	const format = event.params.format;
	if (format !== 'csv' && format !== 'xlsx') error(404, 'not_found');
	const t = serverT(event.locals.lang);
	const data = reportData(event.url);
	const scope = data.scopeKey.startsWith('gruppe-')
		? t(`lifeSituations.${data.scopeKey.slice(7)}`)
		: data.scopeKey
			? t(`services.${data.scopeKey}.title`)
			: t('report.allServices');
	const periodLabel = t(`report.periodLabel.${data.period.kind}`, { year: data.period.year, n: data.period.n });
	const header = [t('report.export.section'), t('report.export.figure'), t('report.export.unit'), t('report.export.value')];
	const rows = data.figures.map((f) => [t(`report.section.${f.section}`), t(`report.figure.${f.key}`), t(`report.unit.${f.unit}`), f.value]);
	const name = `kanalrapport-${data.period.kind}-${data.period.year}-${data.period.n}${data.scopeKey ? `-${data.scopeKey}` : ''}`;
	const headers = (type: string, ext: string) => ({
		'content-type': type,
		'content-disposition': `attachment; filename="${name}.${ext}"`,
		'cache-control': 'no-store'
	});
	if (format === 'csv') {
		const csv = toCsv(header, [[t('report.export.period'), periodLabel, '', null], [t('report.export.scope'), scope, '', null], ...rows], event.locals.lang === 'da');
		return new Response(csv, {
			headers: headers('text/csv; charset=utf-8', 'csv')
		});
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
	for (const m of data.trend) trend.addRow([formatMonth(m.month, event.locals.lang), m.contacts, pct(m.share), pct(m.target), pct(m.shareYearBefore)]);
	const buffer = await book.xlsx.writeBuffer();
	return new Response(new Uint8Array(buffer as ArrayBuffer), {
		headers: headers('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx')
	});
};

const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
