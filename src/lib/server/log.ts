/**
 * The server's log: one JSON object per line on stdout (errors on stderr), for a log shipper to
 * read as it is. Never a CPR number, name, e-mail, phone number or token: callers pass route
 * ids rather than paths and codes rather than values, and every string is scrubbed once more
 * here, because an error from a mail server or a driver may quote what it was given.
 */
type Level = 'info' | 'warn' | 'error';

const PATTERNS: [RegExp, string][] = [
	[/\b\d{6}-?\d{4}\b/g, '[cpr]'],
	[/[^\s@"'<>()]+@[^\s@"'<>()]+\.[a-z]{2,}/gi, '[email]'],
	[/(?<![\w.:/-])(?:\+45[ ]?)?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}(?![\w.:-])/g, '[phone]'],
	// Tokens: long runs of base32/base64url (session tokens, private links, help codes' keys).
	[/\b[A-Za-z0-9_-]{24,}\b/g, '[token]']
];

export function scrub(text: string): string {
	let out = text;
	for (const [pattern, mask] of PATTERNS) out = out.replace(pattern, mask);
	return out;
}

function clean(value: unknown): unknown {
	if (typeof value === 'string') return scrub(value);
	if (value instanceof Error) return { name: value.name, message: scrub(value.message), stack: value.stack ? scrub(value.stack) : undefined };
	if (Array.isArray(value)) return value.map(clean);
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)]));
	return value;
}

function write(level: Level, msg: string, fields: Record<string, unknown> = {}) {
	const line = JSON.stringify({ time: new Date().toISOString(), level, pid: process.pid, msg: scrub(msg), ...(clean(fields) as object) });
	(level === 'info' ? process.stdout : process.stderr).write(line + '\n');
}

/** What went wrong, as a loggable value: an Error's name and message, or the value itself. */
export const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const log = {
	info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
	warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
	error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields)
};
