// A throw-away PostgreSQL cluster for the tests: Debian's `postgresql` binaries, a temporary
// folder, a spare port, no password (trust, on 127.0.0.1 and a socket in the folder only), and
// durability switched off because nothing in it outlives the run. PostgreSQL refuses to run as
// root, so as root the cluster belongs to the unprivileged `postgres` user (or `nobody`).
// Only Node built-ins here: the test command uses it before anything else is known to work.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The newest installed server's bin folder, or null. PG_BIN overrides. */
export function findPostgres() {
	if (process.env.PG_BIN) return existsSync(path.join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : null;
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return null;
	const versions = readdirSync(root)
		.filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(root, versions[0], 'bin') : null;
}

function sparePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

/** The uid/gid to run the server as: ourselves, unless we are root. */
function serverUser() {
	if (process.getuid?.() !== 0) return null;
	for (const name of ['postgres', 'nobody']) {
		const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
		if (r.status === 0) {
			const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim();
			return { name, uid: Number(r.stdout.trim()), gid: Number(gid) };
		}
	}
	throw new Error('running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as');
}

/**
 * Starts a cluster; returns its URL (database `postgres`, superuser `indgang`) and a stop
 * function that ends the server and removes the folder.
 */
export async function startCluster(bin = findPostgres()) {
	if (!bin) throw new Error('PostgreSQL not found (install Debian package postgresql)');
	const dir = mkdtempSync(path.join(os.tmpdir(), 'indgang-pg-'));
	const data = path.join(dir, 'data');
	const user = serverUser();
	if (user) {
		chownSync(dir, user.uid, user.gid);
		chmodSync(dir, 0o700);
	}
	const as = (cmd, args) =>
		user ? execFileSync('setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', path.join(bin, cmd), ...args], { stdio: 'pipe', cwd: dir }) : execFileSync(path.join(bin, cmd), args, { stdio: 'pipe', cwd: dir });
	as('initdb', ['-D', data, '-A', 'trust', '-U', 'indgang', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
	const port = await sparePort();
	const options = [
		`-p ${port}`,
		"-c listen_addresses='127.0.0.1'",
		`-c unix_socket_directories='${dir}'`,
		'-c fsync=off',
		'-c synchronous_commit=off',
		'-c full_page_writes=off',
		'-c max_connections=200',
		'-c shared_buffers=128MB'
	].join(' ');
	as('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
	let stopped = false;
	const stop = () => {
		if (stopped) return;
		stopped = true;
		try {
			as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
		} catch {
			// already gone: the folder goes anyway
		}
		rmSync(dir, { recursive: true, force: true });
	};
	return { url: `postgres://indgang@127.0.0.1:${port}/postgres`, dir, stop };
}

// `node scripts/pg-cluster.mjs` starts one and keeps it until Ctrl-C, printing its URL: for
// running single test files on PostgreSQL (TEST_PG_URL=… npx vitest run …).
if (import.meta.url === `file://${process.argv[1]}`) {
	const { url, stop } = await startCluster();
	console.log(url);
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => {
			stop();
			process.exit(0);
		});
	}
	setInterval(() => {}, 1 << 30);
}
