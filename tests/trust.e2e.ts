import { expect, test } from '@playwright/test';
import { queryE2e } from './support/db';
import { expectAccessible, startService } from './support/helpers';

test('a login below the service\'s MitID level is refused with a page that says why, and a new login at the level goes on', async ({ page }) => {
	await startService(page, 'Ansøg om pas');
	await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();
	await page.getByLabel('Nina Niveausen').check();
	await page.getByLabel('lav').check();
	await page.getByRole('button', { name: 'Log ind som testperson' }).click();

	await expect(page.getByRole('heading', { level: 1, name: 'Du skal logge ind med et højere sikringsniveau' })).toBeVisible();
	await expect(page.getByText('Ansøg om pas kræver, at du logger ind med MitID på sikringsniveau betydelig. Du er logget ind på niveau lav.')).toBeVisible();
	await expectAccessible(page);
	const [refusal] = await queryE2e<{ n: number | string }>("select count(*) as n from change_log where action = 'assurance_refused' and object_id = 'ansoeg-om-pas'");
	expect(Number(refusal.n)).toBeGreaterThan(0);

	await page.getByRole('button', { name: 'Log ind igen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();
	// The login asks for the level the service needs.
	await expect(page.getByLabel('betydelig')).toBeChecked();
	await page.getByLabel('Nina Niveausen').check();
	await page.getByRole('button', { name: 'Log ind som testperson' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Hvor høj er personen, passet er til?' })).toBeVisible();
});

test('the privacy notice: from every footer and the login page, with the periods the portal keeps data for', async ({ page }) => {
	await page.goto('/log-ind');
	await page.getByRole('link', { name: 'Sådan behandler vi dine oplysninger' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Sådan behandler vi dine oplysninger' })).toBeVisible();
	await expectAccessible(page);
	for (const text of ['Eksempel Kommune er dataansvarlig.', 'slettes 30 dage efter, at du sidst gemte det', 'Adgangsloggen gemmes i 1825 dage.', 'databeskyttelseslovens § 11', 'Datatilsynet, Carl Jacobsens Vej 35']) {
		await expect(page.getByText(text)).toBeVisible();
	}
	await expect(page.getByRole('row', { name: /Kontaktstatistik/ })).toContainText('§ 10');
	await page.goto('/');
	await page.getByRole('contentinfo').getByRole('link', { name: 'Privatlivspolitik' }).click();
	await expect(page).toHaveURL(/\/privatliv$/);
	await page.getByRole('link', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'How we handle your data' })).toBeVisible();
	await expect(page.getByText('The access log is kept for 1825 days.')).toBeVisible();
	await expectAccessible(page);
});
