/**
 * Calendar invitations for booked appointments: an RFC 5545 file sent as an
 * iTIP (RFC 5546) REQUEST, so mail clients offer to add it, and later as a
 * CANCEL with the same UID so they remove it again.
 */

export interface CalendarEvent {
	/** Stable per appointment, e.g. '<appointment-id>@indgang'. */
	uid: string;
	/** Raised on every change (move, cancel); clients ignore anything not newer. */
	sequence: number;
	method: 'REQUEST' | 'CANCEL';
	/** UTC instant. */
	start: Date;
	end: Date;
	/** DTSTAMP: when this calendar object was created. */
	stamp: Date;
	summary: string;
	location: string;
	/** Free text; newlines, commas, semicolons, backslashes and æøå are fine. */
	description: string;
	organizer?: { name: string; email: string };
	/** RFC 5546 wants an attendee on REQUEST and CANCEL, so calendars treat the file as an invitation they update. */
	attendee?: { name: string; email: string };
	url?: string;
}

const CRLF = '\r\n';
const ZONE = 'Europe/Copenhagen';
// RFC 5545 folds at 75 octets, not characters: æøå take two each.
const MAX_LINE_OCTETS = 75;
// INTEGER in RFC 5545 is 32-bit signed; clients may reject anything larger.
const MAX_SEQUENCE = 2_147_483_647;

// The current EU rules. Older or future wall times the rules would misread are
// written in UTC instead (see dateTime), so this block never has to be exact
// for all of history.
const VTIMEZONE = [
	'BEGIN:VTIMEZONE',
	`TZID:${ZONE}`,
	'BEGIN:STANDARD',
	'DTSTART:19701025T030000',
	'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
	'TZOFFSETFROM:+0200',
	'TZOFFSETTO:+0100',
	'TZNAME:CET',
	'END:STANDARD',
	'BEGIN:DAYLIGHT',
	'DTSTART:19700329T020000',
	'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
	'TZOFFSETFROM:+0100',
	'TZOFFSETTO:+0200',
	'TZNAME:CEST',
	'END:DAYLIGHT',
	'END:VTIMEZONE'
];
const RULES_FROM_YEAR = 1970;

// Built once: constructing Intl formatters is comparatively slow.
const copenhagenClock = new Intl.DateTimeFormat('en-US', {
	timeZone: ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

export function calendarFile(e: CalendarEvent): string {
	if (e.method !== 'REQUEST' && e.method !== 'CANCEL') throw new RangeError(`Unknown iTIP method: ${String(e.method)}`);
	if (!Number.isInteger(e.sequence) || e.sequence < 0 || e.sequence > MAX_SEQUENCE) {
		throw new RangeError(`SEQUENCE must be an integer from 0 to ${MAX_SEQUENCE}: ${e.sequence}`);
	}
	const start = wholeSeconds(e.start, 'start');
	const end = wholeSeconds(e.end, 'end');
	const stamp = wholeSeconds(e.stamp, 'stamp');
	// RFC 5545 3.8.2.2: DTEND must be later than DTSTART.
	if (end <= start) throw new RangeError('end must be after start');

	const cancelled = e.method === 'CANCEL';
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Indgang//Booking//DA',
		'CALSCALE:GREGORIAN',
		`METHOD:${e.method}`,
		...VTIMEZONE,
		'BEGIN:VEVENT',
		`UID:${text(e.uid)}`,
		`DTSTAMP:${utc(stamp)}`,
		`SEQUENCE:${e.sequence}`,
		dateTime('DTSTART', start),
		dateTime('DTEND', end),
		`SUMMARY:${text(e.summary)}`,
		`LOCATION:${text(e.location)}`,
		`DESCRIPTION:${text(e.description)}`,
		`STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
		'TRANSP:OPAQUE'
	];
	if (e.url !== undefined) lines.push(`URL:${webAddress(e.url)}`);
	if (e.organizer) lines.push(`ORGANIZER;CN=${quotedParam(e.organizer.name)}:mailto:${emailAddress(e.organizer.email)}`);
	if (e.attendee)
		lines.push(`ATTENDEE;CN=${quotedParam(e.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:${emailAddress(e.attendee.email)}`);
	// A reminder on a cancelled appointment would only confuse.
	if (!cancelled) {
		lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER:-PT1H', `DESCRIPTION:${text(e.summary)}`, 'END:VALARM');
	}
	lines.push('END:VEVENT', 'END:VCALENDAR');
	return lines.map(fold).join(CRLF) + CRLF;
}

/** Epoch milliseconds cut to whole seconds, the finest DATE-TIME can say. */
function wholeSeconds(at: Date, name: string): number {
	const ms = at instanceof Date ? at.getTime() : NaN;
	if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid date`);
	return Math.floor(ms / 1000) * 1000;
}

/**
 * Copenhagen wall time with TZID when the VTIMEZONE above maps it back to the
 * same instant. Otherwise UTC, which is equally valid: this covers the hour
 * 02:00–03:00 that occurs twice on the last Sunday of October (RFC 5545 says
 * the first is meant, but readers disagree: ical.js picks the second), years
 * before 1996 when Denmark's rules differed, and any future change to the zone
 * that the fixed rules do not know about.
 */
function dateTime(name: 'DTSTART' | 'DTEND', ms: number): string {
	const wall = copenhagenWallTime(ms);
	const offset = ruleOffsetMs(wall);
	if (offset !== undefined && wallAsUtcMs(wall) - offset === ms) return `${name};TZID=${ZONE}:${basic(wall)}`;
	return `${name}:${utc(ms)}`;
}

function copenhagenWallTime(ms: number): WallTime {
	const part: Record<string, number> = {};
	for (const { type, value } of copenhagenClock.formatToParts(ms)) {
		if (type !== 'literal') part[type] = Number(value);
	}
	return { year: part.year, month: part.month, day: part.day, hour: part.hour, minute: part.minute, second: part.second };
}

/** The UTC offset the VTIMEZONE rules give a wall time; undefined where they do not apply or are ambiguous. */
function ruleOffsetMs(w: WallTime): number | undefined {
	if (w.year < RULES_FROM_YEAR || w.year > 9999) return undefined;
	const at = wallAsUtcMs(w);
	const summerFrom = Date.UTC(w.year, 2, lastSunday(w.year, 3), 2);
	const summerUntil = Date.UTC(w.year, 9, lastSunday(w.year, 10), 2);
	if (at >= summerUntil && at < summerUntil + 3_600_000) return undefined;
	return (at >= summerFrom && at < summerUntil ? 2 : 1) * 3_600_000;
}

function lastSunday(year: number, month: number): number {
	// Day 0 of the next month is the last day of this one.
	const last = new Date(Date.UTC(year, month, 0));
	return last.getUTCDate() - last.getUTCDay();
}

function wallAsUtcMs(w: WallTime): number {
	const d = new Date(0);
	// setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
	d.setUTCFullYear(w.year, w.month - 1, w.day);
	d.setUTCHours(w.hour, w.minute, w.second, 0);
	return d.getTime();
}

function utc(ms: number): string {
	const d = new Date(ms);
	const year = d.getUTCFullYear();
	if (year < 1 || year > 9999) throw new RangeError('Date outside the years 0001–9999 that iCalendar can express');
	return (
		basic({
			year,
			month: d.getUTCMonth() + 1,
			day: d.getUTCDate(),
			hour: d.getUTCHours(),
			minute: d.getUTCMinutes(),
			second: d.getUTCSeconds()
		}) + 'Z'
	);
}

function basic(w: WallTime): string {
	const p = (n: number, width = 2) => String(n).padStart(width, '0');
	return `${p(w.year, 4)}${p(w.month)}${p(w.day)}T${p(w.hour)}${p(w.minute)}${p(w.second)}`;
}

/** RFC 5545 3.3.11 TEXT. */
function text(value: string): string {
	return value.normalize('NFC').replace(/\r\n|[\\;,\r\n]|[\x00-\x08\x0b-\x1f\x7f]/g, (c) => {
		if (c === '\\' || c === ';' || c === ',') return '\\' + c;
		if (c === '\r\n' || c === '\r' || c === '\n') return '\\n';
		// Other control characters are not allowed in TEXT, and would only come from pasted junk.
		return '';
	});
}

/**
 * A parameter value is always quoted so ':' ';' ',' in names are safe. DQUOTE
 * and newlines cannot appear even when quoted; RFC 6868 caret-encodes them.
 */
function quotedParam(value: string): string {
	const encoded = value
		.normalize('NFC')
		.replace(/\r\n|[\^"\r\n]|[\x00-\x08\x0b-\x1f\x7f]/g, (c) => {
			if (c === '^') return '^^';
			if (c === '"') return "^'";
			if (c === '\r\n' || c === '\r' || c === '\n') return '^n';
			return '';
		});
	return `"${encoded}"`;
}

/** URI values are not TEXT-escaped, so they must not carry anything that could end the line. */
function webAddress(value: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new RangeError(`Not an absolute URL: ${value}`);
	}
	// Calendar clients make URL clickable; only web links belong there.
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError(`Only http(s) URLs are allowed: ${value}`);
	// The WHATWG serialisation is ASCII and percent-encodes spaces; control characters are dropped by the parser.
	return url.href;
}

function emailAddress(value: string): string {
	// Anything outside this would need mailto: percent-encoding that clients match inconsistently against the sender.
	if (!/^[^\s@"<>()[\]\\,;:\x00-\x1f\x7f]+@[^\s@"<>()[\]\\,;:\x00-\x1f\x7f]+$/.test(value)) {
		throw new RangeError(`Not a usable e-mail address: ${value}`);
	}
	return value;
}

/**
 * RFC 5545 3.1: at most 75 octets per line, continuing on lines that start
 * with one space. Cuts fall between code points, so no UTF-8 sequence is
 * split, and never inside a backslash escape, which some clients mishandle
 * even though unfolding would repair it.
 */
function fold(line: string): string {
	const units = toWellFormed(line).match(/\\.|[\s\S]/gsu) ?? [];
	let out = '';
	let octets = 0;
	for (const unit of units) {
		const size = utf8Length(unit);
		if (octets + size > MAX_LINE_OCTETS) {
			out += CRLF + ' ';
			octets = 1;
		}
		out += unit;
		octets += size;
	}
	return out;
}

// A lone surrogate would be encoded as U+FFFD (3 octets) when sent; make that
// explicit so the octet count matches what goes on the wire.
function toWellFormed(s: string): string {
	return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function utf8Length(s: string): number {
	let n = 0;
	for (const ch of s) {
		const cp = ch.codePointAt(0) ?? 0;
		n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	}
	return n;
}
