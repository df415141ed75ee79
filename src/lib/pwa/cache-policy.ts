/**
 * What the service worker may keep. Only pages that are the same for everyone are cached;
 * anything that can hold a person's data goes to the network every time.
 */
export type CachePolicy = 'public' | 'purge' | 'network';

const PUBLIC = [/^\/$/, /^\/tjenester\/[\w-]+$/, /^\/tilgaengelighed$/];
/**
 * On the way to signing in or switching language the cached public pages would show the
 * wrong header or language next, so they are dropped; signed in, nothing new is stored.
 */
const PURGE = [/^\/log-ind(\/.*)?$/, /^\/medarbejder\/log-ind$/, /^\/sprog$/];

export function cachePolicy(pathname: string): CachePolicy {
	// A client-side navigation fetches the page's data beside it: same rule as the page.
	const page = pathname.endsWith('/__data.json') ? pathname.slice(0, -'/__data.json'.length) || '/' : pathname;
	if (PUBLIC.some((r) => r.test(page))) return 'public';
	if (PURGE.some((r) => r.test(page))) return 'purge';
	return 'network';
}

/** A response rendered for a signed-in person says so (private, no-store): never stored. */
export function mayStore(status: number, cacheControl: string | null): boolean {
	if (status !== 200) return false;
	const directives = (cacheControl ?? '').toLowerCase().split(',').map((d) => d.trim());
	return !directives.includes('no-store') && !directives.includes('private');
}

/** The offline page in the language the citizen chose, else the browser's, else Danish. */
export function offlinePath(cookieLang: string | undefined, browserLangs: readonly string[]): string {
	if (cookieLang === 'da' || cookieLang === 'en') return `/offline/${cookieLang}`;
	const first = browserLangs.map((l) => l.toLowerCase().split('-')[0]).find((l) => l === 'da' || l === 'en');
	return `/offline/${first ?? 'da'}`;
}
