import { describeHoursLine } from '$lib/booking/hours';
import { routes, safeRedirect } from '$lib/routes';
import { servedView } from '$lib/server/assisted/serve';
import { borgerserviceHours } from '$lib/server/booking/setup';
import { accessibilityStatementUrl, contactDetails } from '$lib/server/config';
import { serviceTitles } from '$lib/server/i18n';
import { idleLimitMs, servingExpiresIn, servingIdleMs } from '$lib/server/auth/session';
import type { LayoutServerLoad } from './$types';

/** Seconds of warning before an automatic sign-out: time to read the warning and answer it (WCAG 2.2.1 asks for at least 20). */
const WARN_SECONDS = 60;
const MIN_WARN_SECONDS = 20;

function referrerPath(request: Request, url: URL): string | null {
	const referer = request.headers.get('referer');
	if (!referer) return null;
	try {
		const from = new URL(referer);
		if (from.origin !== url.origin) return null;
		const path = safeRedirect(from.pathname + from.search, '');
		return path && path !== url.pathname + url.search ? path : null;
	} catch {
		return null;
	}
}

function countdown(idleMs: number, leftMs: number) {
	const idleSeconds = Math.round(idleMs / 1000);
	return {
		idleSeconds,
		warnSeconds: Math.min(WARN_SECONDS, Math.max(MIN_WARN_SECONDS, Math.floor(idleSeconds / 3))),
		expiresIn: Math.floor(leftMs / 1000)
	};
}

/** Only what the header needs: never the whole CPR number. */
export const load: LayoutServerLoad = async ({ locals, request, url }) => {
	const { session, citizen, staff, assisted } = locals;
	return {
		lang: locals.lang,
		/** Phone, e-mail and opening hours (from the counters' own) on every page. */
		contact: { ...contactDetails(), hours: (await borgerserviceHours()).map((line) => describeHoursLine(line, locals.lang)) },
		/** The footer's statement: WAS-Tool's when configured, else the portal's own page. */
		accessibilityUrl: accessibilityStatementUrl() ?? routes.accessibility,
		/** Where the browser came from within the portal: an error page's way back. */
		referrer: referrerPath(request, url),
		kiosk: locals.kiosk,
		user: citizen
			? { kind: 'citizen' as const, name: citizen.name }
			: staff
				? { kind: 'staff' as const, name: staff.displayName, role: staff.role }
				: null,
		/** Staff pages name services everywhere; their names are the catalogue's (citizens' pages get theirs with their data). */
		serviceTitles: staff ? await serviceTitles(locals.lang) : null,
		/** Medbetjening: whom this staff member is serving, on every page. */
		serving: session && assisted ? servedView(assisted, session) : null,
		/** Digital Fuldmagt: whom the signed-in citizen is acting for, on every page. */
		actingFor: citizen && locals.actingFor && session?.actingReference ? { name: locals.actingFor.name ?? '', reference: session.actingReference } : null,
		/** Hjælp til selvhjælp: the role of whoever is helping the signed-in citizen. */
		guidedBy: citizen && session?.guideRole ? session.guideRole : null,
		/** Anyone signed in is warned before an automatic sign-out (WCAG 2.2.1)... */
		timeout: session && (citizen || staff) ? countdown(idleLimitMs(session), session.expiresAt.getTime() - Date.now()) : null,
		/** ...and staff before serving a citizen ends by itself. */
		servingTimeout: session && assisted ? countdown(servingIdleMs(), (servingExpiresIn(session) ?? 0) * 1000) : null
	};
};
