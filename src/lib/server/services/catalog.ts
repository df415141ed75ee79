import { and, asc, eq } from 'drizzle-orm';
import type { Lang } from '$lib/i18n';
import { db, first, tables } from '$lib/server/db';
import type { Service } from '$lib/server/db/schema';

export function activeServices(): Promise<Service[]> {
	return db().select().from(tables.services).where(eq(tables.services.active, true)).orderBy(asc(tables.services.sortOrder));
}

export function findService(slug: string): Promise<Service | undefined> {
	return first(
		db()
			.select()
			.from(tables.services)
			.where(and(eq(tables.services.slug, slug), eq(tables.services.active, true)))
			.limit(1)
	);
}

/** The view of a service that pages show, in one language. */
export function serviceView(service: Service, lang: Lang) {
	const texts = service.texts[lang] ?? service.texts.da;
	return {
		slug: service.slug,
		lifeSituation: service.lifeSituation,
		kind: service.kind,
		hasForm: service.kind === 'form' && !!service.formId,
		/** Where a national service leaves for, by name ("borger.dk"): the button says so. */
		externalHost: service.kind === 'national' && service.externalUrl ? new URL(service.externalUrl).hostname.replace(/^www\./, '') : null,
		needsCounterVisit: service.needsCounterVisit,
		selfServiceMandatory: service.selfServiceMandatory,
		estimatedMinutes: service.estimatedMinutes,
		...texts
	};
}
export type ServiceView = ReturnType<typeof serviceView>;
