/** How citizens reach Borgerservice, as every page's contact block shows it. */
export interface Contact {
	phone: string;
	email: string;
	/** The opening hours as they read in the page's language: "Mandag–onsdag", "9.00–15.00". */
	hours: { days: string; hours: string }[];
}
