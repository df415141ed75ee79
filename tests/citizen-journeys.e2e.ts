import { expect, test } from '@playwright/test';
import {
	expectAccessible,
	expectInMyCases,
	fillDate,
	isoDaysFromToday,
	next,
	signInAsTestPerson,
	startService,
	submitAndReadReceipt
} from './support/helpers';

test.use({ locale: 'da-DK' });

test('report a move: old address and household pre-filled, receipt, Mine sager', async ({ page }) => {
	// Another form of the word finds it, and the doctor's service, which speaks of moving.
	await page.goto('/?q=flyttet');
	await expect(page.getByRole('status')).toContainText('2 tjenester passer til');
	await expect(page.getByRole('link', { name: 'Vælg eller skift læge' })).toBeVisible();
	await expectAccessible(page);
	await startService(page, 'Anmeld flytning');
	await signInAsTestPerson(page, 'Anna Testesen');

	await expect(page.getByRole('heading', { level: 1, name: 'Er det din nuværende adresse?' })).toBeVisible();
	await expectAccessible(page);
	await expect(page.getByLabel('Vej, husnummer, etage')).toHaveValue('Prøvestien 12, 2. th.');
	await expect(page.getByLabel('Postnummer')).toHaveValue('7190');
	await next(page);

	await page.getByLabel('Vej, husnummer, etage').fill('Nyvej 7');
	await page.getByLabel('Postnummer').fill('7100');
	await page.getByLabel('By').fill('Prøvestad');
	await next(page);

	await fillDate(page, 'Hvornår flytter du?', isoDaysFromToday(7));
	await next(page);

	await expect(page.getByRole('group', { name: 'Hvem flytter med dig?' })).toBeVisible();
	await page.getByLabel(/Bo Testesen/).check();
	await page.getByLabel(/Carla Testesen/).check();
	await next(page);

	await page.getByLabel('E-mail').fill('anna@example.dk');
	await next(page);

	const summary = page.locator('.answer-list');
	await expect(summary).toContainText('Prøvestien 12, 2. th.');
	await expect(summary).toContainText('Hentet fra folkeregistret');
	await expect(summary).toContainText('Nyvej 7');
	await expect(summary).toContainText('Bo Testesen');
	const reference = await submitAndReadReceipt(page);
	await expectInMyCases(page, 'Anmeld flytning', reference);
});

test('new health card: the fee page appears for a lost card, a change link returns to the check page', async ({ page }) => {
	await startService(page, 'Bestil nyt sundhedskort');
	await signInAsTestPerson(page, 'Fatima Eksempel');

	await page.getByLabel('Jeg har mistet det').check();
	await next(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Det nye kort koster 205 kr.' })).toBeVisible();
	await page.getByLabel('Jeg ved, at det nye kort koster 205 kr.').check();
	await next(page);
	await expect(page.getByLabel('Vej, husnummer, etage')).toHaveValue('Havnegade 41, 1. tv.');
	await expect(page.getByRole('group', { name: /klippet dit gamle kort/ })).toHaveCount(0);
	await next(page);
	await page.getByLabel('E-mail').fill('fatima@example.dk');
	await page.getByLabel('Telefonnummer (frivilligt)').fill('21 34 56 78');
	await next(page);

	// Change the reason: name change is free, so the fee disappears and a new question is asked.
	await page.getByRole('link', { name: /Ret hvorfor du skal have et nyt kort/ }).click();
	await page.getByLabel('Jeg har skiftet navn').check();
	await next(page, 'Gem og gå til oversigten');
	await expect(page.getByRole('group', { name: /klippet dit gamle kort/ })).toBeVisible();
	await page.getByRole('group', { name: /klippet dit gamle kort/ }).getByLabel('Ja').check();
	await next(page, 'Gem og gå til oversigten');

	await expect(page.locator('.answer-list')).toContainText('Jeg har skiftet navn');
	await expect(page.locator('.answer-list')).not.toContainText('205 kr');
	const reference = await submitAndReadReceipt(page);
	await expectInMyCases(page, 'Bestil nyt sundhedskort', reference);
});

test('passport for a child: counter visit on the receipt, CPR shown masked', async ({ page }) => {
	await startService(page, 'Ansøg om pas');
	await signInAsTestPerson(page, 'Anna Testesen');

	await page.getByLabel('Mit barn').check();
	await next(page);
	await page.getByLabel('Hvilket barn skal have pas?').selectOption({ label: 'Carla Testesen (10.05.2022)' });
	await next(page);
	await page.getByLabel('Hvad er den anden forælders CPR-nummer?').fill('020783-1457');
	await next(page);
	await page.getByLabel('Hvor høj er personen, passet er til?').fill('98');
	await page.getByRole('button', { name: 'Gem og fortsæt senere' }).click();
	await expect(page.getByRole('heading', { name: 'Dine svar er gemt' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Fortsæt Ansøg om pas' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Er der et pas i forvejen?' })).toBeVisible();
	await page.getByLabel('Nej').check();
	await next(page);
	await next(page); // no travel planned: optional
	await page.getByLabel('E-mail').fill('anna@example.dk');
	await next(page);

	await expect(page.locator('.answer-list')).toContainText('020783-xxxx');
	await expect(page.locator('.answer-list')).not.toContainText('1457');
	await expect(page.locator('.answer-list')).toContainText('Ikke besvaret');
	const reference = await submitAndReadReceipt(page);
	await expect(page.getByRole('heading', { name: 'Du skal møde op i Borgerservice' })).toBeVisible();
	await expectInMyCases(page, 'Ansøg om pas', reference);
});

test('daycare: child from the household, ranked institutions, special needs with a document', async ({ page }) => {
	await startService(page, 'Skriv dit barn op til dagtilbud');
	await signInAsTestPerson(page, 'Anna Testesen');

	await page.getByLabel(/Dennis Testesen/).check();
	await next(page);
	await fillDate(page, 'Hvornår ønsker du, at barnet starter?', isoDaysFromToday(120));
	await next(page);
	await page.getByLabel('1. prioritet').selectOption({ label: 'Børnehaven Skovtrolden' });
	await page.getByLabel('2. prioritet (frivilligt)').selectOption({ label: 'Dagtilbud Egebakken' });
	await next(page);
	await page.getByLabel('Ja').check();
	await next(page);
	const detailsUrl = page.url();
	await page.getByLabel('Beskriv barnets behov').fill('Dennis har brug for glutenfri kost.');
	await page.getByLabel('Vedhæft en udtalelse (frivilligt)').setInputFiles({
		name: 'udtalelse.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('%PDF-1.4\n% fictitious test document\n')
	});
	await next(page);
	await page.getByLabel('E-mail').fill('anna@example.dk');
	await next(page);

	const summary = page.locator('.answer-list');
	await expect(summary).toContainText('Børnehaven Skovtrolden');
	await expect(summary).toContainText('udtalelse.pdf');

	// No special needs after all: the details page is no longer part of the form.
	await page.getByRole('link', { name: /Ret om barnet har brug for særlig støtte/ }).click();
	await page.getByLabel('Nej').check();
	await next(page, 'Gem og gå til oversigten');
	// The enhanced post navigates after the click returns: wait for the check page itself.
	await expect(page.getByRole('heading', { level: 1, name: 'Tjek dine svar, før du sender' })).toBeVisible();
	await expect(page.locator('.answer-list')).not.toContainText('udtalelse.pdf');
	await page.goto(detailsUrl);
	await expect(page.getByRole('heading', { level: 1, name: 'Tjek dine svar, før du sender' })).toBeVisible();

	const reference = await submitAndReadReceipt(page);
	await expectInMyCases(page, 'Skriv dit barn op til dagtilbud', reference);
});
