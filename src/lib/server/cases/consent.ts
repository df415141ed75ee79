import { and, desc, eq, inArray } from 'drizzle-orm';
import type { FormDefinition } from '$lib/forms/types';
import { routes } from '$lib/routes';
import { ensureCitizen } from '$lib/server/auth/citizens';
import type { Subject } from '$lib/server/auth/guards';
import { publicOrigin } from '$lib/server/config';
import { db, first, tables, transaction } from '$lib/server/db';
import type { Consent, Submission } from '$lib/server/db/schema';
import { recordContactEvent, staffOf } from '$lib/server/channels/events';
import { generateId } from '$lib/server/forms/reference';
import { serverT } from '$lib/server/i18n';
import { sendSoon } from '$lib/server/outbox';
import { letterText, queueLetter } from '$lib/server/post';
import { personRegister } from '$lib/server/register';

/**
 * A child's passport: the other parent is asked in their own Digital Post, in the submission's
 * transaction. The letter names the child and the applicant, and links to the consent page,
 * which only that parent, signed in with MitID, can answer.
 */
export async function askParentConsent(submission: Submission, form: FormDefinition, applicantName: string | null): Promise<void> {
	const rule = form.parentConsent;
	const cpr = rule && submission.answers[rule.question]?.value;
	if (!rule || typeof cpr !== 'string') return;
	const child = submission.answers[rule.childQuestion];
	const childId = typeof child?.value === 'string' ? child.value : null;
	const childName = child?.texts?.[0]?.replace(/\s*\(.*\)$/, '') ?? (childId && personRegister().findById(childId)?.name) ?? '';
	const parentName = personRegister().findByCpr(cpr)?.name ?? null;
	const parent = await ensureCitizen(cpr, parentName);
	const id = generateId();
	await db()
		.insert(tables.consents)
		.values({ id, submissionId: submission.id, parentCpr: cpr, parentName: parentName ?? '', childName, state: 'pending', createdAt: new Date() })
		.onConflictDoNothing();
	const t = serverT(submission.lang);
	const params = { child: childName, applicant: applicantName ?? '', url: publicOrigin() + routes.consent(id) };
	await queueLetter({
		citizenId: parent.id,
		kind: 'consent_request',
		dedupeKey: `consent:${submission.id}`,
		title: t('mail.consent.subject', params),
		body: letterText(t, [t('mail.consent.lead', params), t('mail.consent.how', params)], t('mail.consent.greeting')),
		lang: submission.lang,
		// Kept and purged with the case it belongs to.
		submissionId: submission.id
	});
}

export function consentById(id: string): Promise<Consent | undefined> {
	return first(db().select().from(tables.consents).where(eq(tables.consents.id, id)).limit(1));
}

export function consentsOf(submissionIds: string[]): Promise<Consent[]> {
	if (!submissionIds.length) return Promise.resolve([]);
	return db().select().from(tables.consents).where(inArray(tables.consents.submissionId, submissionIds));
}

/** What the named parent has been asked, for their own Mine sager. */
export function consentsAskedOf(cpr: string): Promise<Consent[]> {
	const c = tables.consents;
	return db().select().from(c).where(eq(c.parentCpr, cpr)).orderBy(desc(c.createdAt));
}

/** Who applied, by name, as the parent's letter says. */
export async function applicantOf(consent: Consent): Promise<string> {
	const row = await first(
		db()
			.select({ name: tables.citizens.name })
			.from(tables.submissions)
			.innerJoin(tables.citizens, eq(tables.citizens.id, tables.submissions.citizenId))
			.where(eq(tables.submissions.id, consent.submissionId))
			.limit(1)
	);
	return row?.name ?? '';
}

/** Only the parent named in the request, signing in themselves (not under another's power). */
export function mayAnswer(consent: Consent, subject: Subject): boolean {
	return consent.parentCpr === subject.citizen.cpr && !subject.proxy;
}

/** The parent's answer, once: a second answer (a double tap, another tab) changes nothing. */
export async function answerConsent(consent: Consent, subject: Subject, given: boolean, now = new Date()): Promise<boolean> {
	const done = await transaction(async () => {
		const c = tables.consents;
		const changed = await db()
			.update(c)
			.set({ state: given ? 'given' : 'declined', answeredAt: now })
			.where(and(eq(c.id, consent.id), eq(c.state, 'pending'), eq(c.parentCpr, subject.citizen.cpr)))
			.returning({ submissionId: c.submissionId });
		if (!changed.length) return false;
		const submission = await first(db().select().from(tables.submissions).where(eq(tables.submissions.id, changed[0].submissionId)).limit(1));
		if (submission) {
			await recordContactEvent({
				event: 'case_answer',
				channel: subject.actor.channel,
				assistance: subject.actor.assistance,
				kind: 'transaction',
				serviceSlug: submission.serviceSlug,
				...staffOf(subject.actor),
				citizenCpr: subject.citizen.cpr,
				at: now
			});
			// Back to the caseworker, marked answered.
			await db().update(tables.submissions).set({ answeredAt: now }).where(eq(tables.submissions.id, submission.id));
		}
		return true;
	});
	if (done) sendSoon();
	return done;
}
