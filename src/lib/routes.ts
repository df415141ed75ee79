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
	receiptPdf: (reference: string) => `/kvittering/${reference}/pdf`,
	myCases: '/mine-sager',
	myCase: (reference: string) => `/mine-sager/${reference}`,
	consent: (id: string) => `/samtykke/${id}`,
	proxy: '/fuldmagt',
	login: (redirectTo?: string, level?: string) => q('/log-ind', { redirectTo, niveau: level }),
	loginError: (code: string) => q('/log-ind', { fejl: code }),
	oidcLogin: (redirectTo?: string, level?: string) => q('/log-ind/oidc', { redirectTo, niveau: level }),
	assuranceTooLow: (service: string, redirectTo: string) => q('/log-ind/niveau', { tjeneste: service, redirectTo }),
	oidcCallback: '/log-ind/oidc/callback',
	logout: '/log-ud',
	language: '/sprog',
	accessibility: '/tilgaengelighed',
	privacy: '/privatliv',
	errorPage: '/fejl',
	staffLogin: (redirectTo?: string) => q('/medarbejder/log-ind', { redirectTo }),
	staffLoginError: (code: string) => q('/medarbejder/log-ind', { fejl: code }),
	staffSso: (redirectTo?: string) => q('/medarbejder/log-ind/sso', { redirectTo }),
	staffSsoCallback: '/medarbejder/log-ind/sso/callback',
	staffSecondFactor: (redirectTo?: string) => q('/medarbejder/log-ind/kode', { redirectTo }),
	/** The token is the key; like a private appointment link, it is kept out of logs (the route id is logged). */
	accountSetup: (token: string) => `/medarbejder/konto/${token}`,
	accounts: '/medarbejder/konti',
	account: (id: string) => `/medarbejder/konti/${id}`,
	newAccount: '/medarbejder/konti/ny',
	staffHome: '/medarbejder',
	staffCases: (service?: string, status?: string) => q('/medarbejder/sager', { service, status }),
	staffCase: (id: string) => `/medarbejder/sager/${id}`,
	staffCaseFile: (id: string, uploadId: string, purpose: string) => q(`/medarbejder/sager/${id}/filer/${uploadId}`, { formaal: purpose }),
	booking: '/tidsbestilling',
	bookType: (type: string, params: { dag?: string; ekstra?: boolean; fejl?: 'kort' } = {}) =>
		q(`/tidsbestilling/${type}`, { dag: params.dag, ekstra: params.ekstra ? '1' : undefined, fejl: params.fejl }),
	bookConfirm: (type: string, start: string, extra: boolean) =>
		q(`/tidsbestilling/${type}/bekraeft`, { tid: start, ekstra: extra ? '1' : undefined }),
	/** `key` is the reference (for the signed-in owner) or the private link's token. */
	appointment: (key: string) => `/aftale/${key}`,
	appointmentMove: (key: string, day?: string) => q(`/aftale/${key}/flyt`, { dag: day }),
	appointmentCancel: (key: string) => `/aftale/${key}/aflys`,
	appointmentCalendar: (key: string) => `/aftale/${key}/kalender.ics`,
	waitingScreen: '/skaerm',
	staffBooking: (params: { type?: string; kanal?: string; dag?: string; ekstra?: boolean; fejl?: 'kort' } = {}) =>
		q('/medarbejder/tidsbestilling', {
			type: params.type,
			kanal: params.kanal,
			dag: params.dag,
			ekstra: params.ekstra ? '1' : undefined,
			fejl: params.fejl
		}),
	staffBookingConfirm: (type: string, channel: string, start: string, extra: boolean) =>
		q('/medarbejder/tidsbestilling/bekraeft', { type, kanal: channel, tid: start, ekstra: extra ? '1' : undefined }),
	staffAppointment: (id: string) => `/medarbejder/aftaler/${encodeURIComponent(id)}`,
	staffDay: (params: { skranke?: string; dag?: string } = {}) => q('/medarbejder/dagsprogram', params),
	staffQueue: '/medarbejder/koe',
	bookingSetup: '/medarbejder/opsaetning',
	registerContact: '/medarbejder/registrer',
	report: (params: Record<string, string | undefined> = {}) => q('/medarbejder/rapport', params),
	reportExport: (format: 'csv' | 'xlsx' | 'kl', params: Record<string, string | undefined>) => q(`/medarbejder/rapport/eksport.${format}`, params),
	targets: '/medarbejder/maal',
	feedbackComments: (params: Record<string, string | undefined> = {}) => q('/medarbejder/rapport/kommentarer', params),
	feedback: '/hvordan-gik-det',
	serveCitizen: '/medarbejder/betjen',
	endServing: '/medarbejder/betjen?/end',
	helpCitizen: '/medarbejder/hjaelp',
	kioskSetup: '/medarbejder/kiosk',
	helpCode: (code?: string) => q('/hjaelp', { kode: code }),
	keepAlive: '/session',
	staffOutbox: '/medarbejder/udbakke',
	staffOutboxMessage: (id: number) => `/medarbejder/udbakke/${id}`,
	referNational: (slug: string) => `/tjenester/${slug}/videre`,
	formFormat: '/formater/skema-v1.json',
	forms: '/medarbejder/skemaer',
	formEditor: (formId: string) => `/medarbejder/skemaer/${formId}`,
	formPageEditor: (formId: string, pageId: string) => `/medarbejder/skemaer/${formId}/side/${pageId}`,
	formQuestionEditor: (formId: string, pageId: string, questionId: string) => `/medarbejder/skemaer/${formId}/side/${pageId}/${questionId}`,
	formPreview: (formId: string, pageId: string, lang: string) => `/medarbejder/skemaer/${formId}/vis/${pageId}?sprog=${lang}`,
	formPublish: (formId: string) => `/medarbejder/skemaer/${formId}/udgiv`,
	formExport: (formId: string) => `/medarbejder/skemaer/${formId}/eksport.json`,
	catalogue: '/medarbejder/tjenester',
	serviceEditor: (slug: string) => `/medarbejder/tjenester/${slug}`,
	newService: '/medarbejder/tjenester/ny'
} as const;

/** Only same-site paths may be redirected to after sign-in. */
export function safeRedirect(target: string | null | undefined, fallback: string = routes.home): string {
	// Browsers drop tabs and newlines and read "\\" as "/", so "/\t/evil.example" would leave the site.
	if (!target || !target.startsWith('/') || /[\s\\\x00-\x1f\x7f]/.test(target)) return fallback;
	const base = 'http://indgang.invalid';
	const url = new URL(target, base);
	return url.origin === base ? url.pathname + url.search + url.hash : fallback;
}

/**
 * A named form action on the current page that keeps the page's query (type, channel, day):
 * a bare "?/name" would drop it.
 */
export function actionHref(name: string, search: URLSearchParams): string {
	const kept = new URLSearchParams([...search].filter(([key]) => !key.startsWith('/')));
	const rest = kept.toString();
	return `?/${name}${rest ? `&${rest}` : ''}`;
}
