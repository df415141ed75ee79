import { eq } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { closeDatabase, db, first, openDatabase, tables } from '$lib/server/db';
import { createAccount, readAccountInput, sendSetupLink } from '$lib/server/auth/accounts';
import { totpCode, totpStep } from '$lib/server/auth/second-factor';
import { DEMO_TOTP_KEY } from '$lib/server/db/seed';
import { rekeyCitizens } from '$lib/server/channels/rekey';
import { citizenKeyring } from '$lib/server/config';

const USAGE = [
	'Usage: npm run admin -- create --username U --name "Full Name" --unit "Unit" --email E   (a new administrator)',
	'       npm run admin -- link USERNAME                                                 (a new set-up link)',
	'       npm run admin -- demo-code                                                     (the demo accounts\' current code)',
	'       npm run admin -- rekey                                                         (after rotating CITIZEN_KEY_SECRET)'
].join('\n');

/**
 * `npm run admin`: the first administrator of an empty installation, or a new set-up link for
 * an account that lost its password and phone. Both print the one-time link (and send it, as
 * the portal does). Exit code 0 on success, 1 on a refusal, 2 on misuse.
 */
export async function main(args: string[]): Promise<number> {
	const [command, ...rest] = args;
	if (command === 'demo-code') {
		// The demo key is published in the README; a real account's key never leaves the database.
		console.log(totpCode(DEMO_TOTP_KEY, totpStep(Date.now())));
		return 0;
	}
	if (command === 'create') {
		let values: Record<string, string | undefined>;
		try {
			values = parseArgs({ args: rest, options: { username: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string' }, email: { type: 'string' } } }).values;
		} catch (e) {
			console.error(e instanceof Error ? e.message : String(e));
			console.error(USAGE);
			return 2;
		}
		const form = new FormData();
		for (const [field, value] of [['username', values.username], ['displayName', values.name], ['unit', values.unit], ['email', values.email], ['role', 'admin']])
			form.set(field!, value ?? '');
		const { input, errors } = readAccountInput(form, []);
		if (errors.length) {
			for (const e of errors) console.error(`${e.fieldId}: ${e.code}`);
			console.error(USAGE);
			return 1;
		}
		await openDatabase();
		try {
			const created = await createAccount(null, input);
			if (!created.ok) {
				for (const e of created.errors) console.error(`${e.fieldId}: ${e.code}`);
				return 1;
			}
			console.log(`Administrator ${input.username} created. Set-up link (works once, sent to ${input.email} too):\n${created.link}`);
			return 0;
		} finally {
			await closeDatabase();
		}
	}
	if (command === 'rekey') {
		await openDatabase();
		try {
			const done = await rekeyCitizens();
			console.log(`Keys moved to version ${citizenKeyring().current.version}: ${done.citizens} citizens, ${done.events} contact events, ${done.exemptions} exemptions.`);
			return 0;
		} catch (e) {
			console.error(e instanceof Error ? e.message : String(e));
			return 1;
		} finally {
			await closeDatabase();
		}
	}
	if (command === 'link' && rest.length === 1) {
		await openDatabase();
		try {
			const account = await first(db().select().from(tables.staffUsers).where(eq(tables.staffUsers.username, rest[0].toLowerCase())).limit(1));
			if (!account) {
				console.error(`No account with the username ${rest[0]}.`);
				return 1;
			}
			console.log(`Set-up link for ${account.username} (works once; the current password works until it is used):\n${await sendSetupLink(null, account.id)}`);
			return 0;
		} finally {
			await closeDatabase();
		}
	}
	console.error(USAGE);
	return 2;
}
