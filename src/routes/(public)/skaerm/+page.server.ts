import { waitingScreen } from '$lib/server/booking/counter';
import { appointmentTypes, counters } from '$lib/server/booking/setup';
import type { PageServerLoad } from './$types';

/** Public, on a TV in the waiting room: numbers and times only, never a name. */
export const load: PageServerLoad = async ({ locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const lang = locals.lang;
	const titles = new Map((await appointmentTypes()).map((t) => [t.slug, t.texts[lang].title]));
	const names = new Map((await counters()).map((c) => [c.id, c.names[lang]]));
	const screen = await waitingScreen();
	return {
		calling: screen.calling.map((c) => ({ label: c.label, start: c.start, type: titles.get(c.typeSlug) ?? '', counter: names.get(c.counterId) ?? '' })),
		due: screen.due.map((d) => ({ start: d.start, type: titles.get(d.typeSlug) ?? '', counter: names.get(d.counterId) ?? '', checkedIn: d.status === 'checked_in' }))
	};
};
