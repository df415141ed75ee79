import { lifeSituations } from '$lib/server/db/schema';
import { matches } from '$lib/search';
import { feedbackToken } from '$lib/server/feedback';
import { activeServices, serviceView } from '$lib/server/services/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const query = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const all = await activeServices();
	// Found by its words in either language: a Danish word on the English page finds it too.
	const haystack = (s: (typeof all)[number]) => Object.values(s.texts).flatMap((x) => [x.title, x.summary, x.description, ...x.keywords]);
	const found = (query ? all.filter((s) => matches(query, haystack(s))) : all).map((s) => serviceView(s, locals.lang));
	return {
		query,
		loggedOut: url.searchParams.get('logget-ud') === 'inaktiv' ? ('idle' as const) : url.searchParams.has('logget-ud'),
		// The kiosk asks the citizen who just signed out (not one who walked away and timed out).
		feedback: locals.kiosk && url.searchParams.get('logget-ud') === '1' ? feedbackToken({ touchpoint: 'kiosk', serviceSlug: null, channel: 'digital', assistance: 'none' }) : null,
		groups: lifeSituations
			.map((situation) => ({ situation, services: found.filter((s) => s.lifeSituation === situation) }))
			.filter((g) => g.services.length > 0),
		resultCount: found.length
	};
};
