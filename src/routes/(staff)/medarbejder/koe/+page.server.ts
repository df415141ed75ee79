import { error, fail } from '@sveltejs/kit';
import { isId } from '$lib/ids';
import { can, requireStaff } from '$lib/server/auth/guards';
import { callNext, finishTicket, issueTicket, markAppointment, queueOverview } from '$lib/server/booking/counter';
import { appointmentTypes, counters } from '$lib/server/booking/setup';
import { formDataOf } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireStaff(event, can.runCounter);
	const lang = event.locals.lang;
	const titles = new Map((await appointmentTypes()).map((t) => [t.slug, t.texts[lang].title]));
	const q = await queueOverview();
	const title = (slug: string) => titles.get(slug) ?? slug;
	return {
		types: [...titles].map(([slug, title]) => ({ slug, title })),
		counters: (await counters()).map((c) => ({ id: c.id, name: c.names[lang] })),
		waitingAppointments: q.appointments.map((a) => ({ id: a.id, name: a.name, start: a.start, type: title(a.typeSlug), checkedInAt: a.checkedInAt })),
		waitingTickets: q.tickets.map((t) => ({ id: t.id, label: t.label, type: title(t.typeSlug), issuedAt: t.issuedAt })),
		called: [
			...q.called.appointments.map((a) => ({ kind: 'appointment' as const, id: a.id, label: a.name, type: title(a.typeSlug), counterId: a.calledCounterId ?? a.counterId })),
			...q.called.tickets.map((t) => ({ kind: 'ticket' as const, id: t.id, label: t.label, type: title(t.typeSlug), counterId: t.counterId! }))
		]
	};
};

export const actions: Actions = {
	ticket: async (event) => {
		const staff = requireStaff(event, can.runCounter);
		const type = (await formDataOf(event.request)).get('type');
		const ticket = typeof type === 'string' ? await issueTicket(type, staff.role) : null;
		if (!ticket) return fail(400, { errors: [{ fieldId: 'type', code: 'type_required' }] });
		return { ticket: ticket.label };
	},
	call: async (event) => {
		requireStaff(event, can.runCounter);
		const counterId = (await formDataOf(event.request)).get('counter');
		if (typeof counterId !== 'string' || !(await counters()).some((c) => c.id === counterId)) error(400, 'bad_request');
		const called = await callNext(counterId);
		return { called: called ? { label: called.label, counterId } : null, calledNobody: !called };
	},
	finish: async (event) => {
		const staff = requireStaff(event, can.runCounter);
		const data = await formDataOf(event.request);
		const id = data.get('id');
		if (!isId(id)) error(400, 'bad_request');
		if (data.get('kind') === 'ticket') await finishTicket(id);
		else await markAppointment(id, 'done', staff);
		return { finished: true };
	}
};
