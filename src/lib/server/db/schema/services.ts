import { sqliteTable, text, integer, real } from 'drizzle-orm/sqlite-core';

export const lifeSituations = ['moving', 'family', 'id_travel', 'health', 'help'] as const;
export type LifeSituation = (typeof lifeSituations)[number];

export interface ServiceTexts {
	title: string;
	summary: string;
	description: string;
	/** What the citizen should have ready, one item a line. */
	youNeed: string[];
	/** Words a citizen might search for that are not in the title. */
	keywords: string[];
}

export const services = sqliteTable('services', {
	slug: text('slug').primaryKey(),
	lifeSituation: text('life_situation', { enum: lifeSituations }).notNull(),
	/** Per language; seeded from the locale files, editable by an administrator later. */
	texts: text('texts', { mode: 'json' }).$type<Record<'da' | 'en', ServiceTexts>>().notNull(),
	formId: text('form_id'),
	selfServiceMandatory: integer('self_service_mandatory', { mode: 'boolean' }).notNull(),
	needsCounterVisit: integer('needs_counter_visit', { mode: 'boolean' }).notNull(),
	targetDigitalShare: real('target_digital_share').notNull(),
	estimatedMinutes: integer('estimated_minutes').notNull(),
	sortOrder: integer('sort_order').notNull().default(0),
	active: integer('active', { mode: 'boolean' }).notNull().default(true)
});
export type Service = typeof services.$inferSelect;
