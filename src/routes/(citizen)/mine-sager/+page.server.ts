import { firstIncompletePage } from '$lib/forms/engine';
import { routes } from '$lib/routes';
import { accessLogFor, auditSubject, proxyLogFor } from '$lib/server/audit/log';
import { powersHeldBy } from '$lib/server/proxy/acting';
import { appointmentsOf, isChangeable } from '$lib/server/booking/appointments';
import { appointmentTypes } from '$lib/server/booking/setup';
import { requireSubject } from '$lib/server/auth/guards';
import { formContextFor } from '$lib/server/forms/context';
import { formVersion } from '$lib/server/forms/store';
import { draftsOf } from '$lib/server/forms/drafts';
import { submissionsOf } from '$lib/server/forms/submissions';
import { consentsAskedOf } from '$lib/server/cases/consent';
import { pageTexts } from '$lib/server/i18n';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const subject = requireSubject(event);
	const { citizen } = subject;
	await auditSubject(subject, 'view', 'overview', citizen.id);
	const ctx = formContextFor(citizen);
	const typeTitles = new Map((await appointmentTypes()).map((t) => [t.slug, t.texts[event.locals.lang].title]));
	const now = new Date();
	// Acting for another: only what the power of attorney covers.
	const covered = <T extends { serviceSlug: string }>(rows: T[]) => (subject.proxy ? rows.filter((r) => subject.proxy!.services.includes(r.serviceSlug)) : rows);
	const drafts = covered(await draftsOf(citizen.id));
	const submissions = covered(await submissionsOf(citizen.id));
	return {
		appointments: (subject.proxy ? [] : await appointmentsOf(citizen.id))
			.filter((a) => a.end > now && a.status !== 'cancelled')
			.map((a) => ({
				reference: a.reference,
				title: typeTitles.get(a.typeSlug) ?? a.typeSlug,
				start: a.start,
				status: a.status,
				changeable: isChangeable(a, now)
			})),
		saved: event.url.searchParams.has('gemt'),
		drafts: (await Promise.all(drafts.map(async (d) => ({ d, form: await formVersion(d.formId, d.formVersion) })))).flatMap(({ d, form }) => {
			if (!form) return [];
			const page = firstIncompletePage(form, d.answers, ctx);
			return [
				{
					serviceSlug: d.serviceSlug,
					updatedAt: d.updatedAt,
					expiresAt: d.expiresAt,
					continueHref: page ? routes.formPage(d.id, page) : routes.checkAnswers(d.id)
				}
			];
		}),
		submissions: submissions.map((s) => ({
			reference: s.reference,
			serviceSlug: s.serviceSlug,
			status: s.status,
			createdAt: s.createdAt,
			statusChangedAt: s.statusChangedAt
		})),
		// What this parent has been asked to consent to (a child's passport), never under another's power.
		consents: subject.proxy ? [] : (await consentsAskedOf(citizen.cpr)).map((c) => ({ id: c.id, childName: c.childName, state: c.state })),
		accessLog: subject.proxy ? [] : await accessLogFor(citizen.id),
		proxyLog: subject.proxy ? [] : await proxyLogFor(citizen.id),
		// A citizen on their own may act for others who gave them a power (the lookup is cheap to skip when acting).
		holdsPowers: !subject.proxy && !subject.operator && (await powersHeldBy(citizen).catch(() => [])).length > 0,
		texts: await pageTexts(event.locals.lang, { serviceSlugs: [...new Set([...drafts, ...submissions].map((x) => x.serviceSlug))] })
	};
};
