/**
 * For the browser's best-effort work (the offline store, background sync, the service worker):
 * a failure there must not break the page, but it is said in the console, never swallowed.
 */
export function warnOnFailure(what: string): (e: unknown) => void {
	return (e) => console.warn(`indgang: ${what} failed`, e);
}
