import { expect, test } from '@playwright/test';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { sparePort } from '../playwright.config';
import { queryE2e } from './support/db';
import { DEMO_PASSWORD, enterAppCode, enterPassword, expectAccessible, guessUntilHeldBack, newPerson, signInAsStaff } from './support/helpers';
import { startPortal } from './support/portal';

const PASSWORD = 'skranken åbner klokken ti';

test('an administrator creates an account; its holder sets a password and the app through the link, signs in with both, and is signed out at once when the account is closed', async ({ browser }) => {
	const admin = await newPerson(browser);
	await signInAsStaff(admin, 'admin');
	await admin.getByRole('link', { name: 'Medarbejderkonti' }).click();
	await expect(admin.getByRole('heading', { level: 1, name: 'Medarbejderkonti' })).toBeVisible();
	await expectAccessible(admin);
	await admin.getByRole('link', { name: 'Opret konto' }).click();
	await admin.getByRole('button', { name: 'Opret og send link' }).click();
	const summary = admin.getByRole('alert');
	await expect(summary.getByRole('link', { name: 'Skriv medarbejderens navn' })).toHaveAttribute('href', '#displayName');
	await expect(summary.getByRole('link', { name: 'Skriv en e-mailadresse, linket kan sendes til' })).toHaveAttribute('href', '#email');
	await expectAccessible(admin);
	await admin.getByLabel('Navn', { exact: true }).fill('Sofie Skranke');
	await admin.getByLabel('Brugernavn').fill('Sofie S');
	await admin.getByLabel('Enhed').fill('Borgerservice');
	await admin.getByLabel('Arbejds-e-mail').fill('sofie@kommune.example');
	await admin.getByRole('button', { name: 'Opret og send link' }).click();
	await expect(summary.getByRole('link', { name: /Brugernavnet må kun have små bogstaver/ })).toBeVisible();
	await expect(admin.getByLabel('Navn', { exact: true })).toHaveValue('Sofie Skranke');
	await admin.getByLabel('Brugernavn').fill('sofie.s');
	await admin.getByRole('button', { name: 'Opret og send link' }).click();
	await expect(admin.getByText('Kontoen er oprettet, og linket er sendt til sofie@kommune.example.')).toBeVisible();
	await expect(admin.getByText('Venter på oprettelse')).toBeVisible();
	await expectAccessible(admin);

	// The link reaches Sofie by e-mail; in the portal's outbox it is cut, so no colleague can use it.
	const [mail] = await queryE2e<{ id: number; body: string }>("select id, body from outbox where recipient = ? and kind = 'staff_link'", 'sofie@kommune.example');
	const link = new URL(/https?:\/\/\S+\/medarbejder\/konto\/[a-z2-7]{32}/.exec(mail.body)![0]).pathname;
	await admin.goto(`/medarbejder/udbakke/${mail.id}`);
	await expect(admin.locator('.mail-body')).toContainText('/medarbejder/konto/…');
	await expect(admin.locator('.mail-body')).not.toContainText(link);

	const sofie = await newPerson(browser);
	await sofie.goto(link);
	await expect(sofie.getByRole('heading', { level: 1, name: 'Opret din adgang' })).toBeVisible();
	await expect(sofie.getByRole('img', { name: 'QR-kode til godkender-appen' })).toBeVisible();
	await expectAccessible(sofie);
	// She types the key into her app by hand.
	const key = decodeBase32IgnorePadding(((await sofie.locator('.totp-key').textContent()) ?? '').replace(/\s/g, ''));
	const { generateHOTP } = await import('@oslojs/otp');
	const code = () => generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000)), 6);
	await sofie.getByLabel('Ny adgangskode').fill('kort');
	await sofie.getByLabel('Skriv adgangskoden igen').fill('kort');
	await sofie.getByLabel('Kode fra appen').fill(code());
	await sofie.getByRole('button', { name: 'Opret adgang' }).click();
	await expect(sofie.getByRole('alert').getByRole('link', { name: 'Adgangskoden skal være mindst 12 tegn' })).toHaveAttribute('href', '#password');
	await expectAccessible(sofie);
	await sofie.getByLabel('Ny adgangskode').fill(PASSWORD);
	await sofie.getByLabel('Skriv adgangskoden igen').fill(PASSWORD);
	await sofie.getByLabel('Kode fra appen').fill(code());
	await sofie.getByRole('button', { name: 'Opret adgang' }).click();
	await expect(sofie.getByRole('heading', { level: 1, name: 'Din adgang er oprettet' })).toBeVisible();
	await expect(sofie.locator('.recovery-codes li')).toHaveCount(10);
	await expectAccessible(sofie);
	// The link works once.
	await sofie.goto(link);
	await expect(sofie.getByRole('heading', { level: 1, name: 'Linket virker ikke længere' })).toBeVisible();

	await enterPassword(sofie, 'sofie.s', PASSWORD);
	await expectAccessible(sofie);
	await enterAppCode(sofie, key);
	await expect(sofie.getByRole('heading', { level: 1, name: 'Medarbejderforside' })).toBeVisible();

	await admin.goto('/medarbejder/konti');
	await admin.getByRole('link', { name: 'Sofie Skranke' }).click();
	await expect(admin.getByText('Status: Aktiv.')).toBeVisible();
	await expect(admin.getByRole('listitem').filter({ hasText: 'Logget ind' })).toHaveCount(1);
	await admin.getByRole('button', { name: 'Luk kontoen' }).click();
	await expect(admin.getByText('Kontoen er lukket, og medarbejderen er logget af.')).toBeVisible();
	await sofie.reload();
	await expect(sofie).toHaveURL(/\/medarbejder\/log-ind\?/);
	await enterPassword(sofie, 'sofie.s', PASSWORD);
	await expect(sofie.getByRole('alert').getByRole('link', { name: 'Brugernavn eller adgangskode er forkert' })).toBeVisible();
});

test('only an administrator reaches the accounts', async ({ browser }) => {
	const staff = await newPerson(browser);
	await signInAsStaff(staff, 'leder');
	for (const path of ['/medarbejder/konti', '/medarbejder/konti/ny']) expect((await staff.goto(path))?.status()).toBe(403);
	const anonymous = await newPerson(browser);
	await anonymous.goto('/medarbejder/konti');
	await expect(anonymous).toHaveURL(/\/medarbejder\/log-ind\?redirectTo=%2Fmedarbejder%2Fkonti/);
});

test('behind a proxy (ADDRESS_HEADER, XFF_DEPTH), an attacker guessing the admin password slows only himself', async ({ browser }) => {
	const portal = await startPortal('proxy', sparePort(16), { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' });
	try {
		// The proxy appends the address it saw; whatever the attacker wrote before it is ignored.
		const attackerContext = await browser.newContext({ baseURL: portal.url, extraHTTPHeaders: { 'x-forwarded-for': '198.51.100.7, 203.0.113.5' } });
		const attacker = await attackerContext.newPage();
		await guessUntilHeldBack(attacker, 'admin', 4);
		// Held back: even the right password waits.
		await enterPassword(attacker, 'admin', DEMO_PASSWORD);
		await expect(attacker.getByRole('link', { name: /Vent \d+ sekund/ })).toBeVisible();

		const adminContext = await browser.newContext({ baseURL: portal.url, extraHTTPHeaders: { 'x-forwarded-for': '198.51.100.7' } });
		const admin = await adminContext.newPage();
		await enterPassword(admin, 'admin', DEMO_PASSWORD);
		await enterAppCode(admin);
		await expect(admin.getByRole('heading', { level: 1, name: 'Medarbejderforside' })).toBeVisible();
	} finally {
		await portal.stop();
	}
});
