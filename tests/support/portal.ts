import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface Portal {
	url: string;
	dataDir: string;
	process: ChildProcess;
	/** Every line the server wrote to stdout and stderr, in order. */
	log: string[];
	stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * A portal of a test's own: the built server on a fresh data directory and port, with the
 * settings the test needs (an unreachable broker, a gateway that never answers). Stopped by the
 * test, by its PID.
 */
export async function startPortal(name: string, port: number, env: Record<string, string> = {}, opts: { keepData?: boolean } = {}): Promise<Portal> {
	const dataDir = path.resolve('.test-data', name);
	if (!opts.keepData) rmSync(dataDir, { recursive: true, force: true });
	mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const url = `http://localhost:${port}`;
	const child = spawn(process.execPath, ['build/index.js'], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			DATA_DIR: dataDir,
			DATABASE_URL: path.join(dataDir, 'indgang.db'),
			BODY_SIZE_LIMIT: '12M',
			SEED_DEMO_CONTACTS: 'false',
			...env
		}
	});
	const log: string[] = [];
	for (const stream of [child.stdout!, child.stderr!]) {
		let rest = '';
		stream.setEncoding('utf8');
		stream.on('data', (chunk: string) => {
			const lines = (rest + chunk).split('\n');
			rest = lines.pop()!;
			log.push(...lines);
		});
	}
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	for (let i = 0; i < 200; i++) {
		if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${log.join('\n')}`);
		const ok = await fetch(`${url}/`, { redirect: 'manual' }).then(
			(r) => r.status < 500,
			() => false
		);
		if (ok) break;
		await new Promise((r) => setTimeout(r, 150));
	}
	return {
		url,
		dataDir,
		process: child,
		log,
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null) child.kill(signal);
			await exited;
		}
	};
}
