import { expect, test } from '@playwright/test';
import { OIDC_APP_URL, OIDC_ISSUER } from '../playwright.config';
import { expectAccessible } from './support/helpers';

test('citizens sign in through OpenID Connect (a real provider started for the test)', async ({ page }) => {
	await page.goto(`${OIDC_APP_URL}/tjenester/nyt-sundhedskort`);
	await page.getByRole('link', { name: 'Start nu' }).click();

	// With a real issuer configured the MitID test login is gone.
	await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();
	await expect(page.getByText('MitID test-login')).toHaveCount(0);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Log ind med MitID' }).click();

	// The provider's own login page: code flow with PKCE.
	await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/interaction/`));
	await page.locator('input[name=login]').fill('anna');
	await page.locator('input[name=password]').fill('any');
	await page.getByRole('button', { name: 'Sign-in' }).click();

	// Back in the portal, signed in as the citizen the CPR claim names, at the form's first page.
	await expect(page.getByRole('heading', { level: 1, name: 'Hvorfor skal du have et nyt sundhedskort?' })).toBeVisible();
	await expect(page.locator('header')).toContainText('Anna Testesen');
	expect(page.url()).not.toMatch(/\d{10}/);

	const cookies = await page.context().cookies(OIDC_APP_URL);
	const session = cookies.find((c) => c.name === 'indgang_session')!;
	expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
	// The one-time login state is gone once used.
	expect(cookies.find((c) => c.name === 'indgang_oidc')).toBeUndefined();
});

test('a callback that does not belong to a login in this browser is refused', async ({ page }) => {
	await page.goto(`${OIDC_APP_URL}/log-ind/oidc/callback?code=forged&state=forged`);
	await expect(page.getByRole('heading', { name: 'Du blev ikke logget ind' })).toBeVisible();
	await expect(page.locator('header')).not.toContainText('Log af');
});
