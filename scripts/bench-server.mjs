// The built server a bench part runs against: a free port in its own range, a clean environment,
// and a child that is always ended, even when the bench is interrupted.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const sleep = (n) => new Promise((r) => setTimeout(r, n));

const children = new Set();
function killAllNow() {
	for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
process.on('exit', killAllNow);

function portIsFree(port) {
	return new Promise((resolve) => {
		const probe = net.createServer();
		probe.once('error', () => resolve(false));
		probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
	});
}

/** A free port among `from`..`from + 99`, or the one `portEnv` names (which must lie there too). */
async function pickPort(from, portEnv) {
	const named = process.env[portEnv];
	if (named) {
		const port = Number(named);
		if (!(port >= from && port <= from + 99)) throw new Error(`${portEnv} must be in ${from}-${from + 99}, not ${named}`);
		return port;
	}
	for (let i = 0; i < 100; i++) {
		const port = from + ((process.pid + i) % 100);
		if (await portIsFree(port)) return port;
	}
	throw new Error(`no free port in ${from}-${from + 99}`);
}

/**
 * Starts `build/index.js` of `appDir` on a fresh data directory and waits until `probePath`
 * answers below 500. Settings that would reach real services (SMTP, SMS, OIDC) are removed.
 */
export async function startBuiltServer({ appDir, dataDir, from, portEnv, probePath, host = '127.0.0.1', log }) {
	const port = await pickPort(from, portEnv);
	const origin = `http://${host}:${port}`;
	const env = { ...process.env };
	for (const key of Object.keys(env)) if (/^(SMTP_|SMS_|OIDC_|NODE_ENV$|SEED_DEMO_DATA$|CITIZEN_KEY_SECRET$)/.test(key)) delete env[key];
	const dbFile = path.join(dataDir, 'indgang.db');
	Object.assign(env, { PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin, DATA_DIR: dataDir, DATABASE_URL: dbFile, BODY_SIZE_LIMIT: '12M' });
	log(`starting node build/index.js on ${origin} (DATA_DIR ${dataDir})…`);
	const child = spawn(process.execPath, ['build/index.js'], { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
	children.add(child);
	let output = '';
	const keep = (chunk) => {
		output += chunk.toString();
		if (output.length > 200_000) output = output.slice(-100_000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);

	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		if (!(await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]))) child.kill('SIGKILL');
	};
	const server = { origin, dbFile, stop, output: () => output };

	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited at start-up (${child.exitCode ?? child.signalCode}):\n${output}`);
		const res = await fetch(`${origin}${probePath}`, { redirect: 'manual' }).catch(() => null);
		await res?.arrayBuffer();
		if (res && res.status < 500) return server;
		await sleep(200);
	}
	await stop();
	throw new Error(`the server did not answer within 60 s:\n${output}`);
}
