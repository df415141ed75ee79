// `npm start`: install if needed, build if there is no build, then serve. Migrations and the
// idempotent demo seed run inside the server at start-up (hooks.server.ts `init`).
import { execSync } from 'node:child_process';
import cluster from 'node:cluster';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDeps } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
ensureDeps();
if (!existsSync('build/index.js') || process.argv.includes('--build')) {
	console.log('Building…');
	execSync('npx vite build', { stdio: 'inherit' });
}

const env = { ...process.env };
env.PORT ??= '3000';
env.HOST ??= '0.0.0.0';
// adapter-node refuses form posts whose Origin differs from ORIGIN; default to what we serve.
env.ORIGIN ??= `http://localhost:${env.PORT}`;
env.DATA_DIR ??= path.join(root, 'data');
env.DATABASE_URL ??= path.join(env.DATA_DIR, 'indgang.db');
env.BODY_SIZE_LIMIT ??= '12M';
mkdirSync(env.DATA_DIR, { recursive: true, mode: 0o700 });

const instances = workerCount(env.INSTANCES);
console.log(`Indgang on ${env.ORIGIN} (database ${env.DATABASE_URL}, ${instances} ${instances === 1 ? 'process' : 'processes'})`);

// The workers share one port (the primary hands out connections). The first starts alone:
// it migrates the database and seeds the demo, which the others would otherwise wait for in
// the database's lock anyway; then the rest start together. A worker that dies is replaced;
// SIGTERM/SIGINT are passed on, and each worker finishes its requests and gives back its
// leases before it ends (adapter-node's graceful shutdown, then hooks.server.ts).
cluster.setupPrimary({ exec: path.join(root, 'build/index.js'), silent: false });
env.INDGANG_CLUSTER = '1';

// /metrics on any worker answers for the machine: the worker asks here, every worker sends its
// snapshot, and the asking worker gets them all (src/lib/server/metrics.ts sums them).
const collections = new Map();
let collected = 0;
function answer(id) {
	const c = collections.get(id);
	if (!c) return;
	collections.delete(id);
	clearTimeout(c.timer);
	c.requester.send({ indgang: 'metrics-response', id: c.requestId, all: c.all });
}
cluster.on('message', (worker, m) => {
	if (m?.indgang === 'metrics-request') {
		const id = ++collected;
		const workers = Object.values(cluster.workers ?? {}).filter(Boolean);
		collections.set(id, { all: [], left: workers.length, requester: worker, requestId: m.id, timer: setTimeout(() => answer(id), 1_000) });
		for (const w of workers) w.send({ indgang: 'metrics-collect', id });
	} else if (m?.indgang === 'metrics-snapshot') {
		const c = collections.get(m.id);
		if (!c) return;
		c.all.push(m.data);
		if (--c.left === 0) answer(m.id);
	}
});
let stopping = false;
const started = new Set();
function fork() {
	const worker = cluster.fork(env);
	worker.once('listening', () => {
		started.add(worker.id);
		if (started.size === 1) for (let i = 1; i < instances; i++) fork();
	});
	return worker;
}
cluster.on('exit', (worker, code, signal) => {
	if (stopping) {
		if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
		return;
	}
	if (!started.has(worker.id)) {
		// It never came up (a wrong setting, an unreachable database): starting it again would loop.
		console.error(`Indgang did not start (exit ${code ?? signal}).`);
		process.exit(code || 1);
	}
	console.error(`A worker ended (${code ?? signal}); starting another.`);
	fork();
});
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		if (stopping) return;
		stopping = true;
		for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
	});
}
fork();

/** INSTANCES: a number, or `auto` for one per core; 1 when unset. */
function workerCount(value) {
	if (!value) return 1;
	if (value === 'auto') return os.availableParallelism();
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1 || n > 64) {
		console.error(`INSTANCES must be a whole number from 1 to 64, or auto (it is "${value}").`);
		process.exit(2);
	}
	return n;
}
