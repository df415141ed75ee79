import { redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { can, requireStaff } from '$lib/server/auth/guards';
import { deleteSessionCookie, invalidateSession, setKioskCookie } from '$lib/server/auth/session';
import { kioskIdleSeconds } from '$lib/server/config';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireStaff(event, can.setUpKiosk);
	return { isKiosk: event.locals.kiosk, idleMinutes: Math.max(1, Math.round(kioskIdleSeconds() / 60)) };
};

export const actions: Actions = {
	/** The staff member leaves the device signed out, ready for the first citizen. */
	on: async (event) => {
		requireStaff(event, can.setUpKiosk);
		setKioskCookie(event.cookies, true);
		await invalidateSession(event.locals.session!.id);
		deleteSessionCookie(event.cookies);
		redirect(303, routes.home);
	},
	off: async (event) => {
		requireStaff(event, can.setUpKiosk);
		setKioskCookie(event.cookies, false);
		redirect(303, routes.kioskSetup);
	}
};
