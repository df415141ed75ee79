import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { calendarFile, type CalendarEvent } from './ics';

type IcalTime = InstanceType<typeof ICAL.Time>;

const UID = '7c1e2f4a-9b3d-4e5f-8a6b-0c1d2e3f4a5b@indgang';

const base: CalendarEvent = {
	uid: UID,
	sequence: 0,
	method: 'REQUEST',
	start: new Date('2026-06-15T08:00:00Z'),
	end: new Date('2026-06-15T08:30:00Z'),
	stamp: new Date('2026-05-01T12:34:56Z'),
	summary: 'Pas og kørekort',
	location: 'Borgerservice, Rådhuspladsen 2, 8000 Aarhus C',
	description: 'Husk gyldigt billed-ID.'
};

const event = (overrides: Partial<CalendarEvent> = {}): CalendarEvent => ({ ...base, ...overrides });

// The brief's nastiest realistic input: what a caseworker might paste in.
const NASTY =
	'Kære borger,\nHusk: pas; kørekort, sygesikringsbevis.\r\nSti: C:\\Borgerservice\\kø\\ÆØÅ æøå\n\nMvh; Borgerservice, Aarhus Kommune\\';
const NASTY_EXPECTED = NASTY.replace(/\r\n/g, '\n');

function parse(ics: string) {
	const calendar = new ICAL.Component(ICAL.parse(ics));
	const vevent = calendar.getFirstSubcomponent('vevent');
	if (!vevent) throw new Error('no VEVENT');
	return { calendar, vevent, event: new ICAL.Event(vevent) };
}

const unfold = (ics: string) => ics.replace(/\r\n /g, '');
/** Content lines after unfolding, without the empty string after the final CRLF. */
const contentLines = (ics: string) => unfold(ics).split('\r\n').slice(0, -1);
const physicalLines = (ics: string) => ics.split('\r\n').slice(0, -1);
const octets = (s: string) => Buffer.byteLength(s, 'utf8');
const unixSeconds = (iso: string) => Date.parse(iso) / 1000;

/** The instant must come from the file's own VTIMEZONE, not a zone ical.js happens to know. */
function expectCopenhagen(time: IcalTime, iso: string) {
	expect(time.zone?.tzid).toBe('Europe/Copenhagen');
	expect(time.toUnixTime()).toBe(unixSeconds(iso));
}

function expectInstant(time: IcalTime, iso: string) {
	expect(time.toUnixTime()).toBe(unixSeconds(iso));
}

afterEach(() => {
	// Guard against a test leaving a global zone behind that would mask a broken VTIMEZONE.
	expect(ICAL.TimezoneService.has('Europe/Copenhagen')).toBe(false);
});

describe('calendarFile: envelope', () => {
	it('writes the whole file exactly as expected for a plain booking', () => {
		const ics = calendarFile(
			event({
				url: 'https://indgang.aarhus.dk/booking/7c1e2f4a',
				organizer: { name: 'Borgerservice Aarhus', email: 'borgerservice@aarhus.dk' }
			})
		);
		expect(ics).toBe(
			[
				'BEGIN:VCALENDAR',
				'VERSION:2.0',
				'PRODID:-//Indgang//Booking//DA',
				'CALSCALE:GREGORIAN',
				'METHOD:REQUEST',
				'BEGIN:VTIMEZONE',
				'TZID:Europe/Copenhagen',
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
				'END:VTIMEZONE',
				'BEGIN:VEVENT',
				`UID:${UID}`,
				'DTSTAMP:20260501T123456Z',
				'SEQUENCE:0',
				'DTSTART;TZID=Europe/Copenhagen:20260615T100000',
				'DTEND;TZID=Europe/Copenhagen:20260615T103000',
				'SUMMARY:Pas og kørekort',
				'LOCATION:Borgerservice\\, Rådhuspladsen 2\\, 8000 Aarhus C',
				'DESCRIPTION:Husk gyldigt billed-ID.',
				'STATUS:CONFIRMED',
				'TRANSP:OPAQUE',
				'URL:https://indgang.aarhus.dk/booking/7c1e2f4a',
				'ORGANIZER;CN="Borgerservice Aarhus":mailto:borgerservice@aarhus.dk',
				'BEGIN:VALARM',
				'ACTION:DISPLAY',
				'TRIGGER:-PT1H',
				'DESCRIPTION:Pas og kørekort',
				'END:VALARM',
				'END:VEVENT',
				'END:VCALENDAR',
				''
			].join('\r\n')
		);
	});

	it('uses CRLF for every line end, including the last, and nothing else', () => {
		for (const method of ['REQUEST', 'CANCEL'] as const) {
			const ics = calendarFile(event({ method, description: NASTY, summary: 'x'.repeat(300) }));
			expect(ics.endsWith('\r\n')).toBe(true);
			expect(ics.endsWith('\r\n\r\n')).toBe(false);
			expect(ics).not.toMatch(/\r(?!\n)/);
			expect(ics).not.toMatch(/(?<!\r)\n/);
			expect(physicalLines(ics).every((l) => l.length > 0)).toBe(true);
		}
	});

	it('has each calendar-level property once, one VTIMEZONE and one VEVENT', () => {
		const { calendar } = parse(calendarFile(event()));
		expect(calendar.name).toBe('vcalendar');
		for (const name of ['version', 'prodid', 'calscale', 'method']) {
			expect(calendar.getAllProperties(name), name).toHaveLength(1);
		}
		expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
		expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Indgang//Booking//DA');
		expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
		expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(1);
		expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
		expect(calendar.getAllSubcomponents().map((c) => c.name)).toEqual(['vtimezone', 'vevent']);
	});

	it('has each required VEVENT property exactly once, for both methods', () => {
		for (const method of ['REQUEST', 'CANCEL'] as const) {
			const { vevent } = parse(calendarFile(event({ method, sequence: 1 })));
			for (const name of ['uid', 'dtstamp', 'sequence', 'dtstart', 'dtend', 'summary', 'location', 'description', 'status', 'transp']) {
				expect(vevent.getAllProperties(name), `${method} ${name}`).toHaveLength(1);
			}
			expect(vevent.getFirstPropertyValue('transp')).toBe('OPAQUE');
		}
	});

	it('writes DTSTAMP in UTC form', () => {
		const ics = calendarFile(event({ stamp: new Date('2026-12-24T23:59:59.999Z') }));
		expect(contentLines(ics)).toContain('DTSTAMP:20261224T235959Z');
		const stamp = parse(ics).vevent.getFirstPropertyValue('dtstamp') as IcalTime;
		expect(stamp.zone?.tzid).toBe('UTC');
		expectInstant(stamp, '2026-12-24T23:59:59Z');
	});

	it('leaves out URL and ORGANIZER when not given', () => {
		const { vevent } = parse(calendarFile(event()));
		expect(vevent.getAllProperties('url')).toHaveLength(0);
		expect(vevent.getAllProperties('organizer')).toHaveLength(0);
	});
});

describe('calendarFile: times in Europe/Copenhagen', () => {
	it('puts a summer-time event at the right instant (10:00 CEST = 08:00Z)', () => {
		const ics = calendarFile(event({ start: new Date('2026-06-15T08:00:00Z'), end: new Date('2026-06-15T08:45:00Z') }));
		expect(contentLines(ics)).toContain('DTSTART;TZID=Europe/Copenhagen:20260615T100000');
		expect(contentLines(ics)).toContain('DTEND;TZID=Europe/Copenhagen:20260615T104500');
		const { event: parsed } = parse(ics);
		expectCopenhagen(parsed.startDate, '2026-06-15T08:00:00Z');
		expectCopenhagen(parsed.endDate, '2026-06-15T08:45:00Z');
		expect(parsed.startDate.toString()).toBe('2026-06-15T10:00:00');
	});

	it('puts a winter-time event at the right instant (10:00 CET = 09:00Z)', () => {
		const ics = calendarFile(event({ start: new Date('2026-12-07T09:00:00Z'), end: new Date('2026-12-07T09:15:00Z') }));
		expect(contentLines(ics)).toContain('DTSTART;TZID=Europe/Copenhagen:20261207T100000');
		expect(contentLines(ics)).toContain('DTEND;TZID=Europe/Copenhagen:20261207T101500');
		const { event: parsed } = parse(ics);
		expectCopenhagen(parsed.startDate, '2026-12-07T09:00:00Z');
		expectCopenhagen(parsed.endDate, '2026-12-07T09:15:00Z');
	});

	it.each([
		['the Monday after summer time starts', '2026-03-30T08:00:00Z', '20260330T100000'],
		['the Monday after summer time ends', '2026-10-26T09:00:00Z', '20261026T100000'],
		['the Friday before summer time starts', '2026-03-27T09:00:00Z', '20260327T100000'],
		['the Friday before summer time ends', '2026-10-23T08:00:00Z', '20261023T100000']
	])('keeps 10:00 local on %s', (_, iso, wall) => {
		const start = new Date(iso);
		const ics = calendarFile(event({ start, end: new Date(start.getTime() + 30 * 60_000) }));
		expect(contentLines(ics)).toContain(`DTSTART;TZID=Europe/Copenhagen:${wall}`);
		expectCopenhagen(parse(ics).event.startDate, iso);
	});

	it('survives a DST change between start and end (overnight event)', () => {
		// 23:00 CEST Saturday to 09:00 CET Sunday: 11 hours, not 10.
		const ics = calendarFile(event({ start: new Date('2026-10-24T21:00:00Z'), end: new Date('2026-10-25T08:00:00Z') }));
		const { event: parsed } = parse(ics);
		expectCopenhagen(parsed.startDate, '2026-10-24T21:00:00Z');
		expectCopenhagen(parsed.endDate, '2026-10-25T08:00:00Z');
		expect(parsed.endDate.toString()).toBe('2026-10-25T09:00:00');
	});

	it('maps every quarter hour across the 2025–2028 change-over days to the right instant', () => {
		const days = ['2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31', '2028-03-26', '2028-10-29'];
		for (const day of days) {
			const midnightUtc = Date.parse(`${day}T00:00:00Z`);
			for (let ms = midnightUtc - 3 * 3_600_000; ms < midnightUtc + 6 * 3_600_000; ms += 15 * 60_000) {
				const start = new Date(ms);
				const { event: parsed } = parse(calendarFile(event({ start, end: new Date(ms + 60_000) })));
				expect(parsed.startDate.toUnixTime(), start.toISOString()).toBe(ms / 1000);
			}
		}
	});

	it('maps 10:00 local on every day of 2026 to the instant Intl gives', () => {
		const localHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: '2-digit', hourCycle: 'h23' });
		for (let day = 0; day < 365; day++) {
			const noonUtc = Date.UTC(2026, 0, 1 + day, 9);
			// 10:00 local is 09:00Z in winter and 08:00Z in summer; Intl says which.
			const hour = localHour.format(noonUtc);
			const ms = hour === '10' ? noonUtc : noonUtc - 3_600_000;
			const ics = calendarFile(event({ start: new Date(ms), end: new Date(ms + 1_800_000) }));
			const dtstart = contentLines(ics).find((l) => l.startsWith('DTSTART;'));
			expect(dtstart).toMatch(/^DTSTART;TZID=Europe\/Copenhagen:2026\d{4}T100000$/);
			expectCopenhagen(parse(ics).event.startDate, new Date(ms).toISOString());
		}
	});

	it('writes both occurrences of the repeated hour in UTC, since readers disagree on which one a local time means', () => {
		// RFC 5545 says the first occurrence; ical.js takes the second. UTC leaves nothing to interpret.
		const cases = [
			['2026-10-25T00:00:00Z', '20261025T000000Z'], // 02:00 CEST
			['2026-10-25T00:30:00Z', '20261025T003000Z'], // 02:30 CEST
			['2026-10-25T01:00:00Z', '20261025T010000Z'], // 02:00 CET
			['2026-10-25T01:59:59Z', '20261025T015959Z'] // 02:59:59 CET
		];
		for (const [iso, written] of cases) {
			const ics = calendarFile(event({ start: new Date(iso), end: new Date(Date.parse(iso) + 3_600_000) }));
			expect(contentLines(ics)).toContain(`DTSTART:${written}`);
			expectInstant(parse(ics).event.startDate, iso);
		}
		// Just outside the repeated hour, local time is unambiguous again.
		const before = calendarFile(event({ start: new Date('2026-10-24T23:59:59Z'), end: new Date('2026-10-25T00:30:00Z') }));
		expect(contentLines(before)).toContain('DTSTART;TZID=Europe/Copenhagen:20261025T015959');
		expect(contentLines(before)).toContain('DTEND:20261025T003000Z');
		const after = calendarFile(event({ start: new Date('2026-10-25T02:00:00Z'), end: new Date('2026-10-25T03:00:00Z') }));
		expect(contentLines(after)).toContain('DTSTART;TZID=Europe/Copenhagen:20261025T030000');
		expectCopenhagen(parse(after).event.startDate, '2026-10-25T02:00:00Z');
	});

	it('writes local time right up to and right after the skipped hour in March', () => {
		const before = calendarFile(event({ start: new Date('2026-03-29T00:59:59Z'), end: new Date('2026-03-29T01:00:00Z') }));
		expect(contentLines(before)).toContain('DTSTART;TZID=Europe/Copenhagen:20260329T015959');
		expect(contentLines(before)).toContain('DTEND;TZID=Europe/Copenhagen:20260329T030000');
		const { event: parsed } = parse(before);
		expectCopenhagen(parsed.startDate, '2026-03-29T00:59:59Z');
		expectCopenhagen(parsed.endDate, '2026-03-29T01:00:00Z');
	});

	it('falls back to UTC where Denmark did not follow the current rules (1990 summer time ended in September)', () => {
		const start = new Date('1990-10-10T10:00:00Z');
		const ics = calendarFile(event({ start, end: new Date('1990-10-10T11:00:00Z') }));
		expect(contentLines(ics)).toContain('DTSTART:19901010T100000Z');
		expectInstant(parse(ics).event.startDate, '1990-10-10T10:00:00Z');
		// Same calendar day in 2026 follows the rules and gets local time again.
		expect(contentLines(calendarFile(event({ start: new Date('2026-10-10T10:00:00Z'), end: new Date('2026-10-10T11:00:00Z') })))).toContain(
			'DTSTART;TZID=Europe/Copenhagen:20261010T120000'
		);
	});

	it('falls back to UTC before 1970, where the VTIMEZONE says nothing', () => {
		const ics = calendarFile(event({ start: new Date('1969-07-20T20:17:00Z'), end: new Date('1969-07-20T21:17:00Z') }));
		expect(contentLines(ics)).toContain('DTSTART:19690720T201700Z');
		expectInstant(parse(ics).event.startDate, '1969-07-20T20:17:00Z');
	});

	it('drops milliseconds, which DATE-TIME cannot express', () => {
		const ics = calendarFile(event({ start: new Date('2026-06-15T08:00:59.999Z'), end: new Date('2026-06-15T08:30:00.001Z') }));
		expect(contentLines(ics)).toContain('DTSTART;TZID=Europe/Copenhagen:20260615T100059');
		expect(contentLines(ics)).toContain('DTEND;TZID=Europe/Copenhagen:20260615T103000');
	});

	it('does not depend on the server time zone', () => {
		const saved = process.env.TZ;
		const outputs: string[] = [];
		try {
			for (const tz of ['UTC', 'America/New_York', 'Pacific/Kiritimati', 'Europe/Copenhagen']) {
				process.env.TZ = tz;
				outputs.push(calendarFile(event({ start: new Date('2026-03-30T08:00:00Z'), end: new Date('2026-03-30T08:30:00Z') })));
			}
		} finally {
			if (saved === undefined) delete process.env.TZ;
			else process.env.TZ = saved;
		}
		expect(new Set(outputs).size).toBe(1);
	});
});

describe('calendarFile: TEXT escaping', () => {
	it('round-trips a nasty Danish description through ical.js', () => {
		const { event: parsed } = parse(calendarFile(event({ description: NASTY })));
		expect(parsed.description).toBe(NASTY_EXPECTED);
	});

	it('escapes backslash, semicolon, comma and newline, and leaves colons alone', () => {
		const ics = calendarFile(event({ description: 'a\\b;c,d\ne:f' }));
		expect(contentLines(ics)).toContain('DESCRIPTION:a\\\\b\\;c\\,d\\ne:f');
	});

	it('does not double-escape a literal backslash-n', () => {
		const ics = calendarFile(event({ description: 'C:\\new' }));
		expect(contentLines(ics)).toContain('DESCRIPTION:C:\\\\new');
		expect(parse(ics).event.description).toBe('C:\\new');
	});

	it('escapes SUMMARY, LOCATION, UID and the alarm text too', () => {
		const summary = 'Vielse; Rådhuset, sal 2\nTag vidner med';
		const location = 'Rådhuset; indgang B, 1. sal\\trappe';
		const uid = 'id,with;odd\\chars@indgang';
		const { vevent, event: parsed } = parse(calendarFile(event({ summary, location, uid })));
		expect(parsed.summary).toBe(summary);
		expect(parsed.location).toBe(location);
		expect(parsed.uid).toBe(uid);
		expect(vevent.getFirstSubcomponent('valarm')?.getFirstPropertyValue('description')).toBe(summary);
	});

	it('turns CR and CRLF into a newline and drops other control characters', () => {
		const { event: parsed } = parse(calendarFile(event({ description: 'a\r\nb\rc\nd\x00e\x07f\x1bg\x7fh\ti' })));
		expect(parsed.description).toBe('a\nb\nc\ndefgh\ti');
	});

	it('writes Danish letters in NFC so a decomposed å does not become two characters', () => {
		const decomposed = 'A\u030Arhus'; // "Århus" as A + combining ring
		const ics = calendarFile(event({ location: decomposed }));
		expect(contentLines(ics)).toContain('LOCATION:\u00C5rhus');
		expect(parse(ics).event.location).toBe('Århus');
	});

	it('keeps empty text fields valid', () => {
		const { event: parsed } = parse(calendarFile(event({ description: '', location: '' })));
		expect(parsed.description).toBe('');
		expect(parsed.location).toBe('');
	});

	it('cannot be made to inject properties through text', () => {
		const ics = calendarFile(event({ description: 'x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil', summary: 'y\nMETHOD:CANCEL' }));
		const { calendar, event: parsed } = parse(ics);
		expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
		expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
		expect(parsed.uid).toBe(UID);
	});
});

describe('calendarFile: line folding', () => {
	const longDanish =
		'Kære borger. Du har bestilt tid hos Borgerservice til fornyelse af pas og kørekort. ' +
		'Medbring dit gamle pas, et nyt pasfoto (ikke ældre end seks måneder), sygesikringsbevis og betalingskort. ' +
		'Ønsker du at ændre eller aflyse, så gør det senest to hverdage før; ellers opkræves gebyret alligevel. ' +
		'Æbleøl, rødgrød med fløde, blåbærsyltetøj, ærø, ål og åkande — 🇩🇰 😀 ✓. ' +
		'Med venlig hilsen, Borgerservice\\Aarhus';

	function expectWellFolded(ics: string) {
		const lines = physicalLines(ics);
		for (const line of lines) {
			expect(octets(line), line).toBeLessThanOrEqual(75);
			// A line that decodes cleanly on its own was not cut inside a UTF-8 sequence.
			expect(() => new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(line, 'utf8'))).not.toThrow();
			expect(line).not.toContain('\uFFFD');
		}
		// Folds only where needed: a line was continued because the next code point (≤ 4 octets) would not fit.
		lines.forEach((line, i) => {
			if (lines[i + 1]?.startsWith(' ')) expect(octets(line), line).toBeGreaterThan(75 - 4 - 2);
		});
	}

	it('keeps every line within 75 octets, counting æøå as two and emoji as four', () => {
		const ics = calendarFile(event({ description: longDanish, summary: 'æ'.repeat(200), location: '😀'.repeat(60) }));
		expectWellFolded(ics);
		expect(physicalLines(ics).filter((l) => l.startsWith(' ')).length).toBeGreaterThan(10);
	});

	it('unfolds to exactly the original text', () => {
		const summary = 'ø'.repeat(150);
		const location = 'a😀'.repeat(50);
		const { event: parsed } = parse(calendarFile(event({ description: longDanish, summary, location })));
		expect(parsed.description).toBe(longDanish);
		expect(parsed.summary).toBe(summary);
		expect(parsed.location).toBe(location);
	});

	it('starts continuation lines with exactly one space, which unfolding removes', () => {
		const ics = calendarFile(event({ description: 'ord '.repeat(80) }));
		const continued = physicalLines(ics).filter((l) => l.startsWith(' '));
		expect(continued.length).toBeGreaterThan(2);
		expect(parse(ics).event.description).toBe('ord '.repeat(80));
		// The text itself holds single spaces, so a fold right before one yields "  ord": the first space is the fold.
		const manual = contentLines(ics).find((l) => l.startsWith('DESCRIPTION:'));
		expect(manual).toBe('DESCRIPTION:' + 'ord '.repeat(80));
	});

	it('folds at every possible offset without splitting a character', () => {
		// Shift a multi-byte run across the 75-octet boundary one ASCII character at a time.
		for (let pad = 0; pad < 8; pad++) {
			for (const ch of ['æ', '€', '😀']) {
				const description = 'x'.repeat(pad) + ch.repeat(60);
				const ics = calendarFile(event({ description }));
				expectWellFolded(ics);
				expect(parse(ics).event.description).toBe(description);
			}
		}
	});

	it('never splits a backslash escape across lines', () => {
		for (let pad = 0; pad < 4; pad++) {
			const description = 'x'.repeat(pad) + ',;\\\n'.repeat(60);
			const ics = calendarFile(event({ description }));
			expectWellFolded(ics);
			const lines = physicalLines(ics);
			lines.forEach((line, i) => {
				if (!lines[i + 1]?.startsWith(' ')) return;
				const trailingBackslashes = /\\*$/.exec(line)?.[0].length ?? 0;
				expect(trailingBackslashes % 2, line).toBe(0);
			});
			expect(parse(ics).event.description).toBe(description);
		}
	});

	it('writes a lone surrogate as U+FFFD so the octet count matches the wire', () => {
		const ics = calendarFile(event({ description: 'a\uD83Db' + 'ø'.repeat(50) }));
		expectWellFolded(ics.replace(/\uFFFD/g, '?'));
		expect(parse(ics).event.description).toBe('a\uFFFDb' + 'ø'.repeat(50));
	});

	it('leaves short lines alone', () => {
		const ics = calendarFile(event());
		expect(physicalLines(ics).some((l) => l.startsWith(' '))).toBe(false);
	});
});

describe('calendarFile: iTIP REQUEST and CANCEL', () => {
	it('gives a REQUEST a confirmed status and a display alarm one hour before', () => {
		const { calendar, vevent } = parse(calendarFile(event()));
		expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
		expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
		const alarms = vevent.getAllSubcomponents('valarm');
		expect(alarms).toHaveLength(1);
		expect(alarms[0].getFirstPropertyValue('action')).toBe('DISPLAY');
		const trigger = alarms[0].getFirstPropertyValue('trigger') as InstanceType<typeof ICAL.Duration>;
		expect(trigger.toSeconds()).toBe(-3600);
		expect(alarms[0].getFirstPropertyValue('description')).toBe(base.summary);
	});

	it('cancels the same appointment with the same UID, a higher SEQUENCE and no alarm', () => {
		const request = parse(calendarFile(event({ sequence: 2 })));
		const cancel = parse(calendarFile(event({ method: 'CANCEL', sequence: 3, stamp: new Date('2026-06-01T09:00:00Z') })));
		expect(cancel.calendar.getFirstPropertyValue('method')).toBe('CANCEL');
		expect(cancel.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(cancel.event.uid).toBe(request.event.uid);
		expect(cancel.event.sequence).toBe(3);
		expect(cancel.event.sequence).toBeGreaterThan(request.event.sequence);
		expect(cancel.vevent.getAllSubcomponents('valarm')).toHaveLength(0);
		// Clients match the cancellation on UID but still show the time being cancelled.
		expectCopenhagen(cancel.event.startDate, '2026-06-15T08:00:00Z');
	});

	it('reflects a moved appointment as a new REQUEST with the same UID', () => {
		const moved = parse(calendarFile(event({ sequence: 1, start: new Date('2026-12-07T09:00:00Z'), end: new Date('2026-12-07T09:30:00Z') })));
		expect(moved.event.uid).toBe(UID);
		expect(moved.event.sequence).toBe(1);
		expectCopenhagen(moved.event.startDate, '2026-12-07T09:00:00Z');
	});

	it('writes ORGANIZER with a quoted CN that survives commas, colons, quotes and æøå', () => {
		const name = 'Borgerservice, Århus: "Kø" ^ afd.';
		const ics = calendarFile(event({ organizer: { name, email: 'borgerservice+booking@aarhus.dk' } }));
		const line = contentLines(ics).find((l) => l.startsWith('ORGANIZER'));
		expect(line).toBe(`ORGANIZER;CN="Borgerservice, Århus: ^'Kø^' ^^ afd.":mailto:borgerservice+booking@aarhus.dk`);
		const organizer = parse(ics).vevent.getFirstProperty('organizer');
		expect(organizer?.getParameter('cn')).toBe(name);
		expect(organizer?.getFirstValue()).toBe('mailto:borgerservice+booking@aarhus.dk');
	});

	it('encodes a newline in the organizer name instead of breaking the line', () => {
		const ics = calendarFile(event({ organizer: { name: 'Borgerservice\r\nMETHOD:CANCEL', email: 'b@aarhus.dk' } }));
		const { calendar, vevent } = parse(ics);
		expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
		expect(vevent.getFirstProperty('organizer')?.getParameter('cn')).toBe('Borgerservice\nMETHOD:CANCEL');
	});

	it('writes URL as a normalised web address', () => {
		const ics = calendarFile(event({ url: 'https://indgang.aarhus.dk/booking/ændr tid?id=7' }));
		expect(contentLines(ics)).toContain('URL:https://indgang.aarhus.dk/booking/%C3%A6ndr%20tid?id=7');
		expect(parse(ics).vevent.getFirstPropertyValue('url')).toBe('https://indgang.aarhus.dk/booking/%C3%A6ndr%20tid?id=7');
	});

	it('cannot be made to inject properties through the URL', () => {
		const ics = calendarFile(event({ url: 'https://indgang.aarhus.dk/x\r\nMETHOD:CANCEL' }));
		const { calendar, vevent } = parse(ics);
		expect(calendar.getAllProperties('method')).toHaveLength(1);
		expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
		expect(vevent.getAllProperties('url')).toHaveLength(1);
	});
});

describe('calendarFile: rejects input it cannot write correctly', () => {
	it.each([
		['an invalid start', { start: new Date('nonsense') }],
		['an invalid stamp', { stamp: new Date(NaN) }],
		['an end before the start', { end: new Date('2026-06-15T07:59:00Z') }],
		['an end equal to the start', { end: new Date('2026-06-15T08:00:00Z') }],
		['a negative SEQUENCE', { sequence: -1 }],
		['a fractional SEQUENCE', { sequence: 1.5 }],
		['a SEQUENCE beyond 32 bits', { sequence: 2 ** 31 }],
		['an unknown method', { method: 'PUBLISH' as CalendarEvent['method'] }],
		['a relative URL', { url: '/booking/7' }],
		['a javascript: URL', { url: 'javascript:alert(1)' }],
		['an organizer e-mail without @', { organizer: { name: 'X', email: 'borgerservice' } }],
		['an organizer e-mail with a line break', { organizer: { name: 'X', email: 'a@b.dk\r\nMETHOD:CANCEL' } }],
		['an organizer e-mail with a space', { organizer: { name: 'X', email: 'a b@b.dk' } }],
		['a year iCalendar cannot hold', { start: new Date('+010000-01-01T00:00:00Z'), end: new Date('+010000-01-01T01:00:00Z') }]
	] satisfies [string, Partial<CalendarEvent>][])('throws on %s', (_, overrides) => {
		expect(() => calendarFile(event(overrides))).toThrow(RangeError);
	});
});

describe('attendee', () => {
	it('names the visitor as an accepted attendee, so the calendar treats the file as an invitation', () => {
		const text = calendarFile({
			uid: 'a1@indgang',
			sequence: 0,
			method: 'REQUEST',
			start: new Date('2026-06-15T08:00:00Z'),
			end: new Date('2026-06-15T08:15:00Z'),
			stamp: new Date('2026-06-01T08:00:00Z'),
			summary: 'Pas',
			location: 'Borgerservice',
			description: '',
			attendee: { name: 'Anna Testesen', email: 'anna@example.dk' }
		});
		const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
		const attendee = vevent.getFirstProperty('attendee')!;
		expect(attendee.getFirstValue()).toBe('mailto:anna@example.dk');
		expect(attendee.getParameter('cn')).toBe('Anna Testesen');
		expect(attendee.getParameter('partstat')).toBe('ACCEPTED');
	});
});
