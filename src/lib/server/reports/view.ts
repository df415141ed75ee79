import { localDateOf } from '$lib/booking/time';
import { parsePeriod } from '$lib/reports/period';
import { reportFigures } from '$lib/reports/table';
import { lifeSituations } from '$lib/server/db/schema';
import { activeServices } from '$lib/server/services/catalog';
import type { Scope } from './data';
import { channelReport } from './report';

/** What the address asks for: a period, and all services, a life-situation group or one service. */
export async function reportRequest(url: URL, now = new Date()) {
	const p = parsePeriod(url.searchParams, localDateOf(now));
	const services = await activeServices();
	const wanted = url.searchParams.get('tjeneste') ?? '';
	const group = wanted.startsWith('gruppe-') ? wanted.slice(7) : null;
	let scope: Scope = null;
	let scopeKey = '';
	if (group && (lifeSituations as readonly string[]).includes(group)) {
		scope = services.filter((s) => s.lifeSituation === group).map((s) => s.slug);
		scopeKey = wanted;
	} else if (services.some((s) => s.slug === wanted)) {
		scope = [wanted];
		scopeKey = wanted;
	}
	return { period: p, scope, scopeKey, services };
}

export async function reportData(url: URL) {
	const { period, scope, scopeKey, services } = await reportRequest(url);
	const report = await channelReport(period, scope);
	return {
		period,
		scopeKey,
		services: services.map((s) => ({ slug: s.slug, lifeSituation: s.lifeSituation })),
		groups: [...new Set(services.map((s) => s.lifeSituation))],
		figures: reportFigures(report.summary, report),
		trend: report.trend,
		params: { periode: period.kind, aar: String(period.year), nr: String(period.n), tjeneste: scopeKey || undefined }
	};
}
