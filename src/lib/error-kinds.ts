/**
 * Which explanation an error page gives: by the error's own code where it has one (the
 * message of `error(status, code)`), else by its status.
 */
export type ErrorKind =
	| 'badRequest'
	| 'forbidden'
	| 'notFound'
	| 'tooLarge'
	| 'tooMany'
	| 'server'
	| 'unavailable'
	| 'crossSite'
	| 'staffNotCitizen'
	| 'idpUnavailable'
	| 'proxyService'
	| 'consentNotYours';

const byCode: Record<string, ErrorKind> = {
	cross_site: 'crossSite',
	staff_not_citizen: 'staffNotCitizen',
	idp_unavailable: 'idpUnavailable',
	proxy_service: 'proxyService',
	consent_not_yours: 'consentNotYours'
};

const byStatus: Record<number, ErrorKind> = {
	400: 'badRequest',
	403: 'forbidden',
	404: 'notFound',
	405: 'badRequest',
	413: 'tooLarge',
	429: 'tooMany',
	503: 'unavailable'
};

export function errorKind(status: number, code: string | undefined): ErrorKind {
	return (code && byCode[code]) || byStatus[status] || (status >= 400 && status < 500 ? 'badRequest' : 'server');
}

/** The statuses an error page is drawn for; anything else is drawn as a server error. */
export function errorStatus(value: unknown): number {
	const n = Number(value);
	return Number.isInteger(n) && n >= 400 && n <= 599 ? n : 500;
}

/** Codes are short words; anything else (a stack, a provider's text) never reaches a page. */
export function errorCode(value: unknown): string {
	return typeof value === 'string' && /^[a-z_]{1,40}$/.test(value) ? value : '';
}
