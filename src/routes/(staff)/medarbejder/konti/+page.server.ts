import { can, requireStaff } from '$lib/server/auth/guards';
import { listAccounts } from '$lib/server/auth/accounts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.manageAccounts);
	return {
		accounts: (await listAccounts()).map(({ secondFactor, sso, ...a }) => ({ ...a, setUp: !!secondFactor || !!sso, sso: !!sso }))
	};
};
