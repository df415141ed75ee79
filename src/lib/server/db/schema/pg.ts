import { pgBuilders } from './builders';
import { defineSchema } from './tables';

/** PostgreSQL's tables, from the same definitions as SQLite's (drizzle-kit reads this file for PostgreSQL's migrations). */
export const {
	citizens,
	staffUsers,
	staffSetupLinks,
	staffTotpSteps,
	staffRecoveryCodes,
	sessions,
	helpCodes,
	services,
	forms,
	formVersions,
	changeLog,
	drafts,
	submissions,
	uploads,
	uploadContents,
	contactEvents,
	auditLog,
	outbox,
	jobLeases,
	rateLimits,
	counters,
	appointmentTypes,
	counterTypes,
	openingHours,
	closures,
	bookingSettings,
	appointments,
	queueTickets,
	visitStats,
	serviceTargets,
	unitCosts,
	exemptions,
	contactCounts
} = defineSchema(pgBuilders);
