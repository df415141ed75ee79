import { expect, test, type Page } from '@playwright/test';
import { HtmlCheck } from './support/html';
import { fillDate, isoDaysFromToday, signInAsTestPerson, startService, withoutAxe } from './support/helpers';

// Lene Skemasen (and her son Mads) are used only here: no other test opens her drafts.
test.use({ javaScriptEnabled: false, actionTimeout: 10_000 });
test.beforeEach(() => withoutAxe(true));
test.afterEach(() => withoutAxe(false));

const html = new HtmlCheck();

async function continueTo(page: Page, button: string | RegExp = /^Fortsæt$/) {
	await page.getByRole('button', { name: button }).click();
	await page.waitForLoadState('load');
	await html.add(page);
}

/** The page shows an error summary with exactly this message, linked to its field. */
async function expectError(page: Page, message: string | RegExp) {
	const summary = page.getByRole('alert').filter({ hasText: 'Der er en fejl på siden' });
	await expect(summary.getByRole('link', { name: message })).toBeVisible();
}

/** From the check page, a change link opens the question with its answer shown, and back. */
async function fromCheckPage(page: Page, name: string, shown: (page: Page) => Promise<void>) {
	await expect(page.getByRole('heading', { level: 1, name: 'Tjek dine svar, før du sender' })).toBeVisible();
	await page.getByRole('link', { name: `Ret ${name}`, exact: true }).click();
	await html.add(page, `change ${name}`);
	await shown(page);
	await page.getByRole('link', { name: 'Tilbage' }).click();
}

test('every question type keeps what was typed after an error, and shows it again from the check page, without JavaScript', async ({ page }) => {
	await startService(page, 'Skriv dit barn op til dagtilbud');
	await signInAsTestPerson(page, 'Lene Skemasen');
	await html.add(page);

	// radio: a single-question page cannot fail with a choice made; asked for, then chosen.
	await continueTo(page);
	await expectError(page, 'Vælg barnet');
	await page.getByLabel('Mads Skemasen').check();
	await continueTo(page);

	// date: an impossible day keeps all three parts as typed.
	const next = Number(isoDaysFromToday(0).slice(0, 4)) + 1;
	await page.getByLabel('Dag').fill('31');
	await page.getByLabel('Måned').fill('2');
	await page.getByLabel('År').fill(String(next));
	await continueTo(page);
	await expectError(page, 'Skriv en rigtig dag, fx 27');
	await expect(page.getByLabel('Dag')).toHaveValue('31');
	await expect(page.getByLabel('Måned')).toHaveValue('2');
	await expect(page.getByLabel('År')).toHaveValue(String(next));
	const start = isoDaysFromToday(120);
	await fillDate(page, 'Hvornår ønsker du, at barnet starter?', start);
	await continueTo(page);

	// select: a third choice without a second fails; both choices are kept.
	await page.getByLabel('1. prioritet').selectOption({ label: 'Børnehaven Skovtrolden' });
	await page.getByLabel('3. prioritet (frivilligt)').selectOption({ label: 'Dagtilbud Egebakken' });
	await continueTo(page);
	await expectError(page, 'Vælg prioriteten over denne først');
	await expect(page.getByLabel('1. prioritet')).toHaveValue('skovtrolden');
	await expect(page.getByLabel('3. prioritet (frivilligt)')).toHaveValue('egebakken');
	await page.getByLabel('2. prioritet (frivilligt)').selectOption({ label: 'Integreret institution Havblik' });
	await continueTo(page);

	// yesno
	await page.getByLabel('Ja').check();
	await continueTo(page);

	// textarea and file: a file of the wrong type fails; the text stays in the box.
	const needs = 'Mads tåler ikke nødder.\nHan har en EpiPen med.';
	await page.getByLabel('Beskriv barnets behov').fill(needs);
	await page.getByLabel('Vedhæft en udtalelse (frivilligt)').setInputFiles({ name: 'notat.txt', mimeType: 'text/plain', buffer: Buffer.from('ikke en pdf') });
	await continueTo(page);
	await expectError(page, 'Filen skal være en PDF, JPG eller PNG');
	await expect(page.getByLabel('Beskriv barnets behov')).toHaveValue(needs);
	// Larger than a whole request may be: refused unread, said on the file field of the same page.
	await page.getByLabel('Vedhæft en udtalelse (frivilligt)').setInputFiles({ name: 'scanning.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(13 * 1024 * 1024, 1) });
	await continueTo(page);
	await expectError(page, 'Filen må højst fylde 5 MB');
	await expect(page.getByRole('button', { name: 'Fortsæt', exact: true })).toBeVisible();
	await page.getByLabel('Beskriv barnets behov').fill(needs);
	await page.getByLabel('Vedhæft en udtalelse (frivilligt)').setInputFiles({ name: 'udtalelse.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% fictitious test document\n') });
	await continueTo(page);

	// email and phone: a phone number that cannot be Danish fails; both are kept as typed.
	await page.getByLabel('E-mail').fill('lene@example.dk');
	await page.getByLabel('Telefonnummer (frivilligt)').fill('11 22 33 44');
	await continueTo(page);
	await expectError(page, 'Et dansk telefonnummer begynder med et ciffer fra 2 til 9');
	await expect(page.getByLabel('E-mail')).toHaveValue('lene@example.dk');
	await expect(page.getByLabel('Telefonnummer (frivilligt)')).toHaveValue('11 22 33 44');
	await page.getByLabel('Telefonnummer (frivilligt)').fill('21 34 56 78');
	await continueTo(page);

	await fromCheckPage(page, 'barnet', (p) => expect(p.getByLabel('Mads Skemasen')).toBeChecked());
	await fromCheckPage(page, 'startdatoen', async (p) => {
		const [y, m, d] = start.split('-');
		await expect(p.getByLabel('Dag')).toHaveValue(String(Number(d)));
		await expect(p.getByLabel('Måned')).toHaveValue(String(Number(m)));
		await expect(p.getByLabel('År')).toHaveValue(y);
	});
	await fromCheckPage(page, 'din 2. prioritet', (p) => expect(p.getByLabel('2. prioritet (frivilligt)')).toHaveValue('havblik'));
	await fromCheckPage(page, 'om barnet har brug for særlig støtte', (p) => expect(p.getByLabel('Ja')).toBeChecked());
	await fromCheckPage(page, 'barnets behov', (p) => expect(p.getByLabel('Beskriv barnets behov')).toHaveValue(needs));
	await fromCheckPage(page, 'udtalelsen', (p) => expect(p.locator('main')).toContainText('Du har allerede vedhæftet: udtalelse.pdf'));
	await fromCheckPage(page, 'din e-mailadresse', (p) => expect(p.getByLabel('E-mail')).toHaveValue('lene@example.dk'));
	await fromCheckPage(page, 'dit telefonnummer', (p) => expect(p.getByLabel('Telefonnummer (frivilligt)')).toHaveValue('21 34 56 78'));
	await html.add(page, 'check dagtilbud');

	// cpr and number: the passport for Mads.
	await startService(page, 'Ansøg om pas');
	await page.getByLabel('Mit barn').check();
	await continueTo(page);
	await page.getByLabel('Hvilket barn skal have pas?').selectOption({ label: 'Mads Skemasen (12.09.2020)' });
	await continueTo(page);
	await page.getByLabel('Hvad er den anden forælders CPR-nummer?').fill('010130-4000');
	await continueTo(page);
	await expectError(page, 'Fødselsdatoen i CPR-nummeret ligger ude i fremtiden. Tjek de første 6 cifre');
	await expect(page.getByLabel('Hvad er den anden forælders CPR-nummer?')).toHaveValue('010130-4000');
	await page.getByLabel('Hvad er den anden forælders CPR-nummer?').fill('050678-1234');
	await continueTo(page);
	await page.getByLabel('Hvor høj er personen, passet er til?').fill('1,18 m');
	await continueTo(page);
	await expectError(page, 'Skriv højden som et tal, fx 172');
	await expect(page.getByLabel('Hvor høj er personen, passet er til?')).toHaveValue('1,18 m');
	await page.getByLabel('Hvor høj er personen, passet er til?').fill('118');
	await continueTo(page);
	await page.getByLabel('Nej').check();
	await continueTo(page);
	await continueTo(page); // no journey planned: the travel date is optional
	await page.getByLabel('E-mail').fill('lene@example.dk');
	await continueTo(page);
	await fromCheckPage(page, 'hvem passet er til', (p) => expect(p.getByLabel('Mit barn')).toBeChecked());
	await fromCheckPage(page, 'barnet', (p) => expect(p.getByLabel('Hvilket barn skal have pas?')).toHaveValue(/.+/));
	await fromCheckPage(page, 'den anden forælders CPR-nummer', (p) => expect(p.getByLabel('Hvad er den anden forælders CPR-nummer?')).toHaveValue('0506781234'));
	await fromCheckPage(page, 'højden', (p) => expect(p.getByLabel('Hvor høj er personen, passet er til?')).toHaveValue('118'));
	await fromCheckPage(page, 'om der er et pas i forvejen', (p) => expect(p.getByLabel('Nej')).toBeChecked());

	// checkbox and address: the health card, delivered to Lene's registered address.
	await startService(page, 'Bestil nyt sundhedskort');
	await page.getByLabel('Det er gået i stykker').check();
	await continueTo(page);
	await page.getByLabel('Jeg ved, at det nye kort koster 205 kr.').check();
	await continueTo(page);
	await page.getByLabel('By').fill('');
	await page.getByLabel('Ja').check();
	await continueTo(page);
	await expectError(page, 'Skriv bynavnet');
	await expect(page.getByLabel('Vej, husnummer, etage')).toHaveValue('Skolevej 8');
	await expect(page.getByLabel('Postnummer')).toHaveValue('7190');
	await expect(page.getByLabel('Ja')).toBeChecked();
	await page.getByLabel('By').fill('Eksempelby');
	await continueTo(page);
	await page.getByLabel('E-mail').fill('lene@example.dk');
	await continueTo(page);
	await fromCheckPage(page, 'at du accepterer gebyret', (p) => expect(p.getByLabel('Jeg ved, at det nye kort koster 205 kr.')).toBeChecked());
	await fromCheckPage(page, 'adressen, kortet skal sendes til', (p) => expect(p.getByLabel('By')).toHaveValue('Eksempelby'));
	await fromCheckPage(page, 'om du har klippet det gamle kort over', (p) => expect(p.getByLabel('Ja')).toBeChecked());

	// Every page passed through, errors included, is valid HTML to the Nu HTML Checker.
	expect(html.problems()).toEqual([]);
});
