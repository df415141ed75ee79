import { eq } from 'drizzle-orm';
import { answerLines } from '$lib/forms/answers';
import { formatDateTime } from '$lib/format';
import { dataController } from '$lib/server/config';
import { db, first, tables } from '$lib/server/db';
import type { Submission } from '$lib/server/db/schema';
import { formContextFor } from '$lib/server/forms/context';
import { submittedView } from '$lib/server/forms/page';
import { serverTextsT } from '$lib/server/i18n';
import { letterPdf, type Letter } from './pdf';

/** The receipt as a letter: what the receipt page shows, in the submission's language. */
export async function receiptLetter(submission: Submission): Promise<Letter> {
	const lang = submission.lang;
	const { form, rows } = await submittedView(submission);
	const t = await serverTextsT(lang, { forms: form ? [form] : [], serviceSlugs: [submission.serviceSlug] });
	const citizen = await first(db().select().from(tables.citizens).where(eq(tables.citizens.id, submission.citizenId)).limit(1));
	const options = citizen ? formContextFor(citizen).options : { household: [], children: [] };
	const service = t(`services.${submission.serviceSlug}.title`);
	const files = rows.filter((r) => r.question.type === 'file').flatMap((r) => answerLines(t, lang, submission.formId, r.question, r.answer, options));
	return {
		lang,
		title: `${t('receipt.title')}: ${service}`,
		sender: dataController().name,
		sections: [
			{
				paragraphs: [
					t('receipt.lead', { service }),
					`${t('receipt.referenceLabel')} ${submission.reference}.`,
					t('receipt.receivedAt', { when: formatDateTime(submission.createdAt, lang) })
				]
			},
			{ heading: t('receipt.answersTitle'), rows: rows.map((r) => ({ label: t(`forms.${submission.formId}.${r.question.id}.label`), lines: answerLines(t, lang, submission.formId, r.question, r.answer, options) })) },
			...(files.length ? [{ heading: t('receipt.attachmentsTitle'), paragraphs: files }] : []),
			{ heading: t('receipt.nextTitle'), paragraphs: [form?.counterVisitRequired ? t('receipt.counterVisit') : t('receipt.nextSteps')] }
		]
	};
}

export async function receiptPdf(submission: Submission): Promise<Buffer> {
	return letterPdf(await receiptLetter(submission), submission.createdAt);
}
