import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, newPerson, next, signInAsTestPerson, staffLogin, submitAndReadReceipt } from './support/helpers';

/** A PDF of a few bytes: what a phone's scan of a document would be, as far as the portal checks. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function openCase(staff: Page, reference: string) {
	await staff.goto('/medarbejder/sager');
	await staff.getByRole('link', { name: reference }).click();
	await staff.getByLabel('Sagsbehandling').check();
	await staff.getByRole('button', { name: 'Åbn sagen' }).click();
	await expect(staff.getByRole('heading', { level: 1, name: `Ansøgning ${reference}` })).toBeVisible();
}

test('staff ask for a document, the citizen answers with a file, staff grant the case, the citizen sees the decision', async ({ browser }) => {
	const citizen = await newPerson(browser);
	await citizen.goto('/tjenester/nyt-sundhedskort/start');
	await signInAsTestPerson(citizen, 'Olivia Sagsen');
	await citizen.getByLabel('Jeg har skiftet navn').check();
	await next(citizen);
	await citizen.getByLabel('Ja').check();
	await next(citizen);
	await citizen.getByLabel('E-mail').fill('olivia@example.dk');
	await next(citizen);
	const reference = await submitAndReadReceipt(citizen);

	const staff = await newPerson(browser);
	await staffLogin(staff, 'medarbejder');
	await openCase(staff, reference);
	// A request without a message is refused with the error linked to the field, and the rest kept.
	await staff.getByLabel('Dokumenter, der bedes om (valgfrit)').fill('Navnebevis');
	await staff.getByRole('button', { name: 'Send anmodning' }).click();
	await expect(staff.getByRole('link', { name: 'Skriv en besked til borgeren' })).toBeVisible();
	await expect(staff.getByLabel('Dokumenter, der bedes om (valgfrit)')).toHaveValue('Navnebevis');
	await expectAccessible(staff);
	await staff.getByLabel('Besked til borgeren').fill('Send os en kopi af dit navnebevis.');
	await staff.getByRole('button', { name: 'Send anmodning' }).click();
	await expect(staff.getByText('Anmodningen er sendt til borgeren.')).toBeVisible();
	await expect(staff.locator('main')).toContainText('Venter på dig');
	await expectAccessible(staff);

	// The citizen is told in Digital Post, with the e-mail only pointing there.
	await staff.goto('/medarbejder/udbakke');
	const told = staff.getByRole('row', { name: new RegExp(`Vi mangler oplysninger til din sag ${reference}.*Digital Post`) });
	await expect(told).toBeVisible();
	await expect(staff.getByRole('row', { name: new RegExp(`Vi mangler oplysninger til din sag ${reference}.*E-mail`) })).toBeVisible();

	await citizen.goto('/mine-sager');
	const card = citizen.locator('.case-card', { hasText: reference });
	await expect(card).toContainText('Venter på dig');
	await card.getByRole('link', { name: `Se sagen ${reference}` }).click();
	await expect(citizen.getByRole('heading', { level: 1, name: `Sag ${reference}` })).toBeVisible();
	await expect(citizen.locator('main')).toContainText('Send os en kopi af dit navnebevis.');
	await expect(citizen.locator('main')).toContainText('Navnebevis');
	await expectAccessible(citizen);
	await citizen.getByRole('button', { name: 'Send svar' }).click();
	await expect(citizen.getByRole('link', { name: 'Skriv et svar eller vedhæft et dokument' })).toBeVisible();
	await citizen.getByLabel('Dit svar').fill('Her er navnebeviset.');
	await citizen.getByLabel('Vedhæft et dokument (valgfrit)').setInputFiles({ name: 'navnebevis.pdf', mimeType: 'application/pdf', buffer: PDF });
	await citizen.getByRole('button', { name: 'Send svar' }).click();
	await expect(citizen.getByText('Tak, dit svar er sendt. Sagen er tilbage hos kommunen.')).toBeVisible();
	await expect(citizen.getByRole('button', { name: 'Send svar' })).toHaveCount(0);

	await openCase(staff, reference);
	await expect(staff.locator('main')).toContainText('Besvaret');
	await expect(staff.locator('main')).toContainText('Her er navnebeviset.');
	const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('link', { name: 'navnebevis.pdf' }).click()]);
	expect(download.suggestedFilename()).toBe('navnebevis.pdf');
	await staff.getByRole('button', { name: 'Træf afgørelse' }).click();
	await expect(staff.getByRole('link', { name: 'Vælg bevilget eller afslået' })).toBeVisible();
	await staff.getByLabel('Bevilget').check();
	await staff.getByRole('button', { name: 'Træf afgørelse' }).click();
	await expect(staff.getByText('Afgørelsen er sendt til borgeren.')).toBeVisible();

	await citizen.reload();
	await expect(citizen.getByRole('heading', { level: 2, name: 'Afgørelse' })).toBeVisible();
	await expect(citizen.locator('.case-decision')).toHaveText('Bevilget');
	await expect(citizen.locator('main')).toContainText('Afsluttet');
	await expectAccessible(citizen);
});

test("a child's passport waits for the other parent's consent, which that parent gives after signing in", async ({ browser }) => {
	const maja = await newPerson(browser);
	await maja.goto('/tjenester/ansoeg-om-pas/start');
	await signInAsTestPerson(maja, 'Maja Samtykkesen');
	await maja.getByLabel('Mit barn').check();
	await next(maja);
	await maja.getByLabel('Hvilket barn skal have pas?').selectOption({ label: 'Lily Samtykkesen (15.03.2020)' });
	await next(maja);
	await maja.getByLabel('Hvad er den anden forælders CPR-nummer?').fill('010787-1234');
	await next(maja);
	await maja.getByLabel('Hvor høj er personen, passet er til?').fill('112');
	await next(maja);
	await maja.getByLabel('Nej').check();
	await next(maja);
	await next(maja);
	await maja.getByLabel('E-mail').fill('maja@example.dk');
	await next(maja);
	const reference = await submitAndReadReceipt(maja);

	const staff = await newPerson(browser);
	await staffLogin(staff, 'medarbejder');
	await openCase(staff, reference);
	await expect(staff.locator('.case-consent')).toHaveText('Den anden forælders samtykke (Mikkel Samtykkesen): venter på svar');
	await staff.getByLabel('Bevilget').check();
	await staff.getByRole('button', { name: 'Træf afgørelse' }).click();
	await expect(staff.getByRole('link', { name: 'Sagen kan ikke bevilges, før den anden forælder har givet samtykke' })).toBeVisible();

	// The request went to the other parent's Digital Post; its link is for him alone.
	await staff.goto('/medarbejder/udbakke');
	await staff.getByRole('link', { name: 'Samtykke til pas for Lily Samtykkesen' }).first().click();
	const link = (await staff.locator('.mail-body').textContent())!.match(/https?:\/\/\S+\/samtykke\/[A-Za-z0-9_-]+/)![0];
	await maja.goto(new URL(link).pathname);
	await expect(maja.getByRole('heading', { level: 1, name: 'Samtykket er ikke til dig' })).toBeVisible();

	const mikkel = await newPerson(browser);
	await mikkel.goto('/mine-sager');
	await signInAsTestPerson(mikkel, 'Mikkel Samtykkesen');
	await expect(mikkel.getByRole('heading', { level: 2, name: 'Anmodninger om samtykke' })).toBeVisible();
	await mikkel.getByRole('link', { name: 'Svar på anmodningen Lily Samtykkesen' }).click();
	await expect(mikkel.getByRole('heading', { level: 1, name: 'Samtykke til pas for Lily Samtykkesen' })).toBeVisible();
	await expect(mikkel.locator('main')).toContainText('Maja Samtykkesen har søgt om pas til Lily Samtykkesen.');
	await expectAccessible(mikkel);
	await mikkel.getByRole('button', { name: 'Send svar' }).click();
	await expect(mikkel.getByRole('link', { name: 'Vælg, om du giver samtykke' })).toBeVisible();
	await mikkel.getByLabel('Jeg giver samtykke').check();
	await mikkel.getByRole('button', { name: 'Send svar' }).click();
	await expect(mikkel.getByText('Tak. Dit svar er sendt til Borgerservice: samtykke givet.')).toBeVisible();

	await openCase(staff, reference);
	await expect(staff.locator('.case-consent')).toHaveText('Den anden forælders samtykke (Mikkel Samtykkesen): givet');
	await staff.getByLabel('Bevilget').check();
	await staff.getByRole('button', { name: 'Træf afgørelse' }).click();
	await expect(staff.getByText('Afgørelsen er sendt til borgeren.')).toBeVisible();
});
