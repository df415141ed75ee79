/** Case- and accent-insensitive word matching, so "flytning", "Flytte" and "flyt" all find moving. */
export function normalise(text: string): string {
	return text
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\p{L}\p{N}\s]/gu, ' ');
}

export function matches(query: string, haystack: string[]): boolean {
	const words = normalise(query).split(/\s+/).filter(Boolean);
	if (words.length === 0) return true;
	const text = normalise(haystack.join(' '));
	return words.every((w) => text.includes(w));
}
