import { expect, test, type Page } from '@playwright/test';
import { danishNumber, expectAccessible, newPerson, orderBrokenHealthCard, signInAsStaff, signInAsTestPerson, staffLogin, submitAndReadReceipt } from './support/helpers';

const figure = async (page: Page, id: string) => danishNumber((await page.locator(`tr[data-figure="${id}"] td`).textContent())!);
const cell = async (page: Page, id: string) => danishNumber((await page.locator(`td[data-figure="${id}"]`).textContent())!);

test('a manager reads KL\'s channel measurement against a baseline year, the counter\'s figures and where citizens give up', async ({ page }) => {
	await signInAsStaff(page, 'leder');
	await page.getByRole('link', { name: 'Se kanalrapporten' }).click();
	const year = new Date().getFullYear();
	await page.getByLabel('Periode').selectOption('year');
	await page.getByLabel('År', { exact: true }).selectOption(String(year));
	await page.getByLabel('Basisår for KL\'s kanalmåling').selectOption(String(year - 1));
	await page.getByRole('button', { name: 'Vis rapport' }).click();
	await expect(page.locator('.font-lead')).toContainText(`Året ${year}`);
	await expectAccessible(page);

	// KOMHEN: its own measure, against the baseline year, for questions and transactions apart.
	await expect(page.getByRole('heading', { level: 2, name: 'KL\'s kanalmåling (KOMHEN)' })).toBeVisible();
	await expect(page.locator('main')).toContainText(`de samme måneder i basisåret ${year - 1}`);
	const komhen = page.getByRole('table', { name: 'Personlige henvendelser mod basisåret' });
	await expect(komhen.getByRole('rowheader', { name: 'Ekspeditioner (transaktion)' })).toBeVisible();
	for (const kind of ['information', 'transaction'] as const) {
		const baseline = (await cell(page, `komhenBaseline:${kind}`))!;
		const now = (await cell(page, `komhenNow:${kind}`))!;
		expect(baseline).toBeGreaterThan(0);
		// The reduction the page shows is the one its own two counts give.
		expect(await cell(page, `komhenReduction:${kind}`)).toBeCloseTo((1 - now / baseline) * 100, 0);
	}
	expect(await cell(page, 'komhenTarget:information')).toBe(50);
	expect(await cell(page, 'komhenTarget:transaction')).toBe(80);
	// The target says where it comes from.
	await expect(page.locator('main')).toContainText('Den fælleskommunale digitaliseringsstrategi 2011–2015');

	// The counter: median at most the 90th percentile, a no-show share, per counter too.
	const median = (await figure(page, 'waitMedian'))!;
	expect(median).toBeGreaterThan(0);
	expect(median).toBeLessThanOrEqual((await figure(page, 'waitP90'))!);
	const noShow = (await figure(page, 'noShowShare'))!;
	expect(noShow).toBeGreaterThan(0);
	expect(noShow).toBeLessThan(100);
	await expect(page.getByRole('table', { name: 'Skranken efter skranke' }).getByRole('rowheader', { name: 'Skranke 1' })).toBeVisible();

	// The funnel of the passport form: every start is either sent or left on one page.
	const funnel = page.getByRole('table', { name: 'Sider nået og forladt efter ansøgning' });
	await expect(funnel.getByRole('rowheader', { name: 'Ansøg om pas · Påbegyndt' })).toBeVisible();
	const started = (await cell(page, 'funnelReached:ansoeg-om-pas/_start'))!;
	const sent = (await cell(page, 'funnelReached:ansoeg-om-pas/_submitted'))!;
	const left = await page.locator('td[data-figure^="funnelLeft:ansoeg-om-pas/"]').evaluateAll((tds) => tds.map((td) => td.textContent!.trim()));
	const leftTotal = left.map(danishNumber).reduce<number>((a, b) => a + (b ?? 0), 0);
	expect(started).toBeGreaterThan(0);
	expect(sent + leftTotal).toBe(started);

	// The drop-out by the page last seen adds up to the drop-out.
	await expect(page.getByRole('table', { name: 'Digitalt frafald efter siden, der blev set sidst' })).toBeVisible();
	const byPage = await page.locator('td[data-figure^="droppedOut:"]').evaluateAll((tds) => tds.map((td) => td.textContent!.trim()));
	expect(byPage.map(danishNumber).reduce<number>((a, b) => a + (b ?? 0), 0)).toBe(await figure(page, 'droppedOut'));

	// Narrow: the wide tables scroll in their own region, the page does not.
	await page.setViewportSize({ width: 320, height: 640 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test('a citizen rates a receipt with a comment holding a CPR number, and staff read it masked', async ({ page, browser }) => {
	await page.goto('/tjenester/nyt-sundhedskort');
	await page.getByRole('link', { name: 'Start nu' }).click();
	await signInAsTestPerson(page, 'Villy Vurdersen');
	await orderBrokenHealthCard(page, 'villy@example.dk');
	await submitAndReadReceipt(page);

	// One tap from 1 to 5, then an optional comment.
	const ask = page.getByRole('region', { name: 'Hvordan gik det?' });
	await ask.getByRole('button', { name: '2: Dårligt' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Hvordan gik det?' })).toBeVisible();
	await expect(page.locator('main')).toContainText('Du gav 2 ud af 5');
	await expectAccessible(page);
	const comment = page.getByLabel('Vil du fortælle mere? (valgfrit)');
	// Too long: named, linked to the field, and nothing typed is lost.
	const long = `Mit CPR-nummer 060953-1234 blev ikke fundet. ${'Det var svært. '.repeat(35)}`;
	await comment.fill(long);
	await page.getByRole('button', { name: 'Send kommentar' }).click();
	await expect(page.getByRole('link', { name: 'Kommentaren må højst være 500 tegn' })).toBeVisible();
	await expect(comment).toHaveValue(long);
	await expectAccessible(page);
	const text = 'Mit CPR-nummer 060953-1234 blev ikke fundet, ring på 12 34 56 78.';
	await comment.fill(text);
	await page.getByRole('button', { name: 'Send kommentar' }).click();
	await expect(page.locator('main')).toContainText('Tak for din kommentar.');
	await page.getByRole('link', { name: 'Tilbage' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Kvittering' })).toBeVisible();

	const manager = await newPerson(browser);
	await staffLogin(manager, 'leder');
	const now = new Date();
	await manager.goto(`/medarbejder/rapport/kommentarer?periode=month&aar=${now.getFullYear()}&nr=${now.getMonth() + 1}&tjeneste=nyt-sundhedskort`);
	await expect(manager.getByRole('heading', { level: 1, name: 'Borgernes kommentarer' })).toBeVisible();
	await expectAccessible(manager);
	const shown = manager.locator('blockquote', { hasText: 'blev ikke fundet' });
	await expect(shown).toHaveText('Mit CPR-nummer [CPR-nummer] blev ikke fundet, ring på [telefonnummer].');
	await expect(manager.locator('main')).not.toContainText('060953');
});
