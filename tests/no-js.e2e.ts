import { expect, test } from '@playwright/test';
import { expectAccessible, expectInMyCases, withoutAxe, fillDate, isoDaysFromToday, next, signInAsTestPerson, startService, submitAndReadReceipt } from './support/helpers';

test.use({ javaScriptEnabled: false });
test.beforeEach(() => withoutAxe(true));
test.afterEach(() => withoutAxe(false));

test('a whole journey with JavaScript off: search, sign in, errors, save for later, resume, submit', async ({ page }) => {
	// The search is a plain GET form.
	await page.goto('/');
	await page.getByLabel('Søg efter en tjeneste').fill('adresse');
	await page.getByRole('button', { name: 'Søg' }).click();
	await expect(page).toHaveURL(/\?q=adresse/);
	await expect(page.getByRole('status')).toContainText('1 tjeneste passer til');
	await expectAccessible(page);
	await expect(page.getByRole('link', { name: 'Anmeld flytning' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Ansøg om pas' })).toHaveCount(0);

	await startService(page, 'Anmeld flytning');
	await signInAsTestPerson(page, 'Erik Prøvesen');
	await next(page);

	// Server-side validation without any script.
	await page.getByLabel('Postnummer').fill('7100');
	await page.getByRole('button', { name: 'Fortsæt', exact: true }).click();
	await expect(page.getByRole('link', { name: 'Skriv vejnavn og husnummer' })).toBeVisible();
	await expect(page.getByLabel('Postnummer')).toHaveValue('7100');
	await page.getByLabel('Vej, husnummer, etage').fill('Kystvej 2');
	await page.getByLabel('By').fill('Prøvestad');
	await next(page);

	// Save and come back later from Mine sager.
	await fillDate(page, 'Hvornår flytter du?', isoDaysFromToday(3));
	await page.getByRole('button', { name: 'Gem og fortsæt senere' }).click();
	await expect(page.getByRole('heading', { name: 'Dine svar er gemt' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: /Fortsæt Anmeld flytning/ }).click();
	// Erik lives alone, so "who moves with you" is skipped: the contact page is next.
	await expect(page.getByLabel('E-mail')).toBeVisible();
	await page.getByLabel('E-mail').fill('erik@example.dk');
	await next(page);
	await expect(page.locator('.answer-list')).toContainText('Kystvej 2');

	const reference = await submitAndReadReceipt(page);
	await expectInMyCases(page, 'Anmeld flytning', reference);

	// The back button and a resubmit of the check page give the same receipt, not a second case.
	await page.goBack();
	await page.goBack();
	await expect(page.getByRole('heading', { level: 1, name: 'Kvittering' })).toBeVisible();
	await expect(page.locator('.receipt-reference strong')).toHaveText(reference);
});
