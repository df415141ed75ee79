import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { sparePort } from '../playwright.config';
import { expectAccessible } from './support/helpers';
import { startTestProvider } from './support/oidc-provider.mjs';
import { startPortal, type Portal } from './support/portal';

/** The municipality's identity provider (a real oidc-provider), with two of its users. */
const accounts = {
	mette: { sub: 'ad-1001', name: 'Mette Skranke', preferred_username: 'mette.skranke@kommune.example', department: 'Borgerservice', roles: ['Indgang.Medarbejder'] },
	ulla: { sub: 'ad-1002', name: 'Ulla Økonomi', preferred_username: 'ulla@kommune.example', department: 'Økonomi', roles: ['Økonomi.Bogholder', 'admin'] }
};

test('staff sign in through the municipality\'s identity provider: role and unit from its claims; a user without a mapped role is refused with a clear page', async ({ browser }) => {
	const port = sparePort(17);
	const provider = await startTestProvider({
		clientId: 'indgang-staff',
		clientSecret: 'staff-secret',
		redirectUris: [`http://localhost:${port}/medarbejder/log-ind/sso/callback`],
		accounts,
		scopes: { staff: ['preferred_username', 'department', 'roles'] }
	});
	let portal: Portal | undefined;
	try {
		portal = await startPortal('staff-sso', port, {
			STAFF_OIDC_ISSUER: provider.issuer,
			STAFF_OIDC_CLIENT_ID: 'indgang-staff',
			STAFF_OIDC_CLIENT_SECRET: 'staff-secret',
			STAFF_OIDC_SCOPE: 'openid profile staff',
			STAFF_OIDC_ROLES: 'Indgang.Medarbejder=staff,Indgang.Admin=admin'
		});
		const signIn = async (login: string) => {
			const page = await (await browser.newContext({ baseURL: portal!.url, viewport: { width: 360, height: 640 }, locale: 'da-DK' })).newPage();
			await page.goto('/medarbejder/log-ind');
			await expectAccessible(page);
			await page.getByRole('link', { name: 'Log ind med kommunens log-in' }).click();
			await page.getByLabel('Login').fill(login);
			await page.getByRole('button', { name: 'Sign-in' }).click();
			return page;
		};

		const mette = await signIn('mette');
		await expect(mette.getByRole('heading', { level: 1, name: 'Medarbejderforside' })).toBeVisible();
		await expect(mette.getByText('Mette Skranke, Medarbejder')).toBeVisible();

		// Ulla's roles are her own department's, and "admin" is not a value the municipality mapped.
		const ulla = await signIn('ulla');
		await expect(ulla).toHaveURL(/\/medarbejder\/log-ind\?fejl=sso_no_role$/);
		await expect(ulla.getByText('Din bruger hos kommunen har ingen rolle i Indgang.')).toBeVisible();
		await expectAccessible(ulla);
		expect((await ulla.goto('/medarbejder'))?.url()).toMatch(/\/medarbejder\/log-ind/);

		const db = new Database(path.join(portal.dataDir, 'indgang.db'), { readonly: true });
		try {
			const row = db.prepare("select role, unit, sso_subject as subject, password_hash as hash from staff_users where username = 'mette.skranke'").get();
			expect(row).toEqual({ role: 'staff', unit: 'Borgerservice', subject: `${provider.issuer}|ad-1001`, hash: '' });
			const refusals = db.prepare("select detail from change_log where action = 'sign_in_refused'").all() as { detail: string }[];
			expect(refusals.map((r) => JSON.parse(r.detail))).toEqual([{ reason: 'no_role', method: 'sso' }]);
		} finally {
			db.close();
		}
	} finally {
		await portal?.stop();
		await provider.close();
	}
});
