/** Every URL the app links to, in one place: Danish paths, as citizens read them. */
const q = (path: string, params: Record<string, string | undefined>) => {
	const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
	const s = search.toString();
	return s ? `${path}?${s}` : path;
};

export const routes = {
	home: '/',
	search: (query: string) => q('/', { q: query }),
	service: (slug: string) => `/tjenester/${slug}`,
	startForm: (slug: string) => `/tjenester/${slug}/start`,
	formPage: (draftId: string, pageId: string, returnToCheck = false) =>
		q(`/skema/${draftId}/${pageId}`, { retur: returnToCheck ? 'tjek' : undefined }),
	checkAnswers: (draftId: string) => `/skema/${draftId}/tjek`,
	receipt: (reference: string) => `/kvittering/${reference}`,
	myCases: '/mine-sager',
	login: (redirectTo?: string) => q('/log-ind', { redirectTo }),
	loginError: (code: string) => q('/log-ind', { fejl: code }),
	oidcLogin: (redirectTo?: string) => q('/log-ind/oidc', { redirectTo }),
	oidcCallback: '/log-ind/oidc/callback',
	logout: '/log-ud',
	language: '/sprog',
	accessibility: '/tilgaengelighed',
	staffLogin: (redirectTo?: string) => q('/medarbejder/log-ind', { redirectTo }),
	staffHome: '/medarbejder',
	staffCases: (service?: string, status?: string) => q('/medarbejder/sager', { service, status }),
	staffCase: (id: string) => `/medarbejder/sager/${id}`,
	staffCaseFile: (id: string, uploadId: string, purpose: string) => q(`/medarbejder/sager/${id}/filer/${uploadId}`, { formaal: purpose }),
	staffOutbox: '/medarbejder/udbakke',
	staffOutboxMessage: (id: number) => `/medarbejder/udbakke/${id}`
} as const;

/** Only same-site paths may be redirected to after sign-in. */
export function safeRedirect(target: string | null | undefined, fallback: string = routes.home): string {
	// Browsers drop tabs and newlines and read "\\" as "/", so "/\t/evil.example" would leave the site.
	if (!target || !target.startsWith('/') || /[\s\\\x00-\x1f\x7f]/.test(target)) return fallback;
	const base = 'http://indgang.invalid';
	const url = new URL(target, base);
	return url.origin === base ? url.pathname + url.search + url.hash : fallback;
}
