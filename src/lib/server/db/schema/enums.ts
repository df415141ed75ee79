/** The values and JSON shapes the tables use, without any database: shared by both dialects. */

export const staffRoles = ['staff', 'ambassador', 'manager', 'admin', 'editor'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const serviceKinds = ['form', 'national', 'booking', 'information'] as const;
export type ServiceKind = (typeof serviceKinds)[number];

/** MitID's levels of assurance, lowest first. */
export const loaLevels = ['low', 'substantial', 'high'] as const;
export type LoaLevel = (typeof loaLevels)[number];

export const lifeSituations = ['moving', 'family', 'id_travel', 'health', 'pension', 'help'] as const;
export type LifeSituation = (typeof lifeSituations)[number];

export interface ServiceTexts {
	title: string;
	summary: string;
	description: string;
	/** What the citizen should have ready, one item a line. */
	youNeed: string[];
	/** Words a citizen might search for that are not in the title. */
	keywords: string[];
	/** How long the municipality expects to take, as the service page says it. */
	processingTime?: string;
}

export const channels = ['digital', 'phone', 'counter', 'written'] as const;
export type Channel = (typeof channels)[number];
/** `proxy`: a citizen acting for another under a power of attorney (Digital Fuldmagt). */
export const assistances = ['none', 'guided', 'on_behalf', 'proxy'] as const;
export type Assistance = (typeof assistances)[number];

/** `awaiting_citizen`: staff asked the citizen for information, and the answer has not come. */
export const submissionStatuses = ['received', 'in_progress', 'awaiting_citizen', 'done'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

export const decisions = ['granted', 'refused'] as const;
export type Decision = (typeof decisions)[number];

/** Where a service's submissions go: staff's inbox, the case system's webhook, a department's mailbox. */
export const deliveryModes = ['inbox', 'webhook', 'email'] as const;
export type DeliveryMode = (typeof deliveryModes)[number];

/** The other parent's answer to a child's passport. */
export const consentStates = ['pending', 'given', 'declined'] as const;
export type ConsentState = (typeof consentStates)[number];

export const contactKinds = ['transaction', 'information'] as const;
export type ContactKind = (typeof contactKinds)[number];

/**
 * What happened. `form_started` is not a contact of its own: it is kept so that reports can
 * compute the completion rate (started vs submitted) and digital drop-out.
 */
export const contactEventTypes = [
	'form_started',
	'form_submitted',
	'appointment_booked',
	'appointment_moved',
	'appointment_cancelled',
	'registered',
	/** A helper showed someone how to help themselves, and no transaction came of it. */
	'helped',
	/** Starting a national self-service solution (borger.dk, lifeindenmark.dk) from the portal. */
	'referred_national',
	/** Staff wrote to the citizen on a case (a request for information, a decision). */
	'case_message',
	/** The citizen answered on a case. */
	'case_answer'
] as const;
export type ContactEventType = (typeof contactEventTypes)[number];

export const auditPurposes = ['casework', 'citizen_enquiry', 'quality_control'] as const;
export type AuditPurpose = (typeof auditPurposes)[number];

/**
 * How a message travels: `webhook` to a case system, `digital_post` to the citizen's Digital Post
 * (MeMo), `print` a letter on paper for a citizen exempt from Digital Post.
 */
export const outboxChannels = ['email', 'sms', 'webhook', 'digital_post', 'print'] as const;
export type OutboxChannel = (typeof outboxChannels)[number];

/** `skipped`: no longer true when it came due (a reminder for a cancelled or past appointment). */
export const outboxStatuses = ['pending', 'sent', 'failed', 'skipped'] as const;

/** What a message is about: appointment messages are checked again when they come due. */
export const outboxKinds = [
	'receipt',
	'appointment_confirmation',
	'appointment_reminder',
	'appointment_moved',
	'appointment_cancelled',
	/** A staff account's set-up link: its body is a key, never shown in the portal. */
	'staff_link',
	/** A submission on its way to the case system or a department's mailbox. */
	'delivery',
	/** A case's new status or decision, told to the citizen. */
	'case_update',
	'info_request',
	'info_reminder',
	'consent_request',
	'fee_letter'
] as const;
export type OutboxKind = (typeof outboxKinds)[number];

export interface OutboxAttachment {
	filename: string;
	contentType: string;
	content: string;
	/** `base64` for binary content (a PDF); text otherwise. */
	encoding?: 'base64';
}

export interface AppointmentTypeTexts {
	title: string;
	/** What to bring to the counter, one item a line. */
	bring: string[];
}

export const appointmentStatuses = ['booked', 'checked_in', 'called', 'done', 'no_show', 'cancelled'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

export const ticketStatuses = ['waiting', 'called', 'done', 'left'] as const;

export const visitKinds = ['appointment', 'walk_in'] as const;
export const visitOutcomes = ['open', 'done', 'no_show', 'cancelled'] as const;

/** `digital_post`: exempt from Digital Post, which since 2023 gives the right to the alternative without assessment. */
export const exemptionReasons = ['disability', 'digital_skills', 'language', 'no_mitid', 'social', 'digital_post'] as const;
export type ExemptionReason = (typeof exemptionReasons)[number];

/**
 * How a digital submission reaches its case, as far as cost goes: delivered into the case
 * system (webhook), to a department's mailbox, or read and typed in from the inbox.
 */
export const costDeliveryModes = ['case_system', 'email', 'inbox'] as const;
export type CostDeliveryMode = (typeof costDeliveryModes)[number];

/** Where "Hvordan gik det?" is asked. */
export const feedbackTouchpoints = ['receipt', 'booking', 'kiosk'] as const;
export type FeedbackTouchpoint = (typeof feedbackTouchpoints)[number];
