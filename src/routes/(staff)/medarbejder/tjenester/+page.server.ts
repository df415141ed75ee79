import { can, requireStaff } from '$lib/server/auth/guards';
import { allServices } from '$lib/server/services/admin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.editCatalogue);
	return { services: (await allServices()).map((s) => ({ slug: s.slug, title: s.texts[event.locals.lang].title, kind: s.kind, active: s.active })) };
};
