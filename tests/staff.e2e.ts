import { expect, test } from '@playwright/test';
import { enterPassword, expectAccessible, guessUntilHeldBack, fillDate, isoDaysFromToday, newPerson, next, orderBrokenHealthCard, signInAsTestPerson, staffLogin, startService, submitAndReadReceipt } from './support/helpers';

test('staff see a new case, open it with a purpose, move it along; the citizen sees status and access', async ({ browser }) => {
	const citizen = await newPerson(browser);
	await startService(citizen, 'Bestil nyt sundhedskort');
	await signInAsTestPerson(citizen, 'Bo Testesen');
	await orderBrokenHealthCard(citizen, 'bo@example.dk');
	const reference = await submitAndReadReceipt(citizen);

	const staff = await newPerson(browser);
	await staffLogin(staff, 'medarbejder');
	await expect(staff.getByRole('heading', { level: 1, name: 'Medarbejderforside' })).toBeVisible();
	await expectAccessible(staff);
	await staff.getByRole('link', { name: 'Bestil nyt sundhedskort' }).click();
	await expectAccessible(staff);
	await staff.getByRole('link', { name: reference }).click();

	// No personal data before a purpose is given.
	await expect(staff.getByRole('heading', { level: 1, name: 'Hvorfor åbner du sagen?' })).toBeVisible();
	await expect(staff.locator('main')).not.toContainText('Bo Testesen');
	await expectAccessible(staff);
	await staff.getByLabel('Din henvendelse').check();
	await staff.getByRole('button', { name: 'Åbn sagen' }).click();
	await expect(staff.getByRole('heading', { level: 1, name: `Ansøgning ${reference}` })).toBeVisible();
	await expect(staff.locator('main')).toContainText('Bo Testesen (020783-xxxx)');
	await expect(staff.locator('main')).not.toContainText('0207831457');
	await expect(staff.locator('main')).toContainText('Det er gået i stykker');
	await expectAccessible(staff);
	await staff.getByLabel('Status').selectOption({ label: 'Under behandling' });
	await staff.getByRole('button', { name: 'Gem status' }).click();
	await expect(staff.getByText('Status er ændret til: Under behandling')).toBeVisible();

	// The receipt e-mail went through the outbox, and staff can read it.
	await staff.goto('/medarbejder/udbakke');
	await expectAccessible(staff);
	await staff.getByRole('row', { name: new RegExp(`Kvittering.*${reference}.*E-mail`) }).getByRole('link').click();
	await expect(staff.locator('.mail-body')).toContainText(`Dit referencenummer er ${reference}`);
	await expect(staff.locator('main')).toContainText('bo@example.dk');
	await expectAccessible(staff);

	await citizen.goto('/mine-sager');
	const card = citizen.locator('.case-card', { hasText: reference });
	await expect(card).toContainText('Under behandling');
	const log = citizen.locator('.access-log');
	await expect(log).toContainText('Medarbejder, Borgerservice');
	await expect(log).toContainText('Så din ansøgning');
	await expect(log).toContainText('Din henvendelse');
	await expect(log).toContainText('Sendte eller ændrede status på din ansøgning');
	await expect(log).not.toContainText('Mette');
	await expectAccessible(citizen);
});

test('roles: an ambassador sees no cases, a citizen no staff page, staff no other citizen\'s receipt', async ({ browser }) => {
	const ambassador = await newPerson(browser);
	await staffLogin(ambassador, 'ambassador');
	await expect(ambassador.getByText('Din rolle giver ikke adgang til borgernes ansøgninger.')).toBeVisible();
	const res = await ambassador.goto('/medarbejder/sager');
	expect(res?.status()).toBe(403);
	await expectAccessible(ambassador);

	const citizen = await newPerson(browser);
	await citizen.goto('/log-ind');
	await signInAsTestPerson(citizen, 'Fatima Eksempel');
	const staffPage = await citizen.goto('/medarbejder/sager');
	await expect(citizen).toHaveURL(/\/medarbejder\/log-ind/);
	expect(staffPage?.status()).toBe(200);
	const foreign = await citizen.goto('/kvittering/XXXX-XXXX');
	expect(foreign?.status()).toBe(404);
	await expectAccessible(citizen);
});

test('empty fields and wrong passwords get clear messages; repeated failures are rate limited', async ({ page }) => {
	await page.goto('/medarbejder/log-ind');
	await page.getByRole('button', { name: 'Log ind' }).click();
	const summary = page.getByRole('alert');
	await expect(summary.getByRole('link', { name: 'Skriv dit brugernavn' })).toHaveAttribute('href', '#username');
	await expect(summary.getByRole('link', { name: 'Skriv din adgangskode' })).toHaveAttribute('href', '#password');
	await expectAccessible(page);

	// A demo account of its own: others sign in meanwhile, and a wait would slow them.
	await enterPassword(page, 'vikar', 'forkert');
	await expect(page.getByRole('link', { name: 'Brugernavn eller adgangskode er forkert' })).toBeVisible();
	await expect(page.getByLabel('Brugernavn')).toHaveValue('vikar');
	await expectAccessible(page);
	// A few typing mistakes cost nothing; then each try waits longer, even with the right password.
	const seconds = await guessUntilHeldBack(page, 'vikar', 4);
	await enterPassword(page, 'vikar');
	await expect(page.getByRole('link', { name: /For mange forkerte forsøg. Vent \d+ sekund(er)?, og prøv igen./ })).toBeVisible();
	await expectAccessible(page);
	await page.waitForTimeout(seconds * 1000 + 200);
	// After the wait the right password leads on to the app's code; a wrong code is named.
	await enterPassword(page, 'vikar');
	await expect(page.getByRole('heading', { level: 1, name: 'Bekræft med kode' })).toBeVisible();
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page.getByRole('alert').getByRole('link', { name: 'Skriv koden fra din godkender-app' })).toHaveAttribute('href', '#code');
	await page.getByLabel('Kode', { exact: true }).fill('000000');
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page.getByRole('alert').getByRole('link', { name: /Koden er forkert/ })).toBeVisible();
	await expectAccessible(page);
	// Nothing of the staff area opens before the code is right.
	await page.goto('/medarbejder');
	await expect(page).toHaveURL(/\/medarbejder\/log-ind\?/);
});

test('staff download a citizen\'s attachment, as it was uploaded, once a purpose is given', async ({ browser }) => {
	const pdf = Buffer.from('%PDF-1.4\n% fictitious statement from a health visitor\n');
	const citizen = await newPerson(browser);
	await startService(citizen, 'Skriv dit barn op til dagtilbud');
	await signInAsTestPerson(citizen, 'Fatima Eksempel');
	await citizen.getByLabel(/Yusuf Eksempel/).check();
	await next(citizen);
	await citizen.getByLabel('Dag').fill('1');
	await citizen.getByLabel('Måned').fill('8');
	await citizen.getByLabel('År').fill(String(new Date().getFullYear() + 1));
	await next(citizen);
	await citizen.getByLabel('1. prioritet').selectOption({ label: 'Integreret institution Havblik' });
	await next(citizen);
	await citizen.getByLabel('Ja').check();
	await next(citizen);
	await citizen.getByLabel('Beskriv barnets behov').fill('Tolk til forældremøder.');
	await citizen.getByLabel('Vedhæft en udtalelse (frivilligt)').setInputFiles({ name: 'udtalelse.pdf', mimeType: 'application/pdf', buffer: pdf });
	await next(citizen);
	await citizen.getByLabel('E-mail').fill('fatima@example.dk');
	await next(citizen);
	const reference = await submitAndReadReceipt(citizen);

	const staff = await newPerson(browser);
	await staffLogin(staff, 'medarbejder');
	await staff.goto('/medarbejder/sager?service=opskrivning-dagtilbud');
	await staff.getByRole('link', { name: reference }).click();
	await staff.getByRole('button', { name: 'Åbn sagen' }).click();
	const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('link', { name: /udtalelse\.pdf/ }).click()]);
	expect(download.suggestedFilename()).toBe('udtalelse.pdf');
	const { readFileSync } = await import('node:fs');
	expect(readFileSync((await download.path())!)).toEqual(pdf);

	// Without a purpose the file is not handed out.
	const href = await staff.getByRole('link', { name: /udtalelse\.pdf/ }).getAttribute('href');
	const bare = await staff.request.get(href!.replace(/\?.*$/, ''));
	expect(bare.status()).toBe(400);
});

test('an attachment is downloaded with the extension of what it is, not what its name says', async ({ browser }) => {
	const citizen = await newPerson(browser);
	await startService(citizen, 'Skriv dit barn op til dagtilbud');
	await signInAsTestPerson(citizen, 'Pia Bilagsen');
	await citizen.getByLabel(/Emil Bilagsen/).check();
	await next(citizen);
	await fillDate(citizen, 'Hvornår ønsker du, at barnet starter?', isoDaysFromToday(100));
	await next(citizen);
	await citizen.getByLabel('1. prioritet').selectOption({ label: 'Børnehaven Skovtrolden' });
	await next(citizen);
	await citizen.getByLabel('Ja').check();
	await next(citizen);
	await citizen.getByLabel('Beskriv barnets behov').fill('Emil har astma.');
	// PDF bytes under a name that would open as a web page.
	await citizen.getByLabel('Vedhæft en udtalelse (frivilligt)').setInputFiles({ name: 'invoice.html', mimeType: 'text/html', buffer: Buffer.from('%PDF-1.4\n% fictitious test document\n') });
	await next(citizen);
	await citizen.getByLabel('E-mail').fill('pia@example.dk');
	await next(citizen);
	const reference = await submitAndReadReceipt(citizen);

	const staff = await newPerson(browser);
	await staffLogin(staff, 'medarbejder');
	await staff.goto('/medarbejder/sager');
	await staff.getByRole('link', { name: reference }).click();
	await staff.getByLabel('Din henvendelse').check();
	await staff.getByRole('button', { name: 'Åbn sagen' }).click();
	const link = staff.getByRole('link', { name: /invoice\.html/ });
	const response = await staff.request.get((await link.getAttribute('href'))!);
	expect(response.headers()['content-type']).toBe('application/pdf');
	expect(response.headers()['content-disposition']).toBe("attachment; filename*=UTF-8''invoice.pdf");
	const download = await Promise.all([staff.waitForEvent('download'), link.click()]).then(([d]) => d);
	expect(download.suggestedFilename()).toBe('invoice.pdf');
});
