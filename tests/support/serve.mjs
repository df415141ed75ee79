// Starts the built portal for Playwright on a fresh data directory: node tests/support/serve.mjs <port> <name> [issuer]
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
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
