import { appointmentTypes } from '$lib/server/booking/setup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	types: (await appointmentTypes()).map((t) => ({
		slug: t.slug,
		title: t.texts[locals.lang].title,
		minutes: t.durationMinutes,
		formFirst: !!t.requiredFormId,
		bring: t.texts[locals.lang].bring
	}))
});
