// Starts the built portal for Playwright on a fresh data directory: node tests/support/serve.mjs <port> <name> [issuer]
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import path from 'node:path';

const [port, name, issuer] = process.argv.slice(2);
const dataDir = path.resolve('.test-data', name);
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const env = {
	...process.env,
	PORT: port,
	HOST: '127.0.0.1',
	ORIGIN: `http://localhost:${port}`,
	DATA_DIR: dataDir,
	DATABASE_URL: path.join(dataDir, 'indgang.db'),
	BODY_SIZE_LIMIT: '12M'
};
// E2E_PG_URL (a PostgreSQL server): the portal runs on a fresh database of its own there, and
// the tests find its URL beside the data directory (tests/support/db.ts).
const urlFile = path.resolve('.test-data', `${name}.database-url`);
rmSync(urlFile, { force: true });
if (process.env.E2E_PG_URL) {
	const database = `indgang_e2e_${name.replace(/\W/g, '_')}`;
	const admin = new pg.Client({ connectionString: process.env.E2E_PG_URL });
	await admin.connect();
	await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
	await admin.query(`CREATE DATABASE ${database}`);
	await admin.end();
	const url = new URL(process.env.E2E_PG_URL);
	url.pathname = `/${database}`;
	env.DATABASE_URL = url.href;
	writeFileSync(urlFile, url.href);
}
if (issuer) {
	Object.assign(env, { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'indgang', OIDC_CLIENT_SECRET: 'test-secret' });
}
// The server's log is kept for the test command's check that no line holds personal data.
const logDir = path.resolve('.test-data', 'logs');
mkdirSync(logDir, { recursive: true });
const logFile = createWriteStream(path.join(logDir, `${name}.log`));
const server = spawn(process.execPath, ['build/index.js'], { stdio: ['ignore', 'pipe', 'pipe'], env });
server.stdout.pipe(logFile);
server.stderr.on('data', (chunk) => {
	logFile.write(chunk);
	process.stderr.write(chunk);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
