/**
 * The help code's strength and its limits, and what they give an attacker: kept together, so
 * that a change to one is checked against the promise (help-limits.spec.ts, the README).
 */
export const HELP_CODE_DIGITS = 8;
export const HELP_CODE_MINUTES = 30;
/** Wrong codes per citizen: ten in a code's lifetime, twenty in a day, however often they sign in again. */
export const WRONG_PER_WINDOW = 10;
export const WRONG_PER_DAY = 20;

/**
 * The chance that an attacker with `sessions` signed-in sessions (each a different citizen, the
 * worst case: one citizen's sessions share the citizen's limit) hits any live code in a
 * working day of `hours`, when `liveCodes` codes are live at every moment (one per helper; a new
 * code replaces the helper's last). Each guess hits with liveCodes / 10^digits.
 */
export function helpCodeGuessOdds(o: { sessions: number; liveCodes: number; hours: number }): number {
	const windows = Math.ceil((o.hours * 60) / HELP_CODE_MINUTES);
	const guesses = o.sessions * Math.min(WRONG_PER_DAY, windows * WRONG_PER_WINDOW);
	const perGuess = o.liveCodes / 10 ** HELP_CODE_DIGITS;
	return 1 - (1 - perGuess) ** guesses;
}
