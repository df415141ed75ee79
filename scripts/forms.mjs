// `npm run forms -- export ID [FILE]` and `npm run forms -- import FILE`: the server's own
// form store (src/lib/server/cli/forms.ts), loaded through Vite so that it is the same code
// the portal runs, validation and all. Reads DATABASE_URL or DATA_DIR as the portal does.
import { createServer } from 'vite';

const vite = await createServer({ server: { middlewareMode: true, hmr: false, watch: null }, appType: 'custom', logLevel: 'error' });
try {
	const { main } = await vite.ssrLoadModule('/src/lib/server/cli/forms.ts');
	process.exitCode = await main(process.argv.slice(2));
} finally {
	await vite.close();
}
