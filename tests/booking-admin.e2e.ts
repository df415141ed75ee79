import { expect, test } from '@playwright/test';
import { expectAccessible, isoDaysFromToday, newPerson, signInAsStaff, signInAsTestPerson } from './support/helpers';

test('an administrator sets booking rules: wrong values are named and kept, a closed day removes the day', async ({ page }) => {
	await signInAsStaff(page, 'admin');
	await page.getByRole('link', { name: /Tidsbestilling: skranker/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Tidsbestilling' })).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('Hvor langt frem kan man bestille (dage)').fill('400');
	await page.getByRole('button', { name: 'Gem', exact: true }).first().click();
	await expect(page.getByRole('link', { name: 'Skriv et helt tal inden for grænsen' })).toBeVisible();
	await expect(page.getByLabel('Hvor langt frem kan man bestille (dage)')).toHaveValue('400');
	await expectAccessible(page);

	await page.getByLabel('Torsdag lukker').first().fill('08:00');
	await page.getByRole('button', { name: 'Gem åbningstider for Skranke 1' }).click();
	await expect(page.getByRole('link', { name: 'Lukketiden skal være efter åbningstiden' })).toBeVisible();
	await page.getByRole('link', { name: 'Lukketiden skal være efter åbningstiden' }).click();
	await expect(page.locator('#skranke-1-closes-4')).toBeFocused();
	await expect(page.locator('#skranke-1-closes-4')).toHaveValue('08:00');

	// A closed day for all counters, far enough ahead not to disturb other tests' bookings.
	let offset = 45;
	while ([0, 6].includes(new Date(`${isoDaysFromToday(offset)}T12:00:00Z`).getUTCDay())) offset++;
	const day = isoDaysFromToday(offset);
	await page.getByLabel('Fra dato').fill(day);
	await page.getByLabel('Årsag').fill('Personaledag');
	await page.getByRole('button', { name: 'Tilføj lukkedag' }).click();
	await expect(page.getByText('Ændringerne er gemt.')).toBeVisible();
	await expect(page.locator('main')).toContainText(`${day}: Personaledag (Alle skranker)`);

	const staff = await newPerson(page.context().browser()!);
	await signInAsStaff(staff, 'medarbejder');
	await staff.goto('/medarbejder/tidsbestilling?type=koerekort&kanal=phone&alle=1');
	await expect(staff.getByRole('group', { name: 'Hvilken dag vil du komme?' })).toBeVisible();
	const offered = await staff.locator('input[name="dag"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
	expect(offered).not.toContain(day);
	expect(offered.some((d) => d > day)).toBe(true);

	await page.locator('.queue-row', { hasText: 'Personaledag' }).getByRole('button', { name: /Fjern/ }).click();
	await expect(page.locator('.queue-row', { hasText: 'Personaledag' })).toHaveCount(0);
});

test('who may do what: booking pages check their role and an appointment is only its owner\'s', async ({ page, browser }) => {
	// An ambassador cannot book for citizens, run the counter or change the rules.
	await signInAsStaff(page, 'ambassador');
	for (const url of ['/medarbejder/tidsbestilling', '/medarbejder/dagsprogram', '/medarbejder/koe', '/medarbejder/opsaetning']) {
		const response = await page.goto(url);
		expect(response?.status(), url).toBe(403);
	}
	// Staff run the counter but do not set the rules.
	const staff = await newPerson(browser);
	await signInAsStaff(staff, 'medarbejder');
	expect((await staff.goto('/medarbejder/opsaetning'))?.status()).toBe(403);

	// A made-up link, and someone else's reference, both answer 404.
	const citizen = await newPerson(browser);
	expect((await citizen.goto(`/aftale/${'x'.repeat(43)}`))?.status()).toBe(404);
	await citizen.goto('/tidsbestilling/sundhedskort');
	await signInAsTestPerson(citizen, 'Anna Testesen');
	expect((await citizen.goto('/aftale/ACDE-FHJK'))?.status()).toBe(404);
	await expectAccessible(citizen);
});
