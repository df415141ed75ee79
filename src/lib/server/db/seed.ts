import { eq } from 'drizzle-orm';
import da from '$lib/i18n/locales/da.json';
import en from '$lib/i18n/locales/en.json';
import { formDefinitions } from '$lib/forms/definitions';
import { seedDemoData } from '$lib/server/config';
import { hashPassword } from '$lib/server/auth/password';
import { generateId } from '$lib/server/forms/reference';
import { db, tables } from '.';
import type { LifeSituation, ServiceTexts, StaffRole } from './schema';

interface ServiceSeed {
	slug: string;
	lifeSituation: LifeSituation;
	selfServiceMandatory: boolean;
	needsCounterVisit: boolean;
	estimatedMinutes: number;
}

const serviceSeeds: ServiceSeed[] = [
	{ slug: 'anmeld-flytning', lifeSituation: 'moving', selfServiceMandatory: true, needsCounterVisit: false, estimatedMinutes: 10 },
	{ slug: 'opskrivning-dagtilbud', lifeSituation: 'family', selfServiceMandatory: true, needsCounterVisit: false, estimatedMinutes: 10 },
	{ slug: 'ansoeg-om-pas', lifeSituation: 'id_travel', selfServiceMandatory: false, needsCounterVisit: true, estimatedMinutes: 10 },
	{ slug: 'fornyelse-koerekort', lifeSituation: 'id_travel', selfServiceMandatory: false, needsCounterVisit: true, estimatedMinutes: 15 },
	{ slug: 'nyt-sundhedskort', lifeSituation: 'health', selfServiceMandatory: true, needsCounterVisit: false, estimatedMinutes: 5 }
];

/** Demo staff, one per role; the README lists them. Never created in production mode. */
export const demoStaff: { username: string; displayName: string; role: StaffRole; unit: string }[] = [
	{ username: 'medarbejder', displayName: 'Mette Medarbejder', role: 'staff', unit: 'Borgerservice' },
	{ username: 'ambassador', displayName: 'Ali Ambassadør', role: 'ambassador', unit: 'Biblioteket' },
	{ username: 'leder', displayName: 'Lone Leder', role: 'manager', unit: 'Borgerservice' },
	{ username: 'admin', displayName: 'Adam Administrator', role: 'admin', unit: 'Digitalisering' }
];
export const DEMO_PASSWORD = 'indgang-demo-2026';

function textsFor(slug: string): Record<'da' | 'en', ServiceTexts> {
	const pick = (locale: { services: Record<string, ServiceTexts> }) => locale.services[slug];
	return { da: pick(da as never), en: pick(en as never) };
}

/** Idempotent: runs at every start, adds what is missing and leaves edited rows alone. */
export async function seed(): Promise<void> {
	const formByService = new Map(Object.values(formDefinitions).map((f) => [f.serviceSlug, f.id]));
	db().transaction((tx) => {
		serviceSeeds.forEach((s, i) => {
			tx.insert(tables.services)
				.values({
					...s,
					texts: textsFor(s.slug),
					formId: formByService.get(s.slug) ?? null,
					targetDigitalShare: s.selfServiceMandatory ? 0.8 : 0.5,
					sortOrder: i
				})
				.onConflictDoNothing()
				.run();
		});
	});
	if (!seedDemoData()) return;
	for (const s of demoStaff) {
		const exists = db().select({ id: tables.staffUsers.id }).from(tables.staffUsers).where(eq(tables.staffUsers.username, s.username)).get();
		if (exists) continue;
		db().insert(tables.staffUsers)
			.values({ id: generateId(), ...s, passwordHash: await hashPassword(DEMO_PASSWORD), active: true, createdAt: new Date() })
			.onConflictDoNothing()
			.run();
	}
}
