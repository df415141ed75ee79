import { error, fail, redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { can, requireStaff, requireSubject } from '$lib/server/auth/guards';
import { powersAround } from '$lib/server/proxy/acting';
import { activeExemptions, endExemption, exemptableServices, readExemption, recordExemption } from '$lib/server/assisted/exemptions';
import { endServing, readServeRequest, servedView, startServing } from '$lib/server/assisted/serve';
import { auditSubject } from '$lib/server/audit/log';
import { exemptionReasons } from '$lib/server/db/schema';
import { servingIdleSeconds } from '$lib/server/config';
import { formDataOf } from '$lib/server/http';
import { activeServices } from '$lib/server/services/catalog';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.serveCitizens);
	const services = (await activeServices()).map((s) => ({ slug: s.slug, hasForm: s.kind === 'form' && !!s.formId }));
	const { session, assisted } = event.locals;
	if (!session || !assisted) {
		const ended = event.url.searchParams.get('afsluttet');
		return {
			serving: null,
			services,
			ended: ended === 'inaktiv' ? ('idle' as const) : ended ? ('done' as const) : null,
			servingIdleMinutes: Math.round(servingIdleSeconds() / 60)
		};
	}
	const subject = requireSubject(event);
	const exemptions = await activeExemptions(subject.citizen.cpr);
	if (exemptions.length) await auditSubject(subject, 'view', 'exemption', subject.citizen.id);
	return {
		serving: servedView(assisted, session),
		services,
		exemptable: await exemptableServices(),
		reasons: exemptionReasons,
		exemptions,
		// Whether the citizen holds or has given powers of attorney: staff may then meet a relative acting for them.
		powers: await powersAround(subject.citizen.cpr).catch(() => null),
		ended: null
	};
};

export const actions: Actions = {
	start: async (event) => {
		const staff = requireStaff(event, can.serveCitizens);
		const data = await formDataOf(event.request);
		const { request, errors, values } = await readServeRequest(data);
		if (!request) return fail(400, { section: 'start', errors, values });
		const result = await startServing(event.locals.session!, staff, request);
		if (!result.ok) return fail(result.code === 'busy' ? 409 : 400, { section: 'start', errors: [{ fieldId: 'cpr', code: result.code }], values });
		redirect(303, routes.serveCitizen);
	},
	end: async (event) => {
		requireStaff(event, can.serveCitizens);
		await endServing(event.locals.session!.id);
		const idle = (await formDataOf(event.request)).get('aarsag') === 'inaktiv';
		redirect(303, `${routes.serveCitizen}?afsluttet=${idle ? 'inaktiv' : '1'}`);
	},
	exempt: async (event) => {
		requireStaff(event, can.serveCitizens);
		const subject = requireSubject(event);
		const data = await formDataOf(event.request);
		const { value, errors } = await readExemption(data);
		if (!value) return fail(400, { section: 'exempt', errors, values: Object.fromEntries([...data].map(([k, v]) => [k, String(v)])) });
		await recordExemption(subject, value);
		return { section: 'exempt', saved: true };
	},
	endExempt: async (event) => {
		requireStaff(event, can.serveCitizens);
		const subject = requireSubject(event);
		const id = Number((await formDataOf(event.request)).get('id'));
		if (!Number.isInteger(id) || !await endExemption(subject, id)) error(404, 'not_found');
		return { section: 'exempt', ended: true };
	}
};
