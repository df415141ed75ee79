// The check `npm test` runs on the server logs of the browser tests' journeys: every line is a
// JSON object (adapter-node's own "Listening on" aside), there are request lines, and none
// holds a CPR number, a test person's name, an e-mail address, a phone number or a token.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const PERSONAL = [
	['CPR number', /\b\d{6}-?\d{4}\b/],
	['e-mail address', /[^\s@"'<>()]+@[^\s@"'<>()]+\.[a-z]{2,}/i],
	['phone number', /(?<![\w.:/-])(?:\+45 ?)?\d{2} ?\d{2} ?\d{2} ?\d{2}(?![\w.:-])/],
	['token', /\b[A-Za-z0-9_-]{24,}\b/]
];

/** The fixture's test persons and the demo's people, by name. */
function names(root) {
	const sources = ['src/lib/server/register/fixture.ts', 'src/lib/server/db/seed.ts'];
	const found = new Set();
	for (const file of sources) {
		const text = readFileSync(path.join(root, file), 'utf8');
		for (const m of text.matchAll(/(?:name|displayName): '([A-ZÆØÅ][a-zæøå]+ [A-ZÆØÅ][a-zæøå]+)'/g)) found.add(m[1]);
	}
	return [...found];
}

export function checkLogs(root, dir) {
	const people = names(root);
	const problems = [];
	let requests = 0;
	let files;
	try {
		files = readdirSync(dir).filter((f) => f.endsWith('.log'));
	} catch {
		return { ok: false, problems: [`no server logs in ${dir}`], requests };
	}
	for (const file of files) {
		const lines = readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean);
		lines.forEach((line, i) => {
			const where = `${file}:${i + 1}`;
			if (/^Listening on /.test(line)) return;
			let entry;
			try {
				entry = JSON.parse(line);
			} catch {
				problems.push(`${where} is not JSON: ${line.slice(0, 80)}`);
				return;
			}
			if (entry.msg === 'request') requests += 1;
			for (const [what, pattern] of PERSONAL) if (pattern.test(line)) problems.push(`${where} holds a ${what}`);
			for (const name of people) if (line.includes(name)) problems.push(`${where} holds the name of ${name.split(' ')[0]} …`);
		});
	}
	if (requests < 100) problems.push(`only ${requests} request lines: the journeys' requests are not logged`);
	return { ok: problems.length === 0, problems, requests, people: people.length };
}
