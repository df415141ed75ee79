/** Case- and accent-insensitive words, so "Flytte" and "flytte" are one. */
export function normalise(text: string): string {
	return text
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\p{L}\p{N}\s]/gu, ' ');
}

// Danish and English endings, longest first: "flytning", "flyttet" and "flytter" share "flyt".
const ENDINGS = ['ningerne', 'ningen', 'ninger', 'elser', 'elsen', 'ernes', 'ning', 'else', 'erne', 'ende', 'ings', 'ede', 'ene', 'ing', 'ies', 'er', 'et', 'en', 'es', 'ed', 'e', 's', 't', 'r'];
const MIN_STEM = 3;

/** A word without its inflection; a doubled last consonant is single ("flytt" is "flyt"). */
export function stem(word: string): string {
	let w = word;
	for (const ending of ENDINGS) {
		if (w.length - ending.length >= MIN_STEM && w.endsWith(ending)) {
			w = w.slice(0, -ending.length);
			break;
		}
	}
	if (w.length > MIN_STEM && w.at(-1) === w.at(-2) && !/[aeiouyæøå]/.test(w.at(-1)!)) w = w.slice(0, -1);
	return w;
}

function words(text: string): string[] {
	return normalise(text).split(/\s+/).filter(Boolean);
}

/**
 * Every word of the query is found in the haystack, as the start of a word or in another form
 * of it: "flytte", "flyttet" and "flytning" all find moving.
 */
export function matches(query: string, haystack: string[]): boolean {
	const wanted = words(query);
	if (wanted.length === 0) return true;
	const have = words(haystack.join(' '));
	const stems = have.map(stem);
	return wanted.every((w) => {
		const s = stem(w);
		return have.some((h, i) => h.startsWith(w) || (s.length >= MIN_STEM && (stems[i].startsWith(s) || (stems[i].length >= MIN_STEM + 1 && s.startsWith(stems[i])))));
	});
}
