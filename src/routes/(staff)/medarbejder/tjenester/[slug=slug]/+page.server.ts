import { error, fail, redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { can, requireStaff } from '$lib/server/auth/guards';
import { db, first, tables } from '$lib/server/db';
import { deliveryModes, lifeSituations, loaLevels, serviceKinds } from '$lib/server/db/schema';
import { postedValues } from '$lib/server/forms/editing';
import { formOverview } from '$lib/server/forms/store';
import { formDataOf } from '$lib/server/http';
import { readService, saveService } from '$lib/server/services/admin';
import { eq } from 'drizzle-orm';
import type { Actions, PageServerLoad } from './$types';

/** Only a published form can run a service: a citizen pressing "Start nu" must find its first page. */
const publishedFormIds = async () => (await formOverview()).filter((f) => f.published !== null).map((f) => f.formId);

/** `ny` is a new service; any other slug the one to edit. */
const NEW = 'ny';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.editCatalogue);
	const service = event.params.slug === NEW ? null : await first(db().select().from(tables.services).where(eq(tables.services.slug, event.params.slug)).limit(1));
	if (event.params.slug !== NEW && !service) error(404, 'not_found');
	return {
		service,
		isNew: !service,
		forms: await publishedFormIds(),
		kinds: serviceKinds,
		deliveryModes,
		lifeSituations,
		loaLevels,
		saved: event.url.searchParams.has('gemt')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const staff = requireStaff(event, can.editCatalogue);
		const isNew = event.params.slug === NEW;
		const data = await formDataOf(event.request);
		const values = postedValues(data);
		const get = (n: string) => (typeof values[n] === 'string' ? (values[n] as string) : '');
		const { service, errors } = readService(get, isNew ? null : event.params.slug, await publishedFormIds());
		if (errors.length) return fail(400, { errors, values });
		const refused = await saveService(service, isNew, staff.id);
		if (refused.length) return fail(400, { errors: refused, values });
		redirect(303, `${routes.serviceEditor(service.slug)}?gemt=1`);
	}
};
