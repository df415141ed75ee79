import { computeReport, type CountRow } from '$lib/reports/arithmetic';
import { period, type Period } from '$lib/reports/period';
import { exemptionReasons } from '$lib/server/db/schema';
import { countRows, dropout, exemptContacts, graduation, targetsFor, unitCostsInForce, type Scope } from './data';

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * The manager's channel-shift report for a period and a set of services: the summary, a
 * monthly trend over the period's year beside the year before, and the two journey figures.
 */
export async function channelReport(p: Period, scope: Scope) {
	const costs = await unitCostsInForce();
	const targets = (await targetsFor([p.year - 1, p.year])).filter((t) => !scope || scope.includes(t.serviceSlug));
	const year = period('year', p.year);
	const yearRows = await countRows(year, scope);
	const beforeRows = await countRows(period('year', p.year - 1), scope);
	const inPeriod = new Set(p.months);
	const rows = p.kind === 'year' ? yearRows : yearRows.filter((r) => inPeriod.has(r.month));
	const byMonth = (all: CountRow[], month: string) => computeReport(all.filter((r) => r.month === month), costs, targets);
	const grad = await graduation(p, scope);
	const drop = await dropout(p, scope);
	const summary = computeReport(rows, costs, targets);
	const exempt = await exemptContacts(p, scope);
	const exemptTotal = exempt.reduce((n, r) => n + r.count, 0);
	const exemptDigital = exempt.filter((r) => r.channel === 'digital').reduce((n, r) => n + r.count, 0);
	return {
		summary,
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
		}
	};
}

export type ChannelReport = Awaited<ReturnType<typeof channelReport>>;
