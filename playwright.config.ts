import { defineConfig, devices } from '@playwright/test';

// E2E_PORT_BASE moves the three servers (app, OIDC app, issuer at base+1 and base-162) so a
// second checkout can run its tests beside this one; unset, the ports are CI's.
const PORT = Number(process.env.E2E_PORT_BASE || 4173);
export const BASE_URL = `http://localhost:${PORT}`;
export const OIDC_APP_URL = `http://localhost:${PORT + 1}`;
export const OIDC_ISSUER = `http://localhost:${PORT - 162}`;
/** Ports for portals a test starts itself (tests/support/portal.ts), one per test. */
export const sparePort = (n: number) => PORT + 20 + n;

/** Debian's Chromium, never a downloaded browser; flags that keep it off the closed network. */
const chromium = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--headless',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
};

export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 2,
	retries: 0,
	// Whole journeys over several devices; a busy machine must not fail them for time.
	timeout: 120_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL: BASE_URL,
		viewport: { width: 360, height: 640 },
		launchOptions: chromium,
		locale: 'da-DK',
		trace: 'off',
		// The service worker is tested in pwa.e2e.ts, which allows it; elsewhere each new context
		// would install it and precache the whole app shell, slowing every test for nothing.
		serviceWorkers: 'block'
	},
	projects: [{ name: 'mobile-chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 360, height: 640 }, launchOptions: chromium } }],
	webServer: [
		{
			command: `node tests/support/serve.mjs ${PORT} e2e`,
			url: `${BASE_URL}/`,
			reuseExistingServer: false,
			timeout: 60_000
		},
		{
			command: `node tests/support/oidc-provider.mjs --port ${PORT - 162} --redirect-uri ${OIDC_APP_URL}/log-ind/oidc/callback`,
			// A TCP check: the provider answers Playwright's HTTP probe slowly on some runs.
			port: PORT - 162,
			reuseExistingServer: false,
			timeout: 30_000
		},
		{
			command: `node tests/support/serve.mjs ${PORT + 1} e2e-oidc ${OIDC_ISSUER}`,
			url: `${OIDC_APP_URL}/`,
			reuseExistingServer: false,
			timeout: 60_000
		}
	]
});
