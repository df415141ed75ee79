// Server processes of the bench parts that scripts/bench-server.mjs does not cover: a built
// server on a database of the caller's choosing (PostgreSQL), and `node scripts/start.mjs` with
// INSTANCES=N (node:cluster workers on one port). Each is a child of this process in a process
// group of its own, always ended, also when the bench is interrupted: SIGTERM to the child
// first (start.mjs hands it on to its workers), then SIGKILL to the child's own group.
import { spawn } from 'node:child_process';
import net from 'node:net';

export const sleep = (n) => new Promise((r) => setTimeout(r, n));

const children = new Set();
function killAllNow() {
	for (const child of children) {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* already gone */
		}
	}
}
process.on('exit', killAllNow);

function portIsFree(port) {
	return new Promise((resolve) => {
		const probe = net.createServer();
		probe.once('error', () => resolve(false));
		probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
	});
}

const taken = new Set();
/** A free port among `from`..`from + 99` that this process has not handed out yet. */
export async function freePort(from) {
	for (let i = 0; i < 100; i++) {
		const port = from + ((process.pid + i) % 100);
		if (taken.has(port)) continue;
		if (await portIsFree(port)) {
			taken.add(port);
			return port;
		}
	}
	throw new Error(`no free port in ${from}-${from + 99}`);
}

/** The environment of a bench server: nothing that would reach real services (SMTP, SMS, OIDC). */
export function serverEnv(extra) {
	const env = { ...process.env };
	for (const key of Object.keys(env)) if (/^(SMTP_|SMS_|OIDC_|NODE_ENV$|SEED_DEMO_DATA$|SEED_DEMO_CONTACTS$|CITIZEN_KEY_SECRET$|INSTANCES$|TEST_PG_URL$|DATABASE_POOL_SIZE$)/.test(key)) delete env[key];
	return { ...env, BODY_SIZE_LIMIT: '12M', ...extra };
}

/**
 * Starts `node <args>` in `cwd` with `env` (PORT and ORIGIN among them) and waits until
 * `probePath` answers below 500 and the output has said "Listening on" `listening` times (one
 * per worker: the first worker migrates and seeds, the others start after it).
 */
export async function startServer({ label, cwd, args, env, probePath, listening = 1, log, timeoutMs = 120_000 }) {
	const origin = env.ORIGIN;
	log(`${label}: starting node ${args.join(' ')} on ${origin}${env.INSTANCES ? ` (INSTANCES=${env.INSTANCES})` : ''}…`);
	const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	children.add(child);
	let output = '';
	const keep = (chunk) => {
		output += chunk.toString();
		if (output.length > 200_000) output = output.slice(-100_000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const exitedAlready = () => child.exitCode !== null || child.signalCode !== null;

	const stop = async () => {
		if (!exitedAlready()) {
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			if (!(await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]))) log(`${label}: did not end within 10 s of SIGTERM; killing its process group`);
		}
		// Whatever of its group is left (a worker of start.mjs's that outlived the primary).
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* the group is gone */
		}
		children.delete(child);
	};
	const server = { label, origin, pid: child.pid, stop, output: () => output };

	const started = performance.now();
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (exitedAlready()) throw new Error(`${label}: the server exited at start-up (${child.exitCode ?? child.signalCode}):\n${output}`);
		const res = await fetch(`${origin}${probePath}`, { redirect: 'manual' }).catch(() => null);
		await res?.arrayBuffer();
		const workers = output.match(/Listening on /g)?.length ?? 0;
		if (res && res.status < 500 && workers >= listening) {
			server.startMs = performance.now() - started;
			return server;
		}
		await sleep(200);
	}
	await stop();
	throw new Error(`${label}: the server did not answer within ${timeoutMs / 1000} s:\n${output}`);
}
