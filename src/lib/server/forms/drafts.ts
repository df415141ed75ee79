import { and, desc, eq, gt, lte } from 'drizzle-orm';
import { prefill } from '$lib/forms/engine';
import type { Answers, FormContext, FormDefinition } from '$lib/forms/types';
import { draftRetentionDays } from '$lib/server/config';
import { db, tables } from '$lib/server/db';
import type { Draft } from '$lib/server/db/schema';
import type { Subject } from '$lib/server/auth/guards';
import { auditSubject } from '$lib/server/audit/log';
import { recordFormEvent } from '$lib/server/channels/events';
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
export function openDraft(subject: Subject, form: FormDefinition, ctx: FormContext, now = new Date()): Draft {
	const { citizen, actor } = subject;
	return db().transaction(
		(tx) => {
			const existing = tx
				.select()
				.from(tables.drafts)
				.where(
					and(
						eq(tables.drafts.citizenId, citizen.id),
						eq(tables.drafts.formId, form.id),
						gt(tables.drafts.expiresAt, now)
					)
				)
				.orderBy(desc(tables.drafts.updatedAt))
				.get();
			if (existing) {
				auditSubject(subject, 'view', 'draft', existing.id, tx);
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
				channel: actor.channel,
				assistance: actor.assistance,
				createdAt: now,
				updatedAt: now,
				expiresAt: expiry(now)
			};
			tx.insert(tables.drafts).values(draft).run();
			recordFormEvent('form_started', form.serviceSlug, actor, citizen.cpr, now, tx);
			auditSubject(subject, 'update', 'draft', draft.id, tx);
			return draft;
		},
		{ behavior: 'immediate' }
	);
}

/** A draft the citizen owns and that has not expired; anything else is "not found". */
export function findDraft(draftId: string, citizenId: string, now = new Date()): Draft | undefined {
	return db()
		.select()
		.from(tables.drafts)
		.where(
			and(eq(tables.drafts.id, draftId), eq(tables.drafts.citizenId, citizenId), gt(tables.drafts.expiresAt, now))
		)
		.get();
}

export function saveDraftAnswers(draftId: string, answers: Answers, now = new Date()): void {
	db().update(tables.drafts)
		.set({ answers, updatedAt: now, expiresAt: expiry(now) })
		.where(eq(tables.drafts.id, draftId))
		.run();
}

export function draftsOf(citizenId: string, now = new Date()): Draft[] {
	return db()
		.select()
		.from(tables.drafts)
		.where(and(eq(tables.drafts.citizenId, citizenId), gt(tables.drafts.expiresAt, now)))
		.orderBy(desc(tables.drafts.updatedAt))
		.all();
}

export function deleteDraft(draftId: string): void {
	deleteUploads({ draftIds: [draftId] });
	db().delete(tables.drafts).where(eq(tables.drafts.id, draftId)).run();
}

/** The purge job: expired drafts go, with their uploaded files. */
export function purgeExpiredDrafts(now = new Date()): number {
	const expired = db()
		.select({ id: tables.drafts.id })
		.from(tables.drafts)
		.where(lte(tables.drafts.expiresAt, now))
		.all()
		.map((d) => d.id);
	for (const id of expired) deleteDraft(id);
	return expired.length;
}
