// The bench's stand-in for `node scripts/start.mjs` with INSTANCES=N, used only when start.mjs
// would first run `npm ci` (its node_modules older than the package-lock.json beside it), which
// the bench must never cause: the same node:cluster set-up (workers sharing one port, each
// running build/index.js of the working directory; the first alone, then the rest; SIGTERM and
// SIGINT handed on), without installing or building anything. Its environment is the caller's.
import cluster from 'node:cluster';
import path from 'node:path';

const instances = Number(process.env.INSTANCES || 1);
if (!Number.isInteger(instances) || instances < 1 || instances > 64) {
	console.error(`INSTANCES must be a whole number from 1 to 64 (it is "${process.env.INSTANCES}").`);
	process.exit(2);
}
console.log(`Indgang (bench/cluster.mjs) on ${process.env.ORIGIN} (database ${process.env.DATABASE_URL}, ${instances} processes)`);
cluster.setupPrimary({ exec: path.resolve('build/index.js'), silent: false });
let stopping = false;
const started = new Set();
function fork() {
	const worker = cluster.fork(process.env);
	worker.once('listening', () => {
		started.add(worker.id);
		if (started.size === 1) for (let i = 1; i < instances; i++) fork();
	});
}
cluster.on('exit', (worker, code, signal) => {
	if (stopping) {
		if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
		return;
	}
	console.error(`A worker ended (${code ?? signal}).`);
	process.exit(code || 1);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		if (stopping) return;
		stopping = true;
		for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
	});
}
fork();
