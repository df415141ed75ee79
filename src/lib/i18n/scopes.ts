/**
 * Texts only staff pages and the server's messages use. A citizen's (or anyone's not signed in
 * as staff) pages get the locale without them: about 40 % less of it in every first load
 * (issue 6's budget). locales.spec.ts checks that no other page uses these namespaces.
 */
export const STAFF_ONLY = ['staff', 'report', 'targets', 'register', 'assisted', 'mail', 'sms', 'channels', 'assistance', 'kiosk'] as const;

export type Scope = 'all' | 'citizen';

export function withoutStaffTexts(resources: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(resources).filter(([ns]) => !(STAFF_ONLY as readonly string[]).includes(ns)));
}

/** The full locale for staff, and on staff pages (the staff login too). */
export function scopeFor(staffSignedIn: boolean, pathname: string): Scope {
	return staffSignedIn || pathname === '/medarbejder' || pathname.startsWith('/medarbejder/') ? 'all' : 'citizen';
}
