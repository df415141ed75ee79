import type { LayoutServerLoad } from './$types';

/** Only what the header needs: never the CPR number. */
export const load: LayoutServerLoad = ({ locals }) => ({
	lang: locals.lang,
	user: locals.citizen
		? { kind: 'citizen' as const, name: locals.citizen.name }
		: locals.staff
			? { kind: 'staff' as const, name: locals.staff.displayName, role: locals.staff.role }
			: null
});
