import { expect, test } from '@playwright/test';
import { queryE2e } from './support/db';
import { expectAccessible, newPerson, orderBrokenHealthCard, signInAsStaff, signInAsTestPerson, submitAndReadReceipt } from './support/helpers';

test('a son acts for his mother under her power of attorney (Digital Fuldmagt): only its services, the case is hers, and she sees who acted', async ({ browser }) => {
	const soren = await newPerson(browser);
	await soren.goto('/mine-sager');
	await signInAsTestPerson(soren, 'Søren Fuldmagtsen');
	await soren.getByRole('link', { name: 'Handl på vegne af en anden' }).click();
	await expect(soren.getByRole('heading', { level: 1, name: 'Handl på vegne af en anden' })).toBeVisible();
	// The power that ran out in 2020 is not offered.
	await expect(soren.locator('.case-card')).toHaveCount(1);
	await expect(soren.locator('.case-card')).toContainText('Gælder for: Bestil nyt sundhedskort, Anmeld flytning');
	await expectAccessible(soren);
	await soren.getByRole('button', { name: 'Handl på vegne af Ruth Fuldmagtsen' }).click();
	const banner = soren.getByRole('region', { name: 'Du handler på vegne af en anden' });
	await expect(banner).toContainText('Du handler på vegne af Ruth Fuldmagtsen (fuldmagt FM-2026-0001).');
	await expectAccessible(soren);

	// A service the power does not cover is refused.
	const passport = await soren.goto('/tjenester/ansoeg-om-pas/start');
	expect(passport?.status()).toBe(403);
	await expect(soren.getByRole('heading', { level: 1, name: 'Fuldmagten dækker ikke denne tjeneste' })).toBeVisible();

	await soren.goto('/tjenester/nyt-sundhedskort');
	await soren.getByRole('link', { name: 'Start nu' }).click();
	await expect(banner).toBeVisible();
	await orderBrokenHealthCard(soren, 'soren@example.dk');
	const reference = await submitAndReadReceipt(soren);
	const [row] = await queryE2e<{ proxy: string | null; ref: string | null; assistance: string }>(
		'select proxy_citizen_id as proxy, proxy_reference as ref, assistance from submissions where reference = ?',
		reference
	);
	expect(row).toMatchObject({ ref: 'FM-2026-0001', assistance: 'proxy' });
	expect(row.proxy).toBeTruthy();
	const [events] = await queryE2e<{ n: number | string }>("select count(*) as n from contact_events where assistance = 'proxy' and event = 'form_submitted'");
	expect(Number(events.n)).toBeGreaterThan(0);

	await banner.getByRole('button', { name: 'Stop' }).click();
	await expect(soren.getByRole('heading', { level: 1, name: 'Mine sager' })).toBeVisible();
	await expect(banner).toHaveCount(0);
	await expect(soren.locator('.case-card', { hasText: reference })).toHaveCount(0);

	// Ruth's own Mine sager: the case is hers, and the log says who acted for her.
	const ruth = await newPerson(browser);
	await ruth.goto('/mine-sager');
	await signInAsTestPerson(ruth, 'Ruth Fuldmagtsen');
	await expect(ruth.locator('.case-card', { hasText: reference })).toContainText('Bestil nyt sundhedskort');
	await expect(ruth.getByRole('heading', { level: 2, name: 'Det har andre gjort for dig med fuldmagt' })).toBeVisible();
	await expect(ruth.getByText(/Søren Fuldmagtsen \(fuldmagt FM-2026-0001\), Sendte eller ændrede status på din ansøgning/)).toBeVisible();
	await expectAccessible(ruth);

	// At the counter, staff see that she has given a power.
	const staff = await newPerson(browser);
	await signInAsStaff(staff, 'medarbejder');
	await staff.goto('/medarbejder/betjen');
	await staff.getByLabel('Ved skranken').check();
	await staff.getByLabel('Hvad drejer henvendelsen sig om?').selectOption({ label: 'Bestil nyt sundhedskort' });
	await staff.getByLabel('Borgerens CPR-nummer').fill('030338-1234');
	await staff.getByRole('button', { name: 'Find borgeren og start betjeningen' }).click();
	await expect(staff.getByRole('row', { name: /Fuldmagter/ })).toContainText('Har fuldmagt fra 0, har givet 1');
});
