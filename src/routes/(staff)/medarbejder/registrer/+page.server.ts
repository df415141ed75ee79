import { error, redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { can, requireStaff } from '$lib/server/auth/guards';
import { busiestServices, registerContact, registeredChannels, type RegisteredChannel } from '$lib/server/channels/register';
import { activeServices } from '$lib/server/services/catalog';
import { formDataOf } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

/** Staff mostly sit at one channel for hours: the last one used is chosen already. */
const CHANNEL_COOKIE = 'registrer_kanal';
const isChannel = (v: unknown): v is RegisteredChannel => (registeredChannels as readonly unknown[]).includes(v);

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.registerContacts);
	const remembered = event.cookies.get(CHANNEL_COOKIE);
	const services = await activeServices();
	const last = event.url.searchParams.get('registreret')?.split(':') ?? null;
	return {
		channels: registeredChannels,
		channel: isChannel(remembered) ? remembered : 'phone',
		services: await busiestServices(services.map((s) => s.slug)),
		// Only a confirmation of something that can have been registered is shown.
		last:
			last && last.length === 3 && services.some((s) => s.slug === last[0]) && (last[1] === 'information' || last[1] === 'transaction') && isChannel(last[2])
				? { serviceSlug: last[0], kind: last[1], channel: last[2] }
				: null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const staff = requireStaff(event, can.registerContacts);
		const data = await formDataOf(event.request);
		const channel = data.get('kanal');
		const [serviceSlug, kind] = String(data.get('henvendelse') ?? '').split(':');
		const known = (await activeServices()).some((s) => s.slug === serviceSlug);
		if (!isChannel(channel) || !known || (kind !== 'information' && kind !== 'transaction')) error(400, 'bad_request');
		await registerContact({
			serviceSlug,
			channel,
			kind,
			couldBeDigital: data.get('kunneDigitalt') === '1',
			referredToDigital: data.get('henvist') === '1',
			staffRole: staff.role,
			staffUnit: staff.unit
		});
		event.cookies.set(CHANNEL_COOKIE, channel, { path: routes.registerContact, httpOnly: true, secure: true, sameSite: 'lax', maxAge: 60 * 60 * 12 });
		redirect(303, `${routes.registerContact}?registreret=${serviceSlug}:${kind}:${channel}`);
	}
};
