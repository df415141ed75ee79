// The server's own command lines, loaded through Vite so that they are the same code the portal
// runs, validation and all; they read DATABASE_URL or DATA_DIR as the portal does.
//   npm run forms -- export ID [FILE] | import FILE          (src/lib/server/cli/forms.ts)
//   npm run admin -- create --username U --name N --unit U --email E | link U | demo-code
//                                                            (src/lib/server/cli/admin.ts)
import { createServer } from 'vite';

const [name, ...args] = process.argv.slice(2);
const vite = await createServer({ server: { middlewareMode: true, hmr: false, watch: null }, appType: 'custom', logLevel: 'error' });
try {
	const { main } = await vite.ssrLoadModule(`/src/lib/server/cli/${name}.ts`);
	process.exitCode = await main(args);
} finally {
	await vite.close();
}
