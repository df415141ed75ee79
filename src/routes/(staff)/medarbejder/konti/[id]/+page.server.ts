import { error, fail, redirect } from '@sveltejs/kit';
import { asc } from 'drizzle-orm';
import { routes } from '$lib/routes';
import { can, requireStaff } from '$lib/server/auth/guards';
import { createAccount, findAccount, readAccountInput, sendSetupLink, setActive, updateAccount } from '$lib/server/auth/accounts';
import { changesOf } from '$lib/server/audit/changes';
import { db, tables } from '$lib/server/db';
import { staffRoles } from '$lib/server/db/schema';
import { formDataOf } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

/** `ny` is a new account; any other id the account to edit. */
const NEW = 'ny';

const serviceSlugs = async () => (await db().select({ slug: tables.services.slug }).from(tables.services).orderBy(asc(tables.services.sortOrder))).map((s) => s.slug);

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.manageAccounts);
	const isNew = event.params.id === NEW;
	const account = isNew ? null : await findAccount(event.params.id);
	if (!isNew && !account) error(404, 'not_found');
	return {
		account: account && {
			id: account.id,
			username: account.username,
			displayName: account.displayName,
			unit: account.unit,
			role: account.role,
			email: account.email ?? '',
			editableServices: account.editableServices ?? [],
			active: account.active,
			lastLoginAt: account.lastLoginAt,
			setUp: !!account.totpKey || !!account.ssoSubject,
			sso: !!account.ssoSubject
		},
		history: account ? await changesOf('staff_user', account.id) : [],
		roles: staffRoles,
		services: await serviceSlugs(),
		done: event.url.searchParams.get('gjort')
	};
};

const done = (id: string, what: string) => redirect(303, `${routes.account(id)}?gjort=${what}`);

export const actions: Actions = {
	save: async (event) => {
		const staff = requireStaff(event, can.manageAccounts);
		const data = await formDataOf(event.request);
		const { input, errors } = readAccountInput(data, await serviceSlugs());
		if (errors.length) return fail(400, { errors, values: input });
		if (event.params.id === NEW) {
			const created = await createAccount(staff.id, input);
			if (!created.ok) return fail(400, { errors: created.errors, values: input });
			done(created.id, 'oprettet');
		}
		const refused = await updateAccount(staff.id, event.params.id, input);
		if (refused.length) return fail(400, { errors: refused, values: input });
		done(event.params.id, 'gemt');
	},
	disable: async (event) => {
		const staff = requireStaff(event, can.manageAccounts);
		const result = await setActive(staff.id, event.params.id, false);
		if (result !== 'ok') return fail(400, { errors: [{ fieldId: 'disable', code: result }], values: null });
		done(event.params.id, 'lukket');
	},
	enable: async (event) => {
		const staff = requireStaff(event, can.manageAccounts);
		await setActive(staff.id, event.params.id, true);
		done(event.params.id, 'aabnet');
	},
	sendLink: async (event) => {
		const staff = requireStaff(event, can.manageAccounts);
		if (!(await findAccount(event.params.id))) error(404, 'not_found');
		await sendSetupLink(staff.id, event.params.id);
		done(event.params.id, 'link');
	}
};
