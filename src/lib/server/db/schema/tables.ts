import { sql } from 'drizzle-orm';
import type { Answers, FormDocument } from '$lib/forms/types';
import type { Builders } from './builders';
import {
	appointmentStatuses,
	assistances,
	auditPurposes,
	channels,
	consentStates,
	decisions,
	contactEventTypes,
	contactKinds,
	costDeliveryModes,
	exemptionReasons,
	feedbackTouchpoints,
	lifeSituations,
	loaLevels,
	outboxChannels,
	outboxKinds,
	serviceKinds,
	outboxStatuses,
	staffRoles,
	submissionStatuses,
	ticketStatuses,
	visitKinds,
	visitOutcomes,
	type AppointmentTypeTexts,
	type DeliveryMode,
	type OutboxAttachment,
	type ServiceTexts
} from './enums';

/** Every table, written once; builders.ts makes it SQLite's or PostgreSQL's. */
export function defineSchema(b: Builders) {
	const { table, text, int, real, bool, time, json, bytes, serial, index, uniqueIndex, primaryKey } = b;

	// --- People and sessions -------------------------------------------------------------

	const citizens = table('citizens', {
		id: text('id').primaryKey(),
		/** Kept only to look the citizen up in the person register; never leaves the server. */
		cpr: text('cpr').notNull().unique(),
		name: text('name'),
		email: text('email'),
		createdAt: time('created_at').notNull(),
		lastLoginAt: time('last_login_at')
	});

	const staffUsers = table('staff_users', {
		id: text('id').primaryKey(),
		username: text('username').notNull().unique(),
		/** Empty until the account's set-up link is used, and for accounts that sign in by SSO only. */
		passwordHash: text('password_hash').notNull(),
		displayName: text('display_name').notNull(),
		role: text('role', { enum: staffRoles }).notNull(),
		unit: text('unit').notNull(),
		/** Where the account's set-up link is sent. */
		email: text('email'),
		/** For an editor: the services whose forms they may edit. */
		editableServices: json('editable_services').$type<string[]>(),
		active: bool('active').notNull().default(true),
		createdAt: time('created_at').notNull(),
		lastLoginAt: time('last_login_at'),
		/** The second factor of a local password: an RFC 6238 key. */
		totpKey: bytes('totp_key'),
		/** The identity provider's subject (issuer and sub), once the account has signed in by SSO. */
		ssoSubject: text('sso_subject').unique()
	});

	/** A one-time link that sets an account's password and second factor: for a new account, or a lost one. */
	const staffSetupLinks = table(
		'staff_setup_links',
		{
			/** sha256(token), hex, as for sessions. */
			id: text('id').primaryKey(),
			staffId: text('staff_id')
				.notNull()
				.references(() => staffUsers.id, { onDelete: 'cascade' }),
			/** The second factor's key offered on the link's page, kept until the link is used. */
			totpKey: bytes('totp_key').notNull(),
			createdAt: time('created_at').notNull(),
			expiresAt: time('expires_at').notNull(),
			usedAt: time('used_at')
		},
		(t) => [index('staff_setup_links_staff_idx').on(t.staffId)]
	);

	/**
	 * The app's time steps each account has used: a code is good once (the primary key says so,
	 * however many sign-ins use it at once), and the steps around now stay usable, so that
	 * colleagues signing one shared demo account in within the same 30 seconds do not block
	 * each other. Steps older than the skew are purged.
	 */
	const staffTotpSteps = table(
		'staff_totp_steps',
		{
			staffId: text('staff_id')
				.notNull()
				.references(() => staffUsers.id, { onDelete: 'cascade' }),
			step: int('step').notNull(),
			usedAt: time('used_at').notNull()
		},
		(t) => [primaryKey({ columns: [t.staffId, t.step] })]
	);

	/** One-time codes for a lost authenticator; only their hashes are kept. */
	const staffRecoveryCodes = table(
		'staff_recovery_codes',
		{
			codeHash: text('code_hash').primaryKey(),
			staffId: text('staff_id')
				.notNull()
				.references(() => staffUsers.id, { onDelete: 'cascade' }),
			usedAt: time('used_at')
		},
		(t) => [index('staff_recovery_codes_staff_idx').on(t.staffId)]
	);

	const sessions = table(
		'sessions',
		{
			/** sha256(token), hex: a stolen database cannot be replayed as cookies. */
			id: text('id').primaryKey(),
			kind: text('kind', { enum: ['citizen', 'staff'] }).notNull(),
			citizenId: text('citizen_id').references(() => citizens.id, { onDelete: 'cascade' }),
			staffId: text('staff_id').references(() => staffUsers.id, { onDelete: 'cascade' }),
			loa: text('loa', { enum: loaLevels }).notNull(),
			provider: text('provider').notNull(),
			createdAt: time('created_at').notNull(),
			expiresAt: time('expires_at').notNull(),
			/** A shared device at Borgerservice: a short idle limit, and nothing left behind. */
			kiosk: bool('kiosk').notNull().default(false),
			/** A staff password was right, the second factor is still to come: the session grants nothing yet. */
			awaitingSecondFactor: bool('awaiting_second_factor').notNull().default(false),
			/**
			 * Medbetjening: the citizen a staff member serves in this session. Kept on the session
			 * so that one staff session serves one citizen at a time.
			 */
			assistedCitizenId: text('assisted_citizen_id').references(() => citizens.id, { onDelete: 'set null' }),
			assistedChannel: text('assisted_channel', { enum: ['phone', 'counter'] }),
			/** The service the citizen came about, or null for general help. */
			assistedService: text('assisted_service'),
			assistedActiveAt: time('assisted_active_at'),
			/**
			 * Digital Fuldmagt: the signed-in citizen acts for the citizen who gave them a power of
			 * attorney: its reference and the services it covers, as the lookup gave them.
			 */
			actingForCitizenId: text('acting_for_citizen_id').references(() => citizens.id, { onDelete: 'set null' }),
			actingReference: text('acting_reference'),
			actingServices: json('acting_services').$type<string[]>(),
			/** Hjælp til selvhjælp: the citizen entered a helper's code; only the helper's role is kept. */
			guideRole: text('guide_role', { enum: staffRoles }),
			guideUnit: text('guide_unit'),
			guideUntil: time('guide_until')
		},
		(t) => [index('sessions_expires_idx').on(t.expiresAt)]
	);

	/** A short one-time code a helper shows a citizen, so the citizen's own session records guided help. */
	const helpCodes = table(
		'help_codes',
		{
			id: serial('id'),
			code: text('code').notNull(),
			staffId: text('staff_id')
				.notNull()
				.references(() => staffUsers.id, { onDelete: 'cascade' }),
			staffRole: text('staff_role', { enum: staffRoles }).notNull(),
			staffUnit: text('staff_unit'),
			createdAt: time('created_at').notNull(),
			expiresAt: time('expires_at').notNull(),
			usedAt: time('used_at')
		},
		(t) => [index('help_codes_code_idx').on(t.code, t.expiresAt)]
	);

	// --- The catalogue -------------------------------------------------------------------

	const services = table('services', {
		slug: text('slug').primaryKey(),
		lifeSituation: text('life_situation', { enum: lifeSituations }).notNull(),
		/** Per language; seeded from the locale files, editable by an administrator later. */
		texts: json('texts').$type<Record<'da' | 'en', ServiceTexts>>().notNull(),
		/** form: a form of this portal; national: a national solution's URL; booking; information. */
		kind: text('kind', { enum: serviceKinds }).notNull().default('information'),
		formId: text('form_id'),
		/** For a national service: where starting it leaves for. */
		externalUrl: text('external_url'),
		/** KL's journal plan number (KLE), e.g. 23.05.00: what case systems file by. */
		kle: text('kle'),
		/** The lowest MitID assurance level the service accepts. */
		minLoa: text('min_loa', { enum: loaLevels }).notNull().default('substantial'),
		selfServiceMandatory: bool('self_service_mandatory').notNull(),
		needsCounterVisit: bool('needs_counter_visit').notNull(),
		estimatedMinutes: int('estimated_minutes').notNull(),
		sortOrder: int('sort_order').notNull().default(0),
		active: bool('active').notNull().default(true),
		/** Where its submissions go, one or more of inbox, webhook, email. */
		deliveries: json('deliveries').$type<DeliveryMode[]>().notNull().default(sql`'["inbox"]'`),
		/** The case system's HTTPS endpoint, for the webhook delivery. */
		webhookUrl: text('webhook_url'),
		/** The department's mailbox, for the e-mail delivery. */
		deliveryEmail: text('delivery_email')
	});

	// --- Forms ---------------------------------------------------------------------------

	/** A form as the builder knows it; its content is in its versions. */
	const forms = table('forms', {
		id: text('id').primaryKey(),
		createdAt: time('created_at').notNull()
	});

	/**
	 * One version of a form's document. A form has at most one draft version, which is edited
	 * (each save raises `revision`, so that a save made on an older revision is refused);
	 * publishing makes a version immutable. A citizen's draft keeps the version it began with.
	 */
	const formVersions = table(
		'form_versions',
		{
			formId: text('form_id')
				.notNull()
				.references(() => forms.id, { onDelete: 'cascade' }),
			version: int('version').notNull(),
			status: text('status', { enum: ['draft', 'published'] }).notNull(),
			definition: json('definition').$type<FormDocument>().notNull(),
			revision: int('revision').notNull(),
			updatedAt: time('updated_at').notNull(),
			updatedBy: text('updated_by').references(() => staffUsers.id),
			publishedAt: time('published_at'),
			publishedBy: text('published_by').references(() => staffUsers.id)
		},
		(t) => [primaryKey({ columns: [t.formId, t.version] })]
	);

	/** Who changed the catalogue, a form or the booking set-up, and what: no citizen data. */
	const changeLog = table(
		'change_log',
		{
			id: serial('id'),
			at: time('at').notNull(),
			staffId: text('staff_id').references(() => staffUsers.id),
			objectType: text('object_type').notNull(),
			objectId: text('object_id').notNull(),
			action: text('action').notNull(),
			detail: json('detail').$type<Record<string, unknown>>()
		},
		(t) => [index('change_log_object_idx').on(t.objectType, t.objectId, t.at)]
	);

	const drafts = table(
		'drafts',
		{
			id: text('id').primaryKey(),
			citizenId: text('citizen_id')
				.notNull()
				.references(() => citizens.id, { onDelete: 'cascade' }),
			formId: text('form_id').notNull(),
			formVersion: int('form_version').notNull(),
			serviceSlug: text('service_slug').notNull(),
			answers: json('answers').$type<Answers>().notNull(),
			/** The staff member operating the portal for the citizen (medbetjening), if any. */
			operatorStaffId: text('operator_staff_id').references(() => staffUsers.id),
			/** The citizen acting under a power of attorney, and the power's reference, if any. */
			proxyCitizenId: text('proxy_citizen_id').references(() => citizens.id, { onDelete: 'set null' }),
			proxyReference: text('proxy_reference'),
			channel: text('channel', { enum: channels }).notNull(),
			assistance: text('assistance', { enum: assistances }).notNull(),
			createdAt: time('created_at').notNull(),
			updatedAt: time('updated_at').notNull(),
			expiresAt: time('expires_at').notNull(),
			/** The funnel: the pages this draft has reached, and the one seen last, counted in the month it began. */
			pagesSeen: json('pages_seen').$type<string[]>(),
			lastPage: text('last_page')
		},
		(t) => [index('drafts_citizen_idx').on(t.citizenId), index('drafts_expires_idx').on(t.expiresAt)]
	);

	const submissions = table(
		'submissions',
		{
			id: text('id').primaryKey(),
			reference: text('reference').notNull().unique(),
			/** A resent submit carries the same key and so finds the first submission. */
			idempotencyKey: text('idempotency_key').notNull().unique(),
			formId: text('form_id').notNull(),
			formVersion: int('form_version').notNull(),
			serviceSlug: text('service_slug').notNull(),
			citizenId: text('citizen_id')
				.notNull()
				.references(() => citizens.id),
			operatorStaffId: text('operator_staff_id').references(() => staffUsers.id),
			proxyCitizenId: text('proxy_citizen_id').references(() => citizens.id, { onDelete: 'set null' }),
			proxyReference: text('proxy_reference'),
			channel: text('channel', { enum: channels }).notNull(),
			assistance: text('assistance', { enum: assistances }).notNull(),
			answers: json('answers').$type<Answers>().notNull(),
			lang: text('lang', { enum: ['da', 'en'] }).notNull(),
			status: text('status', { enum: submissionStatuses }).notNull(),
			createdAt: time('created_at').notNull(),
			statusChangedAt: time('status_changed_at').notNull(),
			decision: text('decision', { enum: decisions }),
			decisionReason: text('decision_reason'),
			/** The citizen answered a request for information since staff last looked. */
			answeredAt: time('answered_at')
		},
		(t) => [index('submissions_citizen_idx').on(t.citizenId), index('submissions_service_idx').on(t.serviceSlug, t.createdAt)]
	);

	const uploads = table(
		'uploads',
		{
			id: text('id').primaryKey(),
			citizenId: text('citizen_id')
				.notNull()
				.references(() => citizens.id, { onDelete: 'cascade' }),
			draftId: text('draft_id'),
			submissionId: text('submission_id'),
			/** A file the citizen sent with an answer on the case. */
			messageId: text('message_id'),
			questionId: text('question_id').notNull(),
			fileName: text('file_name').notNull(),
			mimeType: text('mime_type').notNull(),
			size: int('size').notNull(),
			createdAt: time('created_at').notNull()
		},
		(t) => [index('uploads_draft_idx').on(t.draftId), index('uploads_submission_idx').on(t.submissionId)]
	);

	/**
	 * An upload's bytes, in the database rather than under DATA_DIR: every instance on every
	 * machine reads them, a backup of the database holds them, and they go with their row.
	 * A table of their own, so that listing uploads never reads them.
	 */
	const uploadContents = table('upload_contents', {
		uploadId: text('upload_id')
			.primaryKey()
			.references(() => uploads.id, { onDelete: 'cascade' }),
		content: bytes('content').notNull()
	});

	/**
	 * The dialogue on a case: staff ask for information (with a due date and the documents asked
	 * for), the citizen answers; each answer's files are uploads with the message's id.
	 */
	const caseMessages = table(
		'case_messages',
		{
			id: text('id').primaryKey(),
			submissionId: text('submission_id')
				.notNull()
				.references(() => submissions.id, { onDelete: 'cascade' }),
			at: time('at').notNull(),
			author: text('author', { enum: ['staff', 'citizen'] }).notNull(),
			staffId: text('staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
			/** Staff's unit or the operator's, for the citizen's eyes (never a name). */
			unit: text('unit'),
			text: text('text').notNull(),
			/** A request: when the answer is due, and what documents are asked for. */
			dueAt: time('due_at'),
			documents: json('documents').$type<string[]>(),
			/** A citizen's answer: which request it answers. */
			answersId: text('answers_id'),
			/** A request: when its answer came. */
			answeredAt: time('answered_at')
		},
		(t) => [index('case_messages_submission_idx').on(t.submissionId, t.at), index('case_messages_due_idx').on(t.dueAt)]
	);

	/** A child's passport: the other parent's consent, asked for in their own Digital Post. */
	const consents = table(
		'consents',
		{
			id: text('id').primaryKey(),
			submissionId: text('submission_id')
				.notNull()
				.unique()
				.references(() => submissions.id, { onDelete: 'cascade' }),
			/** The other parent, by register id: only they may answer. */
			parentCpr: text('parent_cpr').notNull(),
			parentName: text('parent_name').notNull(),
			childName: text('child_name').notNull(),
			state: text('state', { enum: consentStates }).notNull(),
			createdAt: time('created_at').notNull(),
			answeredAt: time('answered_at')
		},
		(t) => [index('consents_parent_idx').on(t.parentCpr)]
	);

	// --- Contact events ------------------------------------------------------------------

	/** Holds no personal data, so it outlives the purging of drafts and submissions. */
	const contactEvents = table(
		'contact_events',
		{
			id: serial('id'),
			occurredAt: time('occurred_at').notNull(),
			event: text('event', { enum: contactEventTypes }).notNull(),
			channel: text('channel', { enum: channels }).notNull(),
			assistance: text('assistance', { enum: assistances }).notNull(),
			kind: text('kind', { enum: contactKinds }).notNull(),
			serviceSlug: text('service_slug').notNull(),
			staffRole: text('staff_role', { enum: staffRoles }),
			/** The helper's or operator's unit (a library, Borgerservice), never who. */
			staffUnit: text('staff_unit'),
			/** A digital submission's way to its case (costDeliveryModes), for its cost. */
			delivery: text('delivery', { enum: costDeliveryModes }),
			/** Keyed hash of the CPR number: follows a journey without saying whose. */
			citizenKey: text('citizen_key'),
			/** Registered by staff: the contact could have been handled by the digital solution. */
			couldBeDigital: bool('could_be_digital'),
			/** Registered by staff: the citizen was referred to the digital solution. */
			referredToDigital: bool('referred_to_digital')
		},
		(t) => [
			index('contact_events_service_time_idx').on(t.serviceSlug, t.occurredAt),
			// The journey figures follow one citizen key through time without reading table rows.
			index('contact_events_citizen_idx').on(t.citizenKey, t.occurredAt, t.serviceSlug, t.channel, t.assistance, t.kind, t.event),
			index('contact_events_helped_idx')
				.on(t.occurredAt, t.serviceSlug, t.citizenKey)
				.where(sql`assistance <> 'none' AND event <> 'form_started' AND citizen_key IS NOT NULL`),
			index('contact_events_started_idx')
				.on(t.occurredAt, t.serviceSlug, t.citizenKey)
				.where(sql`event = 'form_started' AND channel = 'digital' AND citizen_key IS NOT NULL`),
			index('contact_events_started_key_idx')
				.on(t.citizenKey, t.serviceSlug, t.occurredAt)
				.where(sql`event = 'form_started' AND channel = 'digital'`),
			index('contact_events_submitted_key_idx').on(t.citizenKey, t.serviceSlug, t.occurredAt).where(sql`event = 'form_submitted'`),
			index('contact_events_manual_keyed_idx')
				.on(t.occurredAt, t.serviceSlug, t.citizenKey, t.channel)
				.where(sql`channel IN ('phone', 'counter') AND citizen_key IS NOT NULL`)
		]
	);

	// --- Audit log -----------------------------------------------------------------------

	/** Every staff read or write of a citizen's data; the citizen may see it (role and unit, not name). */
	const auditLog = table(
		'audit_log',
		{
			id: serial('id'),
			at: time('at').notNull(),
			staffId: text('staff_id')
				.notNull()
				.references(() => staffUsers.id),
			staffRole: text('staff_role', { enum: staffRoles }).notNull(),
			staffUnit: text('staff_unit').notNull(),
			citizenId: text('citizen_id')
				.notNull()
				.references(() => citizens.id, { onDelete: 'cascade' }),
			action: text('action', { enum: ['view', 'update'] }).notNull(),
			objectType: text('object_type').notNull(),
			objectId: text('object_id').notNull(),
			purpose: text('purpose', { enum: auditPurposes }).notNull()
		},
		(t) => [index('audit_citizen_idx').on(t.citizenId, t.at)]
	);

	/** What a citizen did under another's power of attorney: the giver reads it in Mine sager. */
	const proxyLog = table(
		'proxy_log',
		{
			id: serial('id'),
			at: time('at').notNull(),
			giverCitizenId: text('giver_citizen_id')
				.notNull()
				.references(() => citizens.id, { onDelete: 'cascade' }),
			actorName: text('actor_name').notNull(),
			reference: text('reference').notNull(),
			action: text('action', { enum: ['view', 'update'] }).notNull(),
			objectType: text('object_type').notNull(),
			objectId: text('object_id').notNull()
		},
		(t) => [index('proxy_log_giver_idx').on(t.giverCitizenId, t.at)]
	);

	// --- Outbox --------------------------------------------------------------------------

	const outbox = table(
		'outbox',
		{
			id: serial('id'),
			channel: text('channel', { enum: outboxChannels }).notNull(),
			/** Unique, so a message for the same thing is queued once however often we ask. */
			dedupeKey: text('dedupe_key').notNull().unique(),
			recipient: text('recipient').notNull(),
			subject: text('subject').notNull(),
			body: text('body').notNull(),
			status: text('status', { enum: outboxStatuses }).notNull(),
			attempts: int('attempts').notNull().default(0),
			maxAttempts: int('max_attempts').notNull().default(5),
			lastError: text('last_error'),
			/** Where the embedded transport wrote the message (.eml), relative to DATA_DIR. */
			filePath: text('file_path'),
			submissionId: text('submission_id'),
			kind: text('kind', { enum: outboxKinds }),
			appointmentId: text('appointment_id'),
			/** The appointment as it was when queued: a message about an older version is not sent. */
			appointmentSequence: int('appointment_sequence'),
			attachments: json('attachments').$type<OutboxAttachment[]>(),
			createdAt: time('created_at').notNull(),
			nextAttemptAt: time('next_attempt_at').notNull(),
			sentAt: time('sent_at'),
			/** Taken by one instance until then to send it; an instance that died lets its lease run out. */
			leaseUntil: time('lease_until'),
			leasedBy: text('leased_by'),
			/** What the receiver answered: a case system's journal number. */
			receipt: text('receipt'),
			/** A letter's language, for the PDF made when it is sent. */
			lang: text('lang', { enum: ['da', 'en'] })
		},
		(t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt)]
	);

	// --- Shared state of all instances ------------------------------------------------------

	/**
	 * Scheduled work (reminders, purges): run once per period by whichever instance takes the
	 * lease, and taken over when that instance dies before it gives it back.
	 */
	const jobLeases = table('job_leases', {
		name: text('name').primaryKey(),
		leaseUntil: time('lease_until'),
		leasedBy: text('leased_by'),
		lastRunAt: time('last_run_at')
	});

	/**
	 * Counters in fixed windows (wrong passwords, wrong help codes, a double tap): the same for
	 * every instance, and gone with the window.
	 */
	const rateLimits = table(
		'rate_limits',
		{
			key: text('key').primaryKey(),
			count: int('count').notNull(),
			resetAt: time('reset_at').notNull()
		},
		(t) => [index('rate_limits_reset_idx').on(t.resetAt)]
	);

	// --- Booking -------------------------------------------------------------------------

	const counters = table('counters', {
		id: text('id').primaryKey(),
		/** Per language: a counter is named on the waiting screen and in the calendar file. */
		names: json('names').$type<Record<'da' | 'en', string>>().notNull(),
		location: text('location').notNull(),
		sortOrder: int('sort_order').notNull().default(0),
		active: bool('active').notNull().default(true)
	});

	const appointmentTypes = table('appointment_types', {
		slug: text('slug').primaryKey(),
		/** The service a booking counts for in the channel figures. */
		serviceSlug: text('service_slug').notNull(),
		durationMinutes: int('duration_minutes').notNull(),
		/** A form that must be submitted before a citizen may book (passport: the passport form). */
		requiredFormId: text('required_form_id'),
		/** Letter on queue tickets, so the waiting room can tell the queues apart. */
		ticketPrefix: text('ticket_prefix').notNull(),
		texts: json('texts').$type<Record<'da' | 'en', AppointmentTypeTexts>>().notNull(),
		sortOrder: int('sort_order').notNull().default(0),
		active: bool('active').notNull().default(true)
	});

	const counterTypes = table(
		'counter_types',
		{
			counterId: text('counter_id')
				.notNull()
				.references(() => counters.id, { onDelete: 'cascade' }),
			typeSlug: text('type_slug')
				.notNull()
				.references(() => appointmentTypes.slug, { onDelete: 'cascade' })
		},
		(t) => [primaryKey({ columns: [t.counterId, t.typeSlug] })]
	);

	/** Minutes of the local day; a weekday may have several ranges (a lunch break). */
	const openingHours = table(
		'opening_hours',
		{
			id: serial('id'),
			counterId: text('counter_id')
				.notNull()
				.references(() => counters.id, { onDelete: 'cascade' }),
			weekday: int('weekday').notNull(),
			opens: int('opens').notNull(),
			closes: int('closes').notNull()
		},
		(t) => [index('opening_hours_counter_idx').on(t.counterId)]
	);

	/** Whole local days (YYYY-MM-DD, inclusive); no counter means the whole Borgerservice. */
	const closures = table('closures', {
		id: serial('id'),
		counterId: text('counter_id').references(() => counters.id, { onDelete: 'cascade' }),
		fromDate: text('from_date').notNull(),
		toDate: text('to_date').notNull(),
		reason: text('reason').notNull()
	});

	/** One row: the booking rules an administrator sets. */
	const bookingSettings = table('booking_settings', {
		id: int('id').primaryKey(),
		minNoticeMinutes: int('min_notice_minutes').notNull(),
		horizonDays: int('horizon_days').notNull(),
		heldBackPerDay: int('held_back_per_day').notNull(),
		reminderHours: int('reminder_hours').notNull()
	});

	const appointments = table(
		'appointments',
		{
			id: text('id').primaryKey(),
			reference: text('reference').notNull().unique(),
			/** From the confirm page: a double click or a resent POST finds the first booking. */
			idempotencyKey: text('idempotency_key').notNull().unique(),
			typeSlug: text('type_slug')
				.notNull()
				.references(() => appointmentTypes.slug),
			counterId: text('counter_id')
				.notNull()
				.references(() => counters.id),
			start: time('start').notNull(),
			end: time('end').notNull(),
			status: text('status', { enum: appointmentStatuses }).notNull(),
			/** Null when staff booked for a caller the portal does not know. */
			citizenId: text('citizen_id').references(() => citizens.id, { onDelete: 'set null' }),
			name: text('name').notNull(),
			email: text('email'),
			phone: text('phone'),
			interpreterLanguage: text('interpreter_language'),
			stepFree: bool('step_free').notNull(),
			extraTime: bool('extra_time').notNull(),
			submissionId: text('submission_id').references(() => submissions.id, { onDelete: 'set null' }),
			channel: text('channel', { enum: channels }).notNull(),
			assistance: text('assistance', { enum: assistances }).notNull(),
			bookedByStaffId: text('booked_by_staff_id').references(() => staffUsers.id),
			/** sha256 of the private link's token: the link works without signing in. */
			manageTokenHash: text('manage_token_hash').notNull().unique(),
			/** Raised on every change, so calendars replace the event instead of adding one. */
			sequence: int('sequence').notNull().default(0),
			lang: text('lang', { enum: ['da', 'en'] }).notNull(),
			createdAt: time('created_at').notNull(),
			updatedAt: time('updated_at').notNull(),
			checkedInAt: time('checked_in_at'),
			calledAt: time('called_at'),
			/** The counter that called the visitor: another of the service's counters may take them. */
			calledCounterId: text('called_counter_id').references(() => counters.id)
		},
		(t) => [
			// The last line of defence against double booking: one active appointment per counter and start.
			uniqueIndex('appointments_active_slot_uq')
				.on(t.counterId, t.start)
				.where(sql`status <> 'cancelled'`),
			index('appointments_counter_time_idx').on(t.counterId, t.start, t.end),
			index('appointments_citizen_idx').on(t.citizenId),
			index('appointments_start_idx').on(t.start)
		]
	);

	/** Walk-ins: a number for a service, called after the booked visitors due. */
	const queueTickets = table(
		'queue_tickets',
		{
			id: text('id').primaryKey(),
			localDate: text('local_date').notNull(),
			number: int('number').notNull(),
			typeSlug: text('type_slug')
				.notNull()
				.references(() => appointmentTypes.slug),
			status: text('status', { enum: ticketStatuses }).notNull(),
			counterId: text('counter_id').references(() => counters.id),
			issuedAt: time('issued_at').notNull(),
			calledAt: time('called_at')
		},
		(t) => [uniqueIndex('queue_tickets_day_number_uq').on(t.localDate, t.number)]
	);

	/**
	 * Figures about visits without personal data (no name, no citizen key): waiting time, no-show
	 * rate and booking lead time survive the purge of appointments.
	 */
	const visitStats = table(
		'visit_stats',
		{
			visitId: text('visit_id').primaryKey(),
			kind: text('kind', { enum: visitKinds }).notNull(),
			typeSlug: text('type_slug').notNull(),
			channel: text('channel', { enum: channels }).notNull(),
			bookedAt: time('booked_at').notNull(),
			start: time('start'),
			checkedInAt: time('checked_in_at'),
			calledAt: time('called_at'),
			outcome: text('outcome', { enum: visitOutcomes }).notNull(),
			staffRole: text('staff_role', { enum: staffRoles }),
			/** The counter that served: booked for an appointment, the caller's for a walk-in. */
			counterId: text('counter_id')
		},
		(t) => [index('visit_stats_booked_idx').on(t.bookedAt), index('visit_stats_start_idx').on(t.start)]
	);

	// --- Reporting -----------------------------------------------------------------------

	/**
	 * Targets per service and year, with history: a change is a new row, the newest row counts.
	 * Without a row, the service's default (80 % where self-service is mandatory, else 50 %).
	 */
	const serviceTargets = table(
		'service_targets',
		{
			id: serial('id'),
			serviceSlug: text('service_slug').notNull(),
			year: int('year').notNull(),
			/** 0..1 */
			share: real('share').notNull(),
			setAt: time('set_at').notNull(),
			setByStaffId: text('set_by_staff_id').references(() => staffUsers.id)
		},
		(t) => [index('service_targets_idx').on(t.serviceSlug, t.year, t.setAt)]
	);

	/** Unit costs per channel from a date, with history: the newest row for a channel and date counts. */
	const unitCosts = table('unit_costs', {
		id: serial('id'),
		channel: text('channel', { enum: channels }).notNull(),
		/** `yyyy-mm-dd`: in force from this day until a later date for the same channel. */
		fromDate: text('from_date').notNull(),
		kr: real('kr').notNull(),
		/** For a digital submission, how it reaches the case: by hand from the inbox costs more than delivered. Null: any. */
		deliveryMode: text('delivery_mode', { enum: costDeliveryModes }),
		/** A default's publication (report.source.*); null for a price someone entered. */
		source: text('source'),
		setAt: time('set_at').notNull(),
		setByStaffId: text('set_by_staff_id').references(() => staffUsers.id)
	});

	/**
	 * A citizen exempt from mandatory digital self-service, for one service or (service null) all.
	 * Kept by the pseudonymous key, so reports can show the exempt group apart without knowing who.
	 */
	const exemptions = table(
		'exemptions',
		{
			id: serial('id'),
			citizenKey: text('citizen_key').notNull(),
			serviceSlug: text('service_slug'),
			reason: text('reason', { enum: exemptionReasons }).notNull(),
			createdAt: time('created_at').notNull(),
			createdByStaffId: text('created_by_staff_id').references(() => staffUsers.id),
			endedAt: time('ended_at')
		},
		(t) => [index('exemptions_citizen_idx').on(t.citizenKey)]
	);

	/**
	 * Contact events counted per Copenhagen month and everything a report groups by, kept in
	 * step with every event recorded: a year's report reads a few thousand rows, not a million.
	 */
	const contactCounts = table(
		'contact_counts',
		{
			month: text('month').notNull(),
			serviceSlug: text('service_slug').notNull(),
			channel: text('channel', { enum: channels }).notNull(),
			assistance: text('assistance', { enum: assistances }).notNull(),
			kind: text('kind', { enum: ['transaction', 'information'] }).notNull(),
			event: text('event').notNull(),
			/** '' where no staff member or helper took part. */
			staffRole: text('staff_role').notNull().default(''),
			staffUnit: text('staff_unit').notNull().default(''),
			couldBeDigital: bool('could_be_digital').notNull().default(false),
			referredToDigital: bool('referred_to_digital').notNull().default(false),
			/** A digital submission's way to the case (costDeliveryModes); '' for every other event. */
			delivery: text('delivery').notNull().default(''),
			count: int('count').notNull()
		},
		(t) => [
			primaryKey({
				name: 'contact_counts_pk',
				columns: [t.month, t.serviceSlug, t.channel, t.assistance, t.kind, t.event, t.staffRole, t.staffUnit, t.couldBeDigital, t.referredToDigital, t.delivery]
			})
		]
	);

	/**
	 * Journey facts, kept in step with the events as the monthly counts are (and counted again
	 * from the events by the same rebuild): the year's report reads these instead of following
	 * every citizen key through the events. Pseudonymous, like the events they come from.
	 *
	 * Graduation: per citizen key, service and month, the first help (guided or on their behalf)
	 * and the first digital self-service transaction at or after it.
	 */
	const helpFacts = table(
		'help_facts',
		{
			citizenKey: text('citizen_key').notNull(),
			serviceSlug: text('service_slug').notNull(),
			month: text('month').notNull(),
			firstAt: time('first_at').notNull(),
			nextSelfAt: time('next_self_at')
		},
		(t) => [primaryKey({ columns: [t.citizenKey, t.serviceSlug, t.month] }), index('help_facts_month_idx').on(t.month, t.serviceSlug, t.citizenKey, t.firstAt, t.nextSelfAt)]
	);

	/**
	 * Digital drop-out: per form started online by a known citizen, the first phone call or
	 * counter visit and the first submission about the same service within the following week.
	 */
	const startFacts = table(
		'start_facts',
		{
			eventId: int('event_id').primaryKey(),
			citizenKey: text('citizen_key').notNull(),
			serviceSlug: text('service_slug').notNull(),
			month: text('month').notNull(),
			startedAt: time('started_at').notNull(),
			manualAt: time('manual_at'),
			submittedAt: time('submitted_at'),
			/** The page the form's draft showed last (the funnel's page id), found by key, service and day: no link to the draft is kept. */
			lastPage: text('last_page')
		},
		(t) => [
			index('start_facts_key_idx').on(t.citizenKey, t.serviceSlug, t.startedAt),
			// The drop-outs by the page last seen: the few started forms that became a call or a visit.
			index('start_facts_dropped_idx')
				.on(t.month, t.serviceSlug, t.lastPage)
				.where(sql`manual_at IS NOT NULL AND submitted_at IS NULL`)
		]
	);

	/** The drop-out figures per month and service, from start_facts: what the report reads. */
	const journeyCounts = table(
		'journey_counts',
		{
			month: text('month').notNull(),
			serviceSlug: text('service_slug').notNull(),
			started: int('started').notNull().default(0),
			droppedOut: int('dropped_out').notNull().default(0)
		},
		(t) => [primaryKey({ columns: [t.month, t.serviceSlug] })]
	);

	/**
	 * The funnel of a service's form, per month the drafts began: how many drafts reached each
	 * page, and how many have it as the last page seen without being submitted. No draft, no one.
	 */
	const formPageCounts = table(
		'form_page_counts',
		{
			month: text('month').notNull(),
			serviceSlug: text('service_slug').notNull(),
			page: text('page').notNull(),
			reached: int('reached').notNull().default(0),
			lastSeen: int('last_seen').notNull().default(0)
		},
		(t) => [primaryKey({ columns: [t.month, t.serviceSlug, t.page] })]
	);

	/**
	 * "Hvordan gik det?": a score and an optional comment, by month, service, channel and
	 * assistance, with nothing that says who. The id is the form's own token: a resent tap
	 * changes the score instead of counting twice.
	 */
	const feedback = table(
		'feedback',
		{
			id: text('id').primaryKey(),
			month: text('month').notNull(),
			touchpoint: text('touchpoint', { enum: feedbackTouchpoints }).notNull(),
			serviceSlug: text('service_slug'),
			channel: text('channel', { enum: channels }).notNull(),
			assistance: text('assistance', { enum: assistances }).notNull(),
			score: int('score').notNull(),
			/** Masked before it is stored: nothing shaped like a CPR number, e-mail or phone number. */
			comment: text('comment')
		},
		(t) => [index('feedback_month_idx').on(t.month, t.serviceSlug)]
	);

	return {
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
	};
}
