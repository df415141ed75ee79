import { sqliteBuilders } from './builders';
import { defineSchema } from './tables';

/** SQLite's tables (drizzle-kit reads this file for SQLite's migrations); pg.ts has PostgreSQL's. */
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
	caseMessages,
	consents,
	uploads,
	uploadContents,
	contactEvents,
	auditLog,
	proxyLog,
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
	contactCounts,
	helpFacts,
	startFacts,
	journeyCounts,
	formPageCounts,
	feedback
} = defineSchema(sqliteBuilders);

export * from './enums';

export type Citizen = typeof citizens.$inferSelect;
export type StaffUser = typeof staffUsers.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type HelpCode = typeof helpCodes.$inferSelect;
export type Service = typeof services.$inferSelect;
export type FormVersion = typeof formVersions.$inferSelect;
export type Draft = typeof drafts.$inferSelect;
export type Submission = typeof submissions.$inferSelect;
export type CaseMessage = typeof caseMessages.$inferSelect;
export type Consent = typeof consents.$inferSelect;
export type Upload = typeof uploads.$inferSelect;
export type ContactEvent = typeof contactEvents.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;
export type Counter = typeof counters.$inferSelect;
export type AppointmentType = typeof appointmentTypes.$inferSelect;
export type BookingSettings = typeof bookingSettings.$inferSelect;
export type Appointment = typeof appointments.$inferSelect;
export type QueueTicket = typeof queueTickets.$inferSelect;
