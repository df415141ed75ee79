// `npm start`: install if needed, build if there is no build, then serve. Migrations and the
// idempotent demo seed run inside the server at start-up (hooks.server.ts `init`).
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
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

console.log(`Indgang on ${env.ORIGIN} (database ${env.DATABASE_URL})`);
const server = spawn(process.execPath, ['build/index.js'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
