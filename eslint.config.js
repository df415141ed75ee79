// Static guard rails, run by `npm test` before any test: promises that are neither awaited nor
// handled are the bugs the type checker cannot see (a failed outbox run, a rejected sync).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', '.test-data/', 'test-results/', 'playwright-report/', 'data/', 'drizzle/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				// Files outside the app's tsconfig (the service worker has its own libs).
				projectService: { allowDefaultProject: ['bench/*.ts', 'drizzle.config.ts', 'drizzle.pg.config.ts', 'src/service-worker.ts'] },
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	},
	{
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
			'@typescript-eslint/await-thenable': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			'svelte/button-has-type': 'error',
			'no-restricted-syntax': [
				'error',
				{
					selector: "CallExpression[callee.property.name='catch'] > ArrowFunctionExpression[body.type='BlockStatement'][body.body.length=0]",
					message: 'A failure swallowed without a word: log it, or handle it.'
				}
			],
			// Control characters are matched on purpose: to strip them from calendar text and redirects.
			'no-control-regex': 'off',
			// Internal links are typed route constants (src/lib/routes.ts); Kit's resolve() adds nothing here.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// One data layer for SQLite and PostgreSQL (src/lib/server/db): no engine-only calls.
		files: ['src/lib/server/**/*.ts', 'src/routes/**/*.ts', 'src/hooks.server.ts'],
		ignores: ['src/lib/server/db/client.ts', 'src/lib/server/db/index.ts'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector: "CallExpression[callee.property.name='catch'] > ArrowFunctionExpression[body.type='BlockStatement'][body.body.length=0]",
					message: 'A failure swallowed without a word: log it, or handle it.'
				},
				{
					selector: "CallExpression[arguments.length=0][callee.type='MemberExpression'][callee.property.name=/^(get|all|run)$/]",
					message: "SQLite's synchronous query calls do not exist on PostgreSQL: await the query (first() for one row)."
				},
				{
					selector: "MemberExpression[property.name='transaction'][object.type='CallExpression'][object.callee.name='db']",
					message: 'Use transaction() from $lib/server/db: it works on both engines and every db() inside takes part.'
				},
				{ selector: "MemberExpression[property.name='$client']", message: "The driver's own client is the db module's business." }
			]
		}
	},
	{
		// Plain scripts are not part of the TypeScript project.
		files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
		...ts.configs.disableTypeChecked
	}
);
