import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * All server settings come from the environment, read lazily so that `vite build`
 * never needs them. Defaults give the embedded demo: a SQLite file under ./data.
 * process.env rather than $env/dynamic/private: the same module then runs under vitest.
 */
const env = process.env;

export function dataDir(): string {
	const dir = path.resolve(env.DATA_DIR || 'data');
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	return dir;
}

/** `postgres://…` runs the portal on PostgreSQL; a file path (or nothing) keeps SQLite. */
export function databaseUrl(): string | undefined {
	return env.DATABASE_URL || undefined;
}

/** SQLite's file: DATABASE_URL as a path, or `DATA_DIR/indgang.db`. */
export function databasePath(): string {
	const url = env.DATABASE_URL || path.join(dataDir(), 'indgang.db');
	return url.startsWith('file:') ? url.slice('file:'.length) : url;
}

export function isProduction(): boolean {
	return env.NODE_ENV === 'production';
}

/** Demo data (test persons, demo staff passwords) is never seeded in production mode. */
export function seedDemoData(): boolean {
	if (isProduction()) return false;
	return env.SEED_DEMO_DATA !== 'false';
}

/** A year of demo contact events for the reports; unit tests that do not want them say false. */
export function seedDemoContacts(): boolean {
	return seedDemoData() && env.SEED_DEMO_CONTACTS !== 'false';
}

function positive(value: string | undefined, fallback: number): number {
	const n = Number(value);
	return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** A kiosk signs the citizen out after this much quiet (a minute's warning comes first). */
export function kioskIdleSeconds(): number {
	// A minute at least: a warning needs time to be read and answered.
	return Math.max(60, positive(env.KIOSK_IDLE_SECONDS, 180));
}

/** Staff are signed out after this much quiet, with a minute's warning (WCAG 2.2.1). */
export function staffIdleSeconds(): number {
	return Math.max(60, positive(env.STAFF_IDLE_SECONDS, 30 * 60));
}

/** How long a staff account's set-up link works. */
export function staffLinkHours(): number {
	return positive(env.STAFF_LINK_HOURS, 72);
}

/** Serving a citizen (medbetjening) ends by itself after this much quiet at the counter. */
export function servingIdleSeconds(): number {
	return Math.max(60, positive(env.SERVING_IDLE_SECONDS, 15 * 60));
}

/**
 * How often each instance looks for background work (the outbox, and whether a scheduled job
 * is due), and how often the reminders are looked for across all instances together.
 */
export function jobTickSeconds(): number {
	return positive(env.JOB_TICK_SECONDS, 15);
}
/** How long an instance holds a message it is sending; a dead instance's messages go to another after it. At least 15 s: longer than a send may take. */
export function outboxLeaseSeconds(): number {
	return Math.max(15, positive(env.OUTBOX_LEASE_SECONDS, 120));
}
export function reminderIntervalSeconds(): number {
	return positive(env.REMINDER_INTERVAL_SECONDS, 60);
}

/** The bearer token a Prometheus scraper sends to /metrics; unset, /metrics does not exist. */
export function metricsToken(): string | null {
	return env.METRICS_TOKEN || null;
}

export function draftRetentionDays(): number {
	return positive(env.DRAFT_RETENTION_DAYS, 30);
}

/** How long a finished case is kept after it was closed; its contact events stay. */
export function submissionRetentionDays(): number {
	return positive(env.SUBMISSION_RETENTION_DAYS, 365);
}

/** One version of the server's secret: what makes citizen keys and private appointment links. */
export interface KeyVersion {
	version: number;
	secret: string;
}

function secretFrom(name: string): { secret: string; file: string | null } | null {
	if (env[name]) return { secret: env[name]!, file: null };
	const file = env[`${name}_FILE`];
	if (!file) return null;
	let secret: string;
	try {
		secret = readFileSync(file, 'utf8').trim();
	} catch {
		throw new Error(`${name}_FILE (${file}) cannot be read`);
	}
	if (!secret) throw new Error(`${name}_FILE (${file}) is empty`);
	return { secret, file: path.resolve(file) };
}

/** A backup of DATA_DIR must not hold the secret beside the data, or the keys could be brute-forced back to CPR numbers. */
function outsideDataDir(file: string | null, name: string) {
	if (!file || !isProduction()) return;
	const inside = path.relative(path.resolve(env.DATA_DIR || 'data'), file);
	if (!inside.startsWith('..') && !path.isAbsolute(inside)) throw new Error(`${name}_FILE must be outside DATA_DIR`);
}

let keyring: { signature: string; current: KeyVersion; previous: KeyVersion | null } | undefined;

/**
 * The secret's versions: the current one (CITIZEN_KEY_SECRET or CITIZEN_KEY_SECRET_FILE, at
 * CITIZEN_KEY_VERSION) makes every new key; the previous one (CITIZEN_KEY_PREVIOUS_SECRET[_FILE])
 * is kept while `npm run admin -- rekey` moves the old keys over and old appointment links run
 * out. In production the secret comes from the environment or a file outside DATA_DIR; without
 * one, development keeps a generated secret in DATA_DIR.
 */
export function citizenKeyring(): { current: KeyVersion; previous: KeyVersion | null } {
	const signature = ['CITIZEN_KEY_SECRET', 'CITIZEN_KEY_SECRET_FILE', 'CITIZEN_KEY_VERSION', 'CITIZEN_KEY_PREVIOUS_SECRET', 'CITIZEN_KEY_PREVIOUS_SECRET_FILE', 'DATA_DIR']
		.map((k) => env[k] ?? '')
		.join('\0');
	if (keyring?.signature === signature) return keyring;
	const version = Math.floor(positive(env.CITIZEN_KEY_VERSION, 1));
	let current = secretFrom('CITIZEN_KEY_SECRET');
	if (!current) {
		if (isProduction()) throw new Error('CITIZEN_KEY_SECRET or CITIZEN_KEY_SECRET_FILE must be set in production');
		const file = path.join(dataDir(), 'citizen-key.secret');
		if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
		current = { secret: readFileSync(file, 'utf8').trim(), file: null };
	}
	outsideDataDir(current.file, 'CITIZEN_KEY_SECRET');
	const previous = secretFrom('CITIZEN_KEY_PREVIOUS_SECRET');
	if (previous) outsideDataDir(previous.file, 'CITIZEN_KEY_PREVIOUS_SECRET');
	if (previous && version < 2) throw new Error('CITIZEN_KEY_PREVIOUS_SECRET needs CITIZEN_KEY_VERSION 2 or later');
	keyring = {
		signature,
		current: { version, secret: current.secret },
		previous: previous ? { version: version - 1, secret: previous.secret } : null
	};
	return keyring;
}

export interface OidcConfig {
	issuer: string;
	clientId: string;
	clientSecret?: string;
	cprClaim?: string;
	scope?: string;
}

/** A real issuer turns the MitID test login off. */
export function oidcConfig(): OidcConfig | null {
	if (!env.OIDC_ISSUER) return null;
	return {
		issuer: env.OIDC_ISSUER,
		clientId: env.OIDC_CLIENT_ID || 'indgang',
		clientSecret: env.OIDC_CLIENT_SECRET || undefined,
		cprClaim: env.OIDC_CPR_CLAIM || undefined,
		scope: env.OIDC_SCOPE || undefined
	};
}

export interface StaffOidcConfig {
	issuer: string;
	clientId: string;
	clientSecret?: string;
	scope: string;
	/** Where the identity provider puts the user's roles (a string or a list) and unit. */
	roleClaim: string;
	unitClaim: string;
	usernameClaim: string;
	/** The provider's role values and the portal's role each means: `Value=role,…`. */
	roles: Record<string, string>;
}

/**
 * Staff single sign-on through the municipality's identity provider (Entra ID, KOMBIT's
 * Fælleskommunal Adgangsstyring, any OpenID Connect provider). Unset: local passwords only.
 */
export function staffOidcConfig(): StaffOidcConfig | null {
	if (!env.STAFF_OIDC_ISSUER) return null;
	const roles = Object.fromEntries(
		(env.STAFF_OIDC_ROLES || 'staff=staff,ambassador=ambassador,manager=manager,admin=admin,editor=editor')
			.split(',')
			.map((pair) => pair.split('=').map((x) => x.trim()))
			.filter((pair): pair is [string, string] => pair.length === 2 && !!pair[0] && !!pair[1])
	);
	return {
		issuer: env.STAFF_OIDC_ISSUER,
		clientId: env.STAFF_OIDC_CLIENT_ID || 'indgang-staff',
		clientSecret: env.STAFF_OIDC_CLIENT_SECRET || undefined,
		scope: env.STAFF_OIDC_SCOPE || 'openid profile email',
		roleClaim: env.STAFF_OIDC_ROLE_CLAIM || 'roles',
		unitClaim: env.STAFF_OIDC_UNIT_CLAIM || 'department',
		usernameClaim: env.STAFF_OIDC_USERNAME_CLAIM || 'preferred_username',
		roles
	};
}

/** The power-of-attorney service (Digital Fuldmagt) behind an HTTP API; unset, the fixture's fictitious powers. */
export function fuldmagtService(): { url: string; token: string | null } | null {
	return env.FULDMAGT_URL ? { url: env.FULDMAGT_URL, token: env.FULDMAGT_TOKEN || null } : null;
}

export function smtpUrl(): string | null {
	return env.SMTP_URL || null;
}

export function mailFrom(): string {
	return env.MAIL_FROM || 'Borgerservice <borgerservice@indgang.example>';
}

/** Where the portal is reached, for links in messages sent outside a request (reminders). */
export function publicOrigin(): string {
	return (env.ORIGIN || `http://localhost:${env.PORT || 3000}`).replace(/\/$/, '');
}

/** An HTTP SMS gateway (POST JSON {to, message, reference}); without it SMS become files. */
export function smsGateway(): { url: string; token: string | null } | null {
	return env.SMS_GATEWAY_URL ? { url: env.SMS_GATEWAY_URL, token: env.SMS_GATEWAY_TOKEN || null } : null;
}

/** Appointments keep names and phone numbers, so they go some time after the visit. */
export function appointmentRetentionDays(): number {
	return positive(env.APPOINTMENT_RETENTION_DAYS, 90);
}

/**
 * The largest request body, as adapter-node reads BODY_SIZE_LIMIT (bytes, or with K, M or G):
 * the portal refuses a larger one by its Content-Length before reading it.
 */
export function bodySizeLimit(): number {
	const value = env.BODY_SIZE_LIMIT || '512K';
	const multiplier = ({ K: 1024, M: 1024 ** 2, G: 1024 ** 3 } as Record<string, number>)[value.slice(-1).toUpperCase()] ?? 1;
	const n = Number(multiplier === 1 ? value : value.slice(0, -1)) * multiplier;
	return Number.isNaN(n) ? 512 * 1024 : n;
}

/** How citizens reach Borgerservice: on every page's contact block and on error pages. */
export function contactDetails(): { phone: string; email: string } {
	return {
		phone: env.CONTACT_PHONE || '70 00 00 00',
		email: env.CONTACT_EMAIL || 'borgerservice@eksempel-kommune.dk'
	};
}

/**
 * The accessibility statement as published in Digitaliseringsstyrelsen's WAS-Tool
 * (https://www.was.digst.dk/<domain>): the footer and /was point there. Unset, the portal's
 * own statement at /tilgaengelighed serves.
 */
export function accessibilityStatementUrl(): string | null {
	const url = env.ACCESSIBILITY_STATEMENT_URL;
	return url && /^https:\/\/[^\s]+$/.test(url) ? url : null;
}

/** Who is responsible for the citizens' data, for the privacy notice (GDPR articles 13 and 14). */
export function dataController(): { name: string; address: string; email: string; dpoEmail: string } {
	return {
		name: env.CONTROLLER_NAME || 'Eksempel Kommune',
		address: env.CONTROLLER_ADDRESS || 'Rådhuspladsen 1, 7190 Eksempelby',
		email: env.CONTROLLER_EMAIL || contactDetails().email,
		dpoEmail: env.DPO_EMAIL || 'databeskyttelse@eksempel-kommune.dk'
	};
}

/** The access log (who looked at a citizen's data) is kept this long, then purged. */
export function auditRetentionDays(): number {
	return positive(env.AUDIT_RETENTION_DAYS, 5 * 365);
}

/** Upload limits apply to every file question unless the question sets its own. */
export const uploadDefaults = {
	maxBytes: 10 * 1024 * 1024,
	accept: ['application/pdf', 'image/jpeg', 'image/png']
};

/**
 * The secret that signs webhook deliveries and their file links (DELIVERY_SECRET or
 * DELIVERY_SECRET_FILE, shared with the case system). Development keeps a generated one in DATA_DIR.
 */
export function deliverySecret(): string {
	const given = secretFrom('DELIVERY_SECRET');
	if (given) {
		outsideDataDir(given.file, 'DELIVERY_SECRET');
		return given.secret;
	}
	if (isProduction()) throw new Error('DELIVERY_SECRET or DELIVERY_SECRET_FILE must be set to deliver by webhook');
	const file = path.join(dataDir(), 'delivery.secret');
	if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
	return readFileSync(file, 'utf8').trim();
}

/** How long a delivered file's download link works: DELIVERY_LINK_HOURS, a week unless set. */
export function deliveryLinkHours(): number {
	return positive(env.DELIVERY_LINK_HOURS, 7 * 24);
}

/** The first retry's wait; each next one doubles it (OUTBOX_RETRY_SECONDS, 30 unless set). */
export function outboxRetrySeconds(): number {
	return positive(env.OUTBOX_RETRY_SECONDS, 30);
}

/**
 * The municipality's Digital Post gateway (KOMBIT's SF1601 "Afsend post", or an integration
 * platform in front of it) and the sender's CVR number; unset, each letter becomes a
 * .memo.xml file under DATA_DIR/outbox.
 */
export function digitalPostGateway(): { url: string; token: string | null } | null {
	return env.DIGITAL_POST_URL ? { url: env.DIGITAL_POST_URL, token: env.DIGITAL_POST_TOKEN || null } : null;
}

export function senderCvr(): string {
	// A fictitious number, so that a test letter can never pass as the municipality's.
	return env.SENDER_CVR || '11111111';
}
