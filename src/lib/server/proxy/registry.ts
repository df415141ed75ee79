import { fuldmagtService } from '$lib/server/config';

/**
 * A power of attorney as Digital Fuldmagt gives it: the giver lets the holder act for them on
 * some services, until a date. CPR numbers travel only in request bodies, never in URLs.
 */
export interface PowerOfAttorney {
	reference: string;
	giverCpr: string;
	holderCpr: string;
	/** The portal's service slugs the power covers. */
	services: string[];
	/** YYYY-MM-DD, the last day it holds; null: until revoked. */
	validUntil: string | null;
}

export interface PowerRegistry {
	/** Powers the citizen holds from others, valid today. */
	heldBy(holderCpr: string, today: string): Promise<PowerOfAttorney[]>;
	/** Powers the citizen has given others, valid today. */
	givenBy(giverCpr: string, today: string): Promise<PowerOfAttorney[]>;
}

const valid = (today: string) => (p: PowerOfAttorney) => p.validUntil === null || p.validUntil >= today;

/**
 * The embedded default: fictitious powers between the register fixture's test persons. Ruth
 * Fuldmagtsen (born 1938) has let her son Søren act for her on her health card and a move;
 * one power has run out, to show that it no longer counts.
 */
export const fixturePowers: PowerOfAttorney[] = [
	{ reference: 'FM-2026-0001', giverCpr: '0303381234', holderCpr: '0909651234', services: ['nyt-sundhedskort', 'anmeld-flytning'], validUntil: null },
	{ reference: 'FM-2019-0042', giverCpr: '0303381234', holderCpr: '0909651234', services: ['ansoeg-om-pas'], validUntil: '2020-12-31' }
];

export function fixtureRegistry(powers: PowerOfAttorney[] = fixturePowers): PowerRegistry {
	return {
		heldBy: async (cpr, today) => powers.filter((p) => p.holderCpr === cpr).filter(valid(today)),
		givenBy: async (cpr, today) => powers.filter((p) => p.giverCpr === cpr).filter(valid(today))
	};
}

/**
 * The real service behind an HTTP API (FULDMAGT_URL): POST `{holderCpr}` to `/powers/held` or
 * `{giverCpr}` to `/powers/given`, answered with `{ powers: PowerOfAttorney[] }`. An answer in
 * another shape is no powers, not a crash; a service that is down is an error the page shows.
 */
export function httpRegistry(url: string, token: string | null, fetcher: typeof fetch = fetch): PowerRegistry {
	const ask = async (path: string, body: Record<string, string>, today: string) => {
		const response = await fetcher(`${url.replace(/\/$/, '')}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(5000)
		});
		if (!response.ok) throw new Error(`power-of-attorney service answered ${response.status}`);
		const data = (await response.json().catch(() => null)) as { powers?: unknown } | null;
		const powers = Array.isArray(data?.powers) ? data.powers : [];
		return powers.filter(isPower).filter(valid(today));
	};
	return {
		heldBy: (holderCpr, today) => ask('/powers/held', { holderCpr }, today),
		givenBy: (giverCpr, today) => ask('/powers/given', { giverCpr }, today)
	};
}

function isPower(p: unknown): p is PowerOfAttorney {
	const o = p as PowerOfAttorney;
	return (
		typeof o?.reference === 'string' &&
		/^\d{10}$/.test(o.giverCpr) &&
		/^\d{10}$/.test(o.holderCpr) &&
		Array.isArray(o.services) &&
		o.services.every((s) => typeof s === 'string') &&
		(o.validUntil === null || /^\d{4}-\d{2}-\d{2}$/.test(String(o.validUntil)))
	);
}

let registry: PowerRegistry | undefined;

export function powerRegistry(): PowerRegistry {
	const service = fuldmagtService();
	return (registry ??= service ? httpRegistry(service.url, service.token) : fixtureRegistry());
}
