import { computeReport, type CountRow } from '$lib/reports/arithmetic';
import { avoidableByService, counterBy, counterFigures, feedbackScores, funnels, helpByHelper, inPageOrder, KINDS, komhen, referralsByService } from '$lib/reports/breakdowns';
import { period, type Period } from '$lib/reports/period';
import { db, tables } from '$lib/server/db';
import { exemptionReasons, feedbackTouchpoints } from '$lib/server/db/schema';
import { countRows, dropout, dropoutPages, exemptContacts, graduation, pageCounts, scoreRows, targetsFor, unitCostsInForce, visitRows, type Scope } from './data';

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export interface ReportOptions {
	/** KOMHEN's baseline: the same months of this year (the year before, unless chosen). */
	baselineYear?: number;
	/** Each form's pages in order, for the funnel. */
	pageOrder?: (serviceSlug: string) => string[];
}

/**
 * The manager's channel-shift report for a period and a set of services: the summary (and by
 * kind), a monthly trend over the period's year beside the year before, KOMHEN against the
 * baseline year, the journey figures, and what the counter, the forms and the citizens say.
 */
export async function channelReport(p: Period, scope: Scope, options: ReportOptions = {}) {
	const o = { baselineYear: p.year - 1, pageOrder: () => [], ...options };
	// KOMHEN counts only the services where digital self-service is mandatory.
	const mandatory = new Set((await db().select({ slug: tables.services.slug, mandatory: tables.services.selfServiceMandatory }).from(tables.services)).filter((s) => s.mandatory).map((s) => s.slug));
	const costs = await unitCostsInForce();
	const targets = (await targetsFor([p.year - 1, p.year])).filter((t) => !scope || scope.includes(t.serviceSlug));
	const year = period('year', p.year);
	const yearRows = await countRows(year, scope);
	const beforeRows = await countRows(period('year', p.year - 1), scope);
	const baselineRows =
		o.baselineYear === p.year - 1
			? beforeRows
			: await countRows({ ...p, months: p.months.map((m) => `${o.baselineYear}${m.slice(4)}`) }, scope);
	const inPeriod = new Set(p.months);
	const rows = p.kind === 'year' ? yearRows : yearRows.filter((r) => inPeriod.has(r.month));
	const baselineMonths = new Set(p.months.map((m) => `${o.baselineYear}${m.slice(4)}`));
	const byMonth = (all: CountRow[], month: string) => computeReport(all.filter((r) => r.month === month), costs, targets);
	const grad = await graduation(p, scope);
	const drop = await dropout(p, scope);
	const summary = computeReport(rows, costs, targets);
	const exempt = await exemptContacts(p, scope);
	const exemptTotal = exempt.reduce((n, r) => n + r.count, 0);
	const exemptDigital = exempt.filter((r) => r.channel === 'digital').reduce((n, r) => n + r.count, 0);
	const visits = await visitRows(p, scope);
	return {
		summary,
		byKind: Object.fromEntries(KINDS.map((k) => [k, computeReport(rows.filter((r) => r.kind === k), costs, targets)])) as Record<(typeof KINDS)[number], typeof summary>,
		komhen: { baselineYear: o.baselineYear, ...komhen(rows, baselineRows.filter((r) => baselineMonths.has(r.month)), mandatory) },
		trend: year.months.map((month, i) => {
			const now = byMonth(yearRows, month);
			const before = byMonth(beforeRows, `${p.year - 1}-${month.slice(5)}`);
			return { month, index: i + 1, contacts: now.contacts, share: now.selfServiceShare, target: now.target, shareYearBefore: before.selfServiceShare };
		}),
		graduation: { ...grad, rate: share(grad.graduated, grad.helped) },
		dropout: { ...drop, rate: share(drop.droppedOut, drop.started) },
		exempt: {
			total: exemptTotal,
			byReason: Object.fromEntries(exemptionReasons.map((r) => [r, exempt.filter((x) => x.reason === r).reduce((n, x) => n + x.count, 0)])) as Record<
				(typeof exemptionReasons)[number],
				number
			>,
			/** The self-service share of everyone else: the group the mandatory target is about. */
			shareWithoutExempt: share(summary.byChannel.digital - exemptDigital, summary.contacts - exemptTotal)
		},
		avoidable: avoidableByService(rows),
		help: helpByHelper(rows),
		referrals: referralsByService(rows),
		counter: { all: counterFigures(visits), byMonth: counterBy(visits, 'month'), byType: counterBy(visits, 'typeSlug'), byCounter: counterBy(visits, 'counterId') },
		funnels: funnels(await pageCounts(p, scope), o.pageOrder),
		dropoutPages: inPageOrder(await dropoutPages(p, scope), o.pageOrder),
		feedback: feedbackScores(await scoreRows(p, scope), feedbackTouchpoints),
		targetSources: [...new Set(targets.filter((t) => t.year === p.year).map((t) => t.source))],
		costSources: [...new Set(costs.map((c) => c.source).filter((s) => s !== null))]
	};
}

export type ChannelReport = Awaited<ReturnType<typeof channelReport>>;
