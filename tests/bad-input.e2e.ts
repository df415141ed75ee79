import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, fillDate, next, signInAsTestPerson, startService } from './support/helpers';

/** Submits the page, then checks the summary: each error listed, linked to its field, and announced. */
async function expectErrors(page: Page, expected: { text: string; field: string }[]) {
	await page.getByRole('button', { name: /^(Fortsæt|Gem og gå til oversigten)$/ }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'Der er en fejl på siden' });
	await expect(summary).toBeVisible();
	await expect(summary).toBeFocused();
	await expect(page).toHaveTitle(/^Fejl:/);
	await expectAccessible(page);
	const links = summary.getByRole('link');
	await expect(links).toHaveCount(expected.length);
	for (const [i, e] of expected.entries()) {
		await expect(links.nth(i)).toHaveText(e.text);
		await links.nth(i).click();
		await expect(page.locator(`#${e.field}`)).toBeFocused();
		// The message also stands beside the field, linked to it for screen readers.
		await expect(page.locator('.form-error-message', { hasText: e.text })).toBeVisible();
	}
}

test('every kind of bad input: listed, linked, typed values kept, nothing lost', async ({ page }) => {
	await startService(page, 'Ansøg om pas');
	await signInAsTestPerson(page, 'Bo Testesen');

	// Radios left empty.
	await expectErrors(page, [{ text: 'Vælg hvem passet er til', field: 'applicant' }]);
	await page.getByLabel('Mit barn').check();
	await next(page);
	// A select left on "Vælg".
	await expectErrors(page, [{ text: 'Vælg barnet', field: 'child' }]);
	await page.getByLabel('Hvilket barn skal have pas?').selectOption({ label: 'Dennis Testesen (20.01.2024)' });
	await next(page);

	// A CPR number with an impossible date is refused and kept as typed.
	const cpr = page.getByLabel('Hvad er den anden forælders CPR-nummer?');
	await cpr.fill('310299-1234');
	await expectErrors(page, [{ text: 'Skriv et gyldigt CPR-nummer med 10 cifre, fx 010190-1234', field: 'otherParentCpr' }]);
	await expect(cpr).toHaveValue('310299-1234');
	await cpr.fill('150385-1234');
	await next(page);

	// Numbers: words, then out of range.
	const height = page.getByLabel('Hvor høj er personen, passet er til?');
	await height.fill('høj');
	await expectErrors(page, [{ text: 'Skriv højden som et tal, fx 172', field: 'height' }]);
	await expect(height).toHaveValue('høj');
	await height.fill('12');
	await expectErrors(page, [{ text: 'Tallet skal være mindst 40', field: 'height' }]);
	await height.fill('95');
	await next(page);

	await page.getByLabel('Ja').check();
	await next(page);
	await page.getByLabel('Det er bortkommet').check();
	await next(page);

	// Dates: a missing part, an impossible day, then a date in the past.
	await fillDate(page, 'Hvornår skal du rejse?', '2027-02-01');
	await page.getByLabel('Måned').fill('');
	await expectErrors(page, [{ text: 'Datoen skal have en måned', field: 'travelDate-month' }]);
	await expect(page.getByLabel('Dag')).toHaveValue('1');
	await expect(page.getByLabel('År')).toHaveValue('2027');
	await fillDate(page, 'Hvornår skal du rejse?', '2027-02-01');
	await page.getByLabel('Dag').fill('30');
	await expectErrors(page, [{ text: 'Skriv en rigtig dag, fx 27', field: 'travelDate-day' }]);
	await fillDate(page, 'Hvornår skal du rejse?', '2020-06-01');
	const tooEarly = page.getByRole('alert').getByRole('link');
	await page.getByRole('button', { name: 'Fortsæt', exact: true }).click();
	await expect(tooEarly).toHaveText(/^Datoen må tidligst være/);
	await page.getByLabel('År').fill('');
	await page.getByLabel('Dag').fill('');
	await page.getByLabel('Måned').fill('');
	await next(page);

	// E-mail and phone together: two errors, in page order, both values kept.
	await page.getByLabel('E-mail').fill('bo@example');
	await page.getByLabel('Telefonnummer (frivilligt)').fill('1234');
	await expectErrors(page, [
		{ text: 'Skriv en e-mailadresse i formatet navn@eksempel.dk', field: 'email' },
		{ text: 'Et dansk telefonnummer har 8 cifre – du har skrevet 4', field: 'phone' }
	]);
	await expect(page.getByLabel('E-mail')).toHaveValue('bo@example');
	await expect(page.getByLabel('Telefonnummer (frivilligt)')).toHaveValue('1234');
	await page.getByLabel('E-mail').fill('bo@example.dk');
	await page.getByLabel('Telefonnummer (frivilligt)').fill('');
	await next(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Tjek dine svar, før du sender' })).toBeVisible();

	// Everything answered before the errors is still there.
	const summary = page.locator('.answer-list');
	await expect(summary).toContainText('Dennis Testesen');
	await expect(summary).toContainText('150385-xxxx');
	await expect(summary).toContainText('95 cm');
	await expect(summary).toContainText('Det er bortkommet');
});

test('addresses, files and ranked choices get their own messages', async ({ page }) => {
	await startService(page, 'Skriv dit barn op til dagtilbud');
	await signInAsTestPerson(page, 'Bo Testesen');
	await page.getByLabel(/Carla Testesen/).check();
	await next(page);
	await fillDate(page, 'Hvornår ønsker du, at barnet starter?', '2099-01-01');
	await page.getByRole('button', { name: 'Fortsæt', exact: true }).click();
	await expect(page.getByRole('alert').getByRole('link')).toHaveText(/^Datoen må senest være/);
	await fillDate(page, 'Hvornår ønsker du, at barnet starter?', new Date(Date.now() + 90 * 864e5).toISOString().slice(0, 10));
	await next(page);

	await page.getByLabel('1. prioritet').selectOption({ label: 'Vuggestuen Mælkebøtten' });
	await page.getByLabel('2. prioritet (frivilligt)').selectOption({ label: 'Vuggestuen Mælkebøtten' });
	await expectErrors(page, [{ text: 'Du har allerede valgt denne institution – vælg en anden', field: 'institution2' }]);
	await expect(page.getByLabel('1. prioritet')).toHaveValue('maelkeboetten');
	await page.getByLabel('2. prioritet (frivilligt)').selectOption({ label: 'Dagtilbud Egebakken' });
	await next(page);
	await page.getByLabel('Ja').check();
	await next(page);

	await page.getByLabel('Beskriv barnets behov').fill('Har brug for ro.');
	const upload = page.getByLabel('Vedhæft en udtalelse (frivilligt)');
	await upload.setInputFiles({ name: 'virus.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
	await expectErrors(page, [{ text: 'Filen skal være en PDF, JPG eller PNG', field: 'specialNeedsDocument' }]);
	await expect(page.getByLabel('Beskriv barnets behov')).toHaveValue('Har brug for ro.');
	await upload.setInputFiles({ name: 'stor.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(6 * 1024 * 1024, 1) });
	await expectErrors(page, [{ text: 'Filen må højst fylde 5 MB', field: 'specialNeedsDocument' }]);
	// Larger than a whole request may be (12 MB): not even sent; said on the same field, typing kept.
	await upload.setInputFiles({ name: 'scanning.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(13 * 1024 * 1024, 1) });
	await expectErrors(page, [{ text: 'Filen må højst fylde 5 MB', field: 'specialNeedsDocument' }]);
	await expect(page.getByLabel('Beskriv barnets behov')).toHaveValue('Har brug for ro.');
	// A good file survives an error elsewhere on the page.
	await page.getByLabel('Beskriv barnets behov').fill('');
	await upload.setInputFiles({ name: 'ok.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
	await expectErrors(page, [{ text: 'Skriv barnets behov', field: 'specialNeedsDescription' }]);
	await expect(page.getByText('Du har allerede vedhæftet: ok.png.')).toBeVisible();
	await page.getByLabel('Beskriv barnets behov').fill('Har brug for ro.');
	await next(page);
	await expect(page.getByLabel('E-mail')).toBeVisible();

	// Back to an address: each part has its own message.
	await page.goto('/');
	await startService(page, 'Anmeld flytning');
	await next(page);
	await page.getByLabel('Vej, husnummer, etage').fill('Nyvej 7');
	await page.getByLabel('Postnummer').fill('71');
	await expectErrors(page, [
		{ text: 'Postnummeret skal være 4 cifre, fx 7100', field: 'newAddress-postcode' },
		{ text: 'Skriv bynavnet', field: 'newAddress-city' }
	]);
	await expect(page.getByLabel('Vej, husnummer, etage')).toHaveValue('Nyvej 7');
	await expect(page.getByLabel('Postnummer')).toHaveValue('71');
});
