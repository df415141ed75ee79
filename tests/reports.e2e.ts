import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { danishNumber, expectAccessible, newPerson, signInAsStaff } from './support/helpers';


test('staff register a phone call and a counter visit in two actions each', async ({ page }) => {
	await signInAsStaff(page, 'medarbejder');
	await page.getByRole('link', { name: 'Registrer henvendelse' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Registrer henvendelse' })).toBeVisible();
	await expectAccessible(page);

	// Phone: choose the channel, press the service's button.
	await page.getByLabel('Telefon').check();
	await page.getByRole('button', { name: /^Spørgsmål\s*: Ansøg om pas$/ }).click();
	await expect(page.getByRole('status')).toContainText('Registreret: Telefon, Ansøg om pas, Spørgsmål.');
	await expectAccessible(page);

	// Counter: the same two actions; the channel is remembered for the next one.
	await page.getByLabel('Skranke').check();
	await page.getByRole('button', { name: /^Ekspedition\s*: Forny kørekort$/ }).click();
	await expect(page.getByRole('status')).toContainText('Registreret: Skranke, Forny kørekort, Ekspedition.');
	await expect(page.getByLabel('Skranke')).toBeChecked();

	// Made-up values are refused by the server, whatever the page offered.
	const origin = new URL(page.url()).origin;
	const post = (url: string, form: Record<string, string>) => page.request.post(url, { form, headers: { origin, accept: 'text/html' }, maxRedirects: 0 });
	expect((await post('/medarbejder/registrer', { kanal: 'fax', henvendelse: 'ansoeg-om-pas:information' })).status()).toBe(400);
	expect((await post('/medarbejder/registrer', { kanal: 'phone', henvendelse: 'findes-ikke:information' })).status()).toBe(400);
	expect((await post('/medarbejder/registrer', { kanal: 'phone', henvendelse: 'ansoeg-om-pas:sludder' })).status()).toBe(400);
	expect((await post('/medarbejder/koe?/ticket', { type: 'findes-ikke' })).status()).toBe(400);

	// Two keystrokes: the service's number, then the kind's letter.
	await page.locator('body').click();
	await page.keyboard.press('1');
	await page.keyboard.press('e');
	await expect(page.getByRole('status')).toContainText('Registreret: Skranke');
	await expect(page.getByRole('status')).toContainText('Ekspedition.');
});

test('a manager reads the report, changes period and service, and the downloads say what the page says', async ({ page }) => {
	await signInAsStaff(page, 'leder');
	await page.getByRole('link', { name: 'Se kanalrapporten' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Kanalrapport' })).toBeVisible();
	await expectAccessible(page);
	await expect(page.getByRole('img', { name: /Selvbetjeningsandel pr. måned/ })).toBeVisible();

	// Last month: nothing the other tests do today lands in it.
	const now = new Date();
	const last = new Date(now.getFullYear(), now.getMonth() - 1, 15);
	await page.getByLabel('Periode').selectOption('month');
	await page.getByLabel('År', { exact: true }).selectOption(String(last.getFullYear()));
	await page.getByLabel('Måned eller kvartal').selectOption(String(last.getMonth() + 1));
	await page.getByRole('button', { name: 'Vis rapport' }).click();
	await expect(page.locator('.font-lead')).toContainText(`${last.getFullYear()}, måned ${last.getMonth() + 1}`);
	await expectAccessible(page);
	const allContacts = danishNumber((await page.locator('tr[data-figure="contacts"] td').textContent())!);
	expect(allContacts).toBeGreaterThan(0);

	await page.getByLabel('Tjenester').selectOption({ label: 'Ansøg om pas' });
	await page.getByRole('button', { name: 'Vis rapport' }).click();
	await expect(page.locator('.font-lead')).toContainText('Ansøg om pas');
	await expectAccessible(page);
	// A plain figure is a row of its own; a breakdown's is a cell of its table.
	const shown = await page.locator('[data-figure]').evaluateAll((els) =>
		els.map((el) => [el.getAttribute('data-figure')!, (el.tagName === 'TR' ? el.querySelector('td')! : el).textContent!.trim()] as const)
	);
	const onPage = shown.map(([key, text]) => [key, danishNumber(text)] as const);
	expect(onPage.find(([k]) => k === 'contacts')![1]).toBeLessThan(allContacts!);
	// Above or below the target is said in words.
	await expect(page.locator('.report-headline')).toContainText(/over målet|under målet|præcis målet/);

	const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent som CSV' }).click()]);
	const csv = readFileSync((await csvDownload.path())!, 'utf8').replace(/^\uFEFF/, '');
	const csvValues = csv
		.trim()
		.split('\r\n')
		.slice(3)
		.map((line) => {
			const value = line.split(';').at(-1)!;
			return value === '' ? null : Number(value.replace(',', '.'));
		});
	expect(csvValues).toEqual(onPage.map(([, v]) => v));

	const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent som Excel (XLSX)' }).click()]);
	const book = new ExcelJS.Workbook();
	await book.xlsx.readFile((await xlsxDownload.path())!);
	const sheet = book.worksheets[0];
	const xlsxValues: (number | null)[] = [];
	sheet.eachRow((row, n) => {
		if (n > 3) xlsxValues.push((row.getCell(5).value as number | null) ?? null);
	});
	expect(xlsxValues).toEqual(onPage.map(([, v]) => v));
});

test('an administrator sets a target and a dated unit cost; a wrong value is named and kept', async ({ page, browser }) => {
	await signInAsStaff(page, 'admin');
	await page.getByRole('link', { name: 'Mål og enhedsomkostninger' }).click();
	await expectAccessible(page);
	const year = new Date().getFullYear();
	const field = page.getByLabel(`Mål for Forny kørekort i ${year + 1} (procent)`);
	await field.fill('120');
	await page.getByRole('button', { name: 'Gem mål' }).click();
	await expect(page.getByRole('link', { name: 'Skriv en procent mellem 0 og 100, fx 80' })).toBeVisible();
	await expect(field).toHaveValue('120');
	await expectAccessible(page);
	await field.fill('65');
	await page.getByRole('button', { name: 'Gem mål' }).click();
	await expect(page.locator('main')).toContainText(`mål for Forny kørekort ${year + 1} sat til 65 %`);

	await page.getByLabel('Kanal').selectOption({ label: 'Telefon' });
	await page.getByLabel('Gælder fra').fill(`${year + 1}-01-01`);
	await page.getByLabel('Kroner pr. henvendelse').fill('55');
	await page.getByRole('button', { name: 'Tilføj enhedsomkostning' }).click();
	await expect(page.locator('main')).toContainText(`Telefon fra ${year + 1}-01-01: 55 kr.`);

	// Staff may not change targets, and an ambassador may not read the report.
	const staff = await newPerson(browser);
	await signInAsStaff(staff, 'medarbejder');
	expect((await staff.goto('/medarbejder/maal'))?.status()).toBe(403);
	expect((await staff.goto('/medarbejder/rapport'))?.status()).toBe(403);
	const ambassador = await newPerson(browser);
	await signInAsStaff(ambassador, 'ambassador');
	expect((await ambassador.goto('/medarbejder/rapport/eksport.csv'))?.status()).toBe(403);
});
