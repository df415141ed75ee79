import type { HoursLine } from '$lib/booking/hours';

/** How citizens reach Borgerservice, as every page's contact block shows it. */
export interface Contact {
	phone: string;
	email: string;
	hours: HoursLine[];
}
