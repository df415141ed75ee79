// Starts the built portal for Playwright on a fresh data directory: node tests/support/serve.mjs <port> <name> [issuer]
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
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
const server = spawn(process.execPath, ['build/index.js'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
