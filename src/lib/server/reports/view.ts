import { localDateOf } from '$lib/booking/time';
import { parsePeriod, type Period } from '$lib/reports/period';
import { reportFigures } from '$lib/reports/table';
import { lifeSituations } from '$lib/server/db/schema';
import { appointmentTypes, counters } from '$lib/server/booking/setup';
import { currentForm } from '$lib/server/forms/store';
import { activeServices } from '$lib/server/services/catalog';
import type { Scope } from './data';
import { channelReport } from './report';

/** How many years back a KOMHEN baseline may be chosen. */
const BASELINE_YEARS = 6;

/** The baseline years offered for a period, newest first, and the one in the address or the year before. */
export function baselineOf(url: URL, p: Period) {
	const years = Array.from({ length: BASELINE_YEARS }, (_, i) => p.year - 1 - i);
	const asked = Number(url.searchParams.get('basisaar'));
	return { years, year: years.includes(asked) ? asked : p.year - 1 };
}

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
	return { period: p, scope, scopeKey, services, baseline: baselineOf(url, p) };
}

/** The names a report's rows carry: appointment types, counters, and each form's pages in order. */
async function reportNames(services: Awaited<ReturnType<typeof activeServices>>) {
	const types = Object.fromEntries((await appointmentTypes()).map((t) => [t.slug, { da: t.texts.da.title, en: t.texts.en.title }]));
	const counterNames = Object.fromEntries((await counters()).map((c) => [c.id, c.names]));
	const pages: Record<string, { da: string; en: string }> = {};
	const order = new Map<string, string[]>();
	for (const s of services) {
		const form = s.formId ? await currentForm(s.formId) : undefined;
		if (!form) continue;
		order.set(
			s.slug,
			form.pages.map((p) => p.id)
		);
		for (const p of form.pages) pages[`${s.slug}:${p.id}`] = p.title ?? p.questions[0]?.label ?? { da: p.id, en: p.id };
	}
	return { names: { types, counters: counterNames, pages }, pageOrder: (slug: string) => order.get(slug) ?? [] };
}

export async function reportData(url: URL) {
	const { period, scope, scopeKey, services, baseline } = await reportRequest(url);
	const { names, pageOrder } = await reportNames(services);
	const report = await channelReport(period, scope, { baselineYear: baseline.year, pageOrder });
	return {
		period,
		scopeKey,
		baseline,
		services: services.map((s) => ({ slug: s.slug, lifeSituation: s.lifeSituation })),
		groups: [...new Set(services.map((s) => s.lifeSituation))],
		figures: reportFigures(report, names),
		trend: report.trend,
		targetSources: report.targetSources,
		costSources: report.costSources,
		params: { periode: period.kind, aar: String(period.year), nr: String(period.n), tjeneste: scopeKey || undefined, basisaar: String(baseline.year) }
	};
}
