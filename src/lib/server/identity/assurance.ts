import type { LevelOfAssurance } from './types';

const RANK: Record<LevelOfAssurance, number> = { low: 0, substantial: 1, high: 2 };

/** NSIS levels are ordered: a login at a level meets every lower one. */
export function meetsLevel(have: LevelOfAssurance, need: LevelOfAssurance): boolean {
	return RANK[have] >= RANK[need];
}

/** The level as NemLog-in names it in `acr` and asks for it in `acr_values`. */
export function acrOf(level: LevelOfAssurance): string {
	return `https://data.gov.dk/concept/core/nsis/loa/${level[0].toUpperCase()}${level.slice(1)}`;
}

export function isLevel(value: unknown): value is LevelOfAssurance {
	return typeof value === 'string' && value in RANK;
}
