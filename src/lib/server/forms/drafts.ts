import { and, desc, eq, gt, lte } from 'drizzle-orm';
import { prefill } from '$lib/forms/engine';
import type { Answers, FormContext, FormDefinition } from '$lib/forms/types';
import { draftRetentionDays } from '$lib/server/config';
import { db, first, forUpdate, tables, transaction } from '$lib/server/db';
import type { Draft } from '$lib/server/db/schema';
import type { Subject } from '$lib/server/auth/guards';
import { auditSubject } from '$lib/server/audit/log';
import { recordFormEvent } from '$lib/server/channels/events';
import { draftStarted } from './funnel';
import { generateId } from './reference';
import { deleteUploads } from './uploads';

const DAY = 24 * 60 * 60 * 1000;

function expiry(now: Date): Date {
	return new Date(now.getTime() + draftRetentionDays() * DAY);
}

/**
 * Returns the citizen's open draft for the form, or starts one pre-filled from the register.
 * Starting is a contact event of its own, so that reports can tell started from submitted.
 * A draft started by staff for the citizen is the citizen's, to continue online later.
 */
export function openDraft(subject: Subject, form: FormDefinition, ctx: FormContext, now = new Date()): Promise<Draft> {
	const { citizen, actor } = subject;
	const d = tables.drafts;
	return transaction(async () => {
		// The citizen's row locked first: two starts at once (a double click) make one draft.
		await first(forUpdate(db().select({ id: tables.citizens.id }).from(tables.citizens).where(eq(tables.citizens.id, citizen.id)).limit(1)));
		const existing = await first(
			db()
				.select()
				.from(d)
				.where(and(eq(d.citizenId, citizen.id), eq(d.formId, form.id), gt(d.expiresAt, now)))
				.orderBy(desc(d.updatedAt))
				.limit(1)
		);
		if (existing) {
			await auditSubject(subject, 'view', 'draft', existing.id);
			return existing;
		}
		const draft: Draft = {
			id: generateId(),
			citizenId: citizen.id,
			formId: form.id,
			formVersion: form.version,
			serviceSlug: form.serviceSlug,
			answers: prefill(form, {}, ctx),
			operatorStaffId: subject.operator?.id ?? null,
			proxyCitizenId: subject.proxy?.holder.id ?? null,
			proxyReference: subject.proxy?.reference ?? null,
			channel: actor.channel,
			assistance: actor.assistance,
			createdAt: now,
			updatedAt: now,
			expiresAt: expiry(now),
			pagesSeen: null,
			lastPage: null
		};
		await db().insert(d).values(draft);
		await recordFormEvent('form_started', form.serviceSlug, actor, citizen.cpr, now);
		await draftStarted(draft.id);
		await auditSubject(subject, 'update', 'draft', draft.id);
		return draft;
	});
}

/** A draft the citizen owns and that has not expired; anything else is "not found". */
export function findDraft(draftId: string, citizenId: string, now = new Date()): Promise<Draft | undefined> {
	const d = tables.drafts;
	return first(db().select().from(d).where(and(eq(d.id, draftId), eq(d.citizenId, citizenId), gt(d.expiresAt, now))).limit(1));
}

export async function saveDraftAnswers(draftId: string, answers: Answers, now = new Date()): Promise<void> {
	await db().update(tables.drafts).set({ answers, updatedAt: now, expiresAt: expiry(now) }).where(eq(tables.drafts.id, draftId));
}

export function draftsOf(citizenId: string, now = new Date()): Promise<Draft[]> {
	const d = tables.drafts;
	return db()
		.select()
		.from(d)
		.where(and(eq(d.citizenId, citizenId), gt(d.expiresAt, now)))
		.orderBy(desc(d.updatedAt));
}

export async function deleteDraft(draftId: string): Promise<void> {
	await deleteUploads({ draftIds: [draftId] });
	await db().delete(tables.drafts).where(eq(tables.drafts.id, draftId));
}

/** The purge job: expired drafts go, with their uploaded files. */
export async function purgeExpiredDrafts(now = new Date()): Promise<number> {
	const expired = await db().select({ id: tables.drafts.id }).from(tables.drafts).where(lte(tables.drafts.expiresAt, now));
	for (const { id } of expired) await deleteDraft(id);
	return expired.length;
}
