/**
 * Texts only staff pages and the server's messages use. A citizen's (or anyone's not signed in
 * as staff) pages get the locale without them: about 40 % less of it in every first load
 * (issue 6's budget). locales.spec.ts checks that no other page uses these namespaces.
 */
export const STAFF_ONLY = ['staff', 'accounts', 'builder', 'catalogue', 'report', 'targets', 'register', 'assisted', 'mail', 'sms', 'channels', 'assistance', 'kiosk'] as const;

/**
 * Texts that are data, not UI: a form's texts and the services' names. A citizen's page gets
 * only the ones it shows, with its data (src/lib/server/i18n.ts pageTexts), never all of them
 * in every first load.
 */
export const AS_DATA = ['forms', 'services'] as const;

/**
 * What a form page needs of the citizen's locale, and no more: a form page's first load has
 * the tightest budget (55,000 B of JavaScript), and its own texts come with its data. Whole
 * namespaces, or single keys of one (the header's links to booking and Mine sager).
 */
export const FORM_PAGE_TEXTS = [
	'app',
	'lang',
	'auth.logout',
	'footer',
	'common',
	'form',
	'errors',
	'validation',
	'units',
	'roles',
	'timeout',
	'pwa',
	'contact',
	'proxy.bannerLabel',
	'proxy.bannerText',
	'proxy.stop',
	'guided.bannerLabel',
	'guided.bannerText',
	'guided.end',
	'guided.prompt',
	'guided.promptLink',
	'booking.caption',
	'cases.title'
] as const;

export type Scope = 'all' | 'citizen' | 'form';

export function formPageTexts(resources: Record<string, unknown>): Record<string, unknown> {
	const picked: Record<string, Record<string, unknown>> = {};
	for (const path of FORM_PAGE_TEXTS) {
		const [ns, key] = path.split('.');
		const value = resources[ns];
		if (value === undefined) continue;
		if (!key) picked[ns] = value as Record<string, unknown>;
		else (picked[ns] ??= {})[key] = (value as Record<string, unknown>)[key];
	}
	return picked;
}

export function withoutStaffTexts(resources: Record<string, unknown>): Record<string, unknown> {
	const left = [...STAFF_ONLY, ...AS_DATA] as readonly string[];
	return Object.fromEntries(Object.entries(resources).filter(([ns]) => !left.includes(ns)));
}

/** The full locale for staff, and on staff pages (the staff login too). */
export function scopeFor(staffSignedIn: boolean, pathname: string): Scope {
	if (staffSignedIn || pathname === '/medarbejder' || pathname.startsWith('/medarbejder/')) return 'all';
	return pathname.startsWith('/skema/') ? 'form' : 'citizen';
}
