/**
 * The report's figures of issue 16 against a small period worked out by hand: KOMHEN, the split
 * by kind, avoidable contacts, help by helper, national referrals, the counter, the funnel, the
 * scores, the saving by delivery mode, and the exports, which must say what the page says.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { instantAt } from '$lib/booking/time';
import { MASK } from '$lib/feedback/mask';
import { figureId } from '$lib/reports/table';
import { ensureCitizen } from '$lib/server/auth/citizens';
import { citizenKey, recordContactEvent, type ContactEventInput } from '$lib/server/channels/events';
import { db, tables } from '$lib/server/db';
import { seed } from '$lib/server/db/seed';
import { useTestDatabase } from '$lib/server/db/testing';
import { feedbackComments, feedbackToken, giveFeedback, readFeedbackToken } from '$lib/server/feedback';
import { draftStarted, draftSubmitted, pageReached } from '$lib/server/forms/funnel';
import { rebuildContactCounts } from './data';
import { klFile, reportFile } from './export';
import { reportData, reportRequest } from './view';
import { period } from '$lib/reports/period';

useTestDatabase('reporting');
process.env.SEED_DEMO_DATA = 'false';

/** Fictitious test persons of the register fixture (not real CPR numbers). */
const CITIZEN = '1503851234';
const EXEMPT = '0207831457';
const at = (day: string, hh = 10, mm = 0) => new Date(instantAt(day, hh * 60 + mm)!.getTime());
const MONDAY = '2031-03-10';
const NEXT_MONDAY = '2031-03-17';
const url = new URL('http://indgang.test/medarbejder/rapport?periode=month&aar=2031&nr=3&basisaar=2030');

async function record(times: number, e: Omit<ContactEventInput, 'at'>, day = MONDAY) {
	for (let i = 0; i < times; i++) await recordContactEvent({ ...e, at: at(day) });
}

beforeAll(async () => {
	await seed();
	const flyt = 'anmeld-flytning';
	const staff = { staffRole: 'staff' as const, staffUnit: 'Borgerservice' };
	// March 2031: 5 registered manual contacts, 3 of them questions.
	await record(2, { event: 'registered', channel: 'phone', assistance: 'none', kind: 'information', serviceSlug: flyt, ...staff, couldBeDigital: true, referredToDigital: true });
	await record(1, { event: 'registered', channel: 'phone', assistance: 'none', kind: 'information', serviceSlug: flyt, ...staff, couldBeDigital: true, referredToDigital: false });
	await record(1, { event: 'registered', channel: 'counter', assistance: 'none', kind: 'transaction', serviceSlug: flyt, ...staff });
	await record(1, { event: 'registered', channel: 'written', assistance: 'none', kind: 'transaction', serviceSlug: flyt, ...staff, referredToDigital: true });
	// Digital submissions by their way to the case, alone, guided at the library, and under a power of attorney.
	const submitted = { event: 'form_submitted' as const, channel: 'digital' as const, kind: 'transaction' as const, serviceSlug: flyt };
	await record(2, { ...submitted, assistance: 'none', delivery: 'inbox' });
	await record(1, { ...submitted, assistance: 'none', delivery: 'case_system' });
	await record(1, { ...submitted, assistance: 'guided', staffRole: 'ambassador', staffUnit: 'Biblioteket', delivery: 'inbox' });
	await record(1, { ...submitted, assistance: 'proxy', delivery: 'inbox' });
	await record(4, { event: 'form_started', channel: 'digital', assistance: 'none', kind: 'transaction', serviceSlug: flyt });
	// Medbetjening at the counter, for a citizen exempt from Digital Post since February.
	await db().insert(tables.exemptions).values({ citizenKey: citizenKey(EXEMPT), serviceSlug: null, reason: 'digital_post', createdAt: at('2031-02-01') });
	await record(1, { event: 'appointment_booked', channel: 'counter', assistance: 'on_behalf', kind: 'transaction', serviceSlug: flyt, ...staff, citizenCpr: EXEMPT });
	// Two starts of the national solution for choosing a doctor, the week after.
	await record(2, { event: 'referred_national', channel: 'digital', assistance: 'none', kind: 'transaction', serviceSlug: 'vaelg-laege' }, NEXT_MONDAY);
	// The baseline, March 2030: 6 questions and 10 transactions on the personal channels.
	await record(6, { event: 'registered', channel: 'phone', assistance: 'none', kind: 'information', serviceSlug: flyt, ...staff }, '2030-03-12');
	await record(10, { event: 'registered', channel: 'counter', assistance: 'none', kind: 'transaction', serviceSlug: flyt, ...staff }, '2030-03-12');

	// The counter: three appointments and a cancelled one at skranke-1, a walk-in at skranke-2.
	const visit = (id: string, o: Partial<typeof tables.visitStats.$inferInsert>) =>
		db()
			.insert(tables.visitStats)
			.values({ visitId: id, kind: 'appointment', typeSlug: 'pas', channel: 'digital', bookedAt: at('2031-03-07'), outcome: 'done', counterId: 'skranke-1', ...o });
	await visit('v1', { start: at(MONDAY, 10), checkedInAt: at(MONDAY, 9, 55), calledAt: at(MONDAY, 10, 4), bookedAt: at('2031-03-07') });
	await visit('v2', { start: at(MONDAY, 10, 15), checkedInAt: at(MONDAY, 10, 20), calledAt: at(MONDAY, 10, 30), bookedAt: at('2031-03-09', 10, 15) });
	await visit('v3', { start: at(MONDAY, 11), outcome: 'no_show', bookedAt: at('2031-03-05', 11) });
	await visit('v4', { start: at(MONDAY, 12), outcome: 'cancelled' });
	await visit('w1', { kind: 'walk_in', typeSlug: 'pas', channel: 'counter', bookedAt: at(MONDAY, 11), checkedInAt: at(MONDAY, 11), calledAt: at(MONDAY, 11, 20), counterId: 'skranke-2' });

	// The funnel of the moving form: three drafts begun in March.
	const citizen = await ensureCitizen(CITIZEN, 'Test Testesen');
	const draft = async (id: string) => {
		await db().insert(tables.drafts).values({ id, citizenId: citizen.id, formId: 'flytning', formVersion: 1, serviceSlug: flyt, answers: {}, channel: 'digital', assistance: 'none', createdAt: at(MONDAY), updatedAt: at(MONDAY), expiresAt: at('2031-06-01') });
		await draftStarted(id);
	};
	await draft('d1');
	await draft('d2');
	await draft('d3');
	for (const p of ['current-address', 'new-address', '_check']) await pageReached('d1', p);
	await draftSubmitted('d1');
	await pageReached('d2', 'current-address');
	await pageReached('d2', 'current-address');
	for (const p of ['current-address', 'new-address', 'current-address']) await pageReached('d3', p);

	// "Hvordan gik det?": a first tap changed to 5, with a comment holding a CPR number and an e-mail.
	const receipt = feedbackToken({ touchpoint: 'receipt', serviceSlug: flyt, channel: 'digital', assistance: 'none' });
	const march = at('2031-03-20');
	expect(await giveFeedback(receipt, '4', undefined, march)).toEqual({ ok: true });
	expect(await giveFeedback(receipt, '5', 'Mit CPR er 010170-1234, skriv til a@b.dk', march)).toEqual({ ok: true });
	expect(await giveFeedback(feedbackToken({ touchpoint: 'receipt', serviceSlug: flyt, channel: 'digital', assistance: 'none' }), '2', '', march)).toEqual({ ok: true });
	expect(await giveFeedback(feedbackToken({ touchpoint: 'kiosk', serviceSlug: null, channel: 'digital', assistance: 'none' }), '5', undefined, march)).toEqual({ ok: true });
});

describe('the figures of a period worked out by hand', () => {
	let figures: Map<string, number | null>;
	beforeAll(async () => {
		figures = new Map((await reportData(url)).figures.map((f) => [figureId(f), f.value]));
	});
	const expectFigures = (expected: Record<string, number | null>) => expect(Object.fromEntries(Object.keys(expected).map((k) => [k, figures.get(k)]))).toEqual(expected);

	it('counts and splits by kind', () => {
		// 5 manual + 5 submissions + 1 booking + 2 referrals; the digital 7 are all transactions.
		expectFigures({ contacts: 13, channel_digital: 7, channel_phone: 3, channel_counter: 2, channel_written: 1, selfServiceShare: 53.8 });
		expectFigures({ 'contacts:information': 3, 'contacts:transaction': 10, 'selfServiceShare:information': 0, 'selfServiceShare:transaction': 70, 'channel_counter:transaction': 2 });
	});

	it('gives KOMHEN on the personal channels of the mandatory services against the baseline', () => {
		expectFigures({ komhenBaselineYear: 2030, 'komhenBaseline:information': 6, 'komhenNow:information': 3, 'komhenReduction:information': 50, 'komhenTarget:information': 50, 'komhenVsTarget:information': 0 });
		expectFigures({ 'komhenBaseline:transaction': 10, 'komhenNow:transaction': 3, 'komhenReduction:transaction': 70, 'komhenTarget:transaction': 80, 'komhenVsTarget:transaction': -10 });
	});

	it('shows avoidable contacts, help by helper, acting for another and national referrals', () => {
		expectFigures({ manualContacts: 6, couldBeDigital: 3, referredToDigital: 3, 'manualContacts:anmeld-flytning': 6, 'couldBeDigital:anmeld-flytning': 3 });
		expectFigures({ 'helpCount:guided/ambassador/Biblioteket': 1, 'helpCount:on_behalf/staff/Borgerservice': 1, assistance_proxy: 1 });
		expectFigures({ referrals: 2, 'referrals:vaelg-laege': 2, 'serviceDigital:vaelg-laege': 2 });
		expectFigures({ exemptContacts: 1, exempt_digital_post: 1, shareWithoutExempt: 58.3 });
	});

	it('prices digital submissions by their way to the case', () => {
		// 4 from the inbox at 40 kr, 1 delivered at 5 kr, 2 referrals at 5 kr; 3 × 50, 2 × 100, 1 × 120.
		expectFigures({ cost_digital: 175, cost: 645, 'submissions:inbox': 4, 'submissionsCost:inbox': 160, 'submissions:case_system': 1, 'submissionsCost:case_system': 5, 'submissions:email': 0 });
		// All manual at (150 + 200 + 120) / 6 a contact: 13 × 78.33 = 1018.33.
		expectFigures({ costAllManual: 1018, saving: 373, furtherSavingAtTarget: 0 });
	});

	it('gives the counter\'s waits, no-shows and lead times, by counter', () => {
		// Waits 4, 10 and 20 minutes; one no-show of three appointments; booked 3, 1 and 5 days ahead.
		expectFigures({ visits: 4, waitMedian: 10, waitP90: 20, noShowShare: 33.3, leadMedian: 3 });
		expectFigures({ 'visits:counter/skranke-1': 3, 'waitMedian:counter/skranke-1': 4, 'waitP90:counter/skranke-1': 10, 'visits:counter/skranke-2': 1, 'waitMedian:counter/skranke-2': 20, 'noShowShare:counter/skranke-2': null });
		expectFigures({ 'visits:month/2031-03': 4, 'visits:type/pas': 4 });
	});

	it('gives the funnel: reached and left by page, a revisit counted once', () => {
		expectFigures({
			'funnelReached:anmeld-flytning/_start': 3,
			'funnelReached:anmeld-flytning/current-address': 3,
			'funnelLeft:anmeld-flytning/current-address': 2,
			'funnelLeftShare:anmeld-flytning/current-address': 66.7,
			'funnelReached:anmeld-flytning/new-address': 2,
			'funnelLeft:anmeld-flytning/new-address': 0,
			'funnelReached:anmeld-flytning/_check': 1,
			'funnelLeft:anmeld-flytning/_check': 0,
			'funnelReached:anmeld-flytning/_submitted': 1,
			'funnelReachedShare:anmeld-flytning/_submitted': 33.3
		});
	});

	it('gives the scores, a changed tap counted once', () => {
		expectFigures({ feedbackCount: 3, feedbackMean: 4, 'feedbackCount:touchpoint/receipt': 2, 'feedbackMean:touchpoint/receipt': 3.5, 'feedbackScore2:touchpoint/receipt': 1, 'feedbackCount:touchpoint/kiosk': 1, 'feedbackMean:service/anmeld-flytning': 3.5 });
	});
});

describe('the drop-out by the page last seen', () => {
	it('follows the draft\'s pages to its start without linking the two, and keeps them across a recount', async () => {
		// April: a form begun online, left on its second page, then a phone call about it.
		const day = '2031-04-07';
		const citizen = await ensureCitizen(CITIZEN, 'Test Testesen');
		await recordContactEvent({ event: 'form_started', channel: 'digital', assistance: 'none', kind: 'transaction', serviceSlug: 'anmeld-flytning', citizenCpr: CITIZEN, at: at(day, 9) });
		await db().insert(tables.drafts).values({ id: 'd4', citizenId: citizen.id, formId: 'flytning', formVersion: 1, serviceSlug: 'anmeld-flytning', answers: {}, channel: 'digital', assistance: 'none', createdAt: at(day, 9), updatedAt: at(day, 9), expiresAt: at('2031-06-01') });
		await draftStarted('d4');
		await pageReached('d4', 'current-address');
		await pageReached('d4', 'new-address');
		await recordContactEvent({ event: 'registered', channel: 'phone', assistance: 'none', kind: 'transaction', serviceSlug: 'anmeld-flytning', citizenCpr: CITIZEN, at: at('2031-04-09', 11) });
		const april = new URL('http://indgang.test/medarbejder/rapport?periode=month&aar=2031&nr=4');
		const dropped = async () => Object.fromEntries((await reportData(april)).figures.filter((f) => f.key === 'droppedOut').map((f) => [figureId(f), f.value]));
		expect(await dropped()).toEqual({ droppedOut: 1, 'droppedOut:anmeld-flytning/new-address': 1 });
		// The draft holds no event id, the fact no draft id: the page is all that passed between them.
		expect(Object.keys((await db().select().from(tables.startFacts))[0]).sort()).toEqual(['citizenKey', 'eventId', 'lastPage', 'manualAt', 'month', 'serviceSlug', 'startedAt', 'submittedAt']);
		await rebuildContactCounts();
		expect(await dropped()).toEqual({ droppedOut: 1, 'droppedOut:anmeld-flytning/new-address': 1 });
	});
});

describe('exports', () => {
	it('carry every figure of the page, in its order, in the CSV and the XLSX', async () => {
		const data = await reportData(url);
		const values = data.figures.map((f) => f.value);
		const csv = (await reportFile(data, 'csv', 'da')).body as string;
		const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n').slice(3);
		expect(lines.map((l) => (l.split(';').at(-1) === '' ? null : Number(l.split(';').at(-1)!.replace(',', '.'))))).toEqual(values);
		expect(lines.find((l) => l.includes('Biblioteket'))).toMatch(/^Hjælp;Henvendelser med hjælp;Hjælp til selvhjælp · Digital ambassadør · Biblioteket;antal;1$/);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(Buffer.from((await reportFile(data, 'xlsx', 'en')).body as Uint8Array) as unknown as Parameters<typeof book.xlsx.load>[0]);
		const cells: (number | null)[] = [];
		const ids: string[] = [];
		book.worksheets[0].eachRow((row, n) => {
			if (n <= 3) return;
			cells.push((row.getCell(5).value as number | null) ?? null);
			ids.push(String(row.getCell(6).value));
		});
		expect(cells).toEqual(values);
		expect(ids).toEqual(data.figures.map(figureId));
		// And where the defaults come from: the strategy's targets, KOMHEN, the prices.
		const sources: string[] = [];
		book.getWorksheet('Sources')!.eachRow((row) => sources.push(String(row.getCell(1).value)));
		expect(sources.join('\n')).toMatch(/joint municipal digitisation strategy 2011–2015[\s\S]*Kanalpriser i danske kommuner 2011[\s\S]*KOMHEN/);
	});

	it('count contacts per ISO week, service, channel and kind for KL', async () => {
		const file = await klFile(await reportRequest(url), 'da');
		const lines = (file.body as string).replace(/^\uFEFF/, '').trim().split('\r\n');
		expect(lines[0]).toBe('uge;kle;tjeneste;tjenestenavn;kanal;henvendelsestype;antal');
		expect(lines.slice(1).map((l) => l.split(';').filter((_, i) => i !== 1 && i !== 3).join(' '))).toEqual([
			'2031-W11 anmeld-flytning counter transaction 2',
			'2031-W11 anmeld-flytning digital transaction 5',
			'2031-W11 anmeld-flytning phone information 3',
			'2031-W11 anmeld-flytning written transaction 1',
			'2031-W12 vaelg-laege digital transaction 2'
		]);
	});
});

describe('kept up to date as events are recorded', () => {
	it('the monthly counts, with their new dimensions, equal a full recount', async () => {
		const sorted = async () => (await db().select().from(tables.contactCounts)).map((r) => JSON.stringify({ ...r, couldBeDigital: !!r.couldBeDigital, referredToDigital: !!r.referredToDigital })).sort();
		const kept = await sorted();
		await rebuildContactCounts();
		expect(await sorted()).toEqual(kept);
	});
});

describe('"Hvordan gik det?"', () => {
	it('stores the comment masked, for staff by service, and refuses a forged or altered question', async () => {
		const comments = await feedbackComments(period('month', 2031, 3), ['anmeld-flytning']);
		expect(comments).toEqual([expect.objectContaining({ score: 5, touchpoint: 'receipt', comment: `Mit CPR er ${MASK.cpr}, skriv til ${MASK.email}` })]);
		const token = feedbackToken({ touchpoint: 'booking', serviceSlug: 'ansoeg-om-pas', channel: 'digital', assistance: 'none' });
		expect(readFeedbackToken(token)).toMatchObject({ touchpoint: 'booking', serviceSlug: 'ansoeg-om-pas' });
		expect(await giveFeedback(token.replace('ansoeg-om-pas', 'anmeld-flytning'), '1', undefined)).toEqual({ ok: false, error: 'token' });
		expect(await giveFeedback('made.up', '1', undefined)).toEqual({ ok: false, error: 'token' });
		expect(await giveFeedback(token, '6', undefined)).toEqual({ ok: false, error: 'score' });
		expect(await giveFeedback(token, '3', 'x'.repeat(501))).toEqual({ ok: false, error: 'comment_too_long' });
	});
});
