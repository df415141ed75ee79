import { can, hasCapability, requireStaff } from '$lib/server/auth/guards';
import { countSubmissionsByService } from '$lib/server/forms/submissions';
import { activeServices } from '$lib/server/services/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event, can.staffArea);
	const canHandleCases = hasCapability(staff, 'handleCases');
	const counts = canHandleCases ? await countSubmissionsByService() : [];
	return {
		canHandleCases,
		canServe: hasCapability(staff, 'serveCitizens'),
		canGuide: hasCapability(staff, 'guideCitizens'),
		canSetUpKiosk: hasCapability(staff, 'setUpKiosk'),
		canReadOutbox: hasCapability(staff, 'readOutbox'),
		canRunCounter: hasCapability(staff, 'runCounter'),
		canConfigureBooking: hasCapability(staff, 'configureBooking'),
		canEditForms: hasCapability(staff, 'editForms'),
		canEditCatalogue: hasCapability(staff, 'editCatalogue'),
		canManageAccounts: hasCapability(staff, 'manageAccounts'),
		canRegister: hasCapability(staff, 'registerContacts'),
		canReadReports: hasCapability(staff, 'readReports'),
		canConfigureTargets: hasCapability(staff, 'configureTargets'),
		services: (await activeServices())
			.filter((s) => s.formId)
			.map((s) => ({
				slug: s.slug,
				received: counts.find((c) => c.serviceSlug === s.slug && c.status === 'received')?.count ?? 0,
				inProgress: counts.find((c) => c.serviceSlug === s.slug && c.status === 'in_progress')?.count ?? 0,
				done: counts.find((c) => c.serviceSlug === s.slug && c.status === 'done')?.count ?? 0
			}))
	};
};
