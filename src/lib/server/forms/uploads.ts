import { eq, inArray, or } from 'drizzle-orm';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '$lib/server/config';
import { db, first, tables, transaction } from '$lib/server/db';
import { generateId } from './reference';

function legacyPath(id: string): string {
	return path.join(dataDir(), 'uploads', id);
}

/** Stores a file that the form engine has already accepted (size and type). */
export async function storeUpload(citizenId: string, draftId: string, questionId: string, file: File, mimeType: string) {
	const id = generateId();
	const content = Buffer.from(await file.arrayBuffer());
	await transaction(async () => {
		await db()
			.insert(tables.uploads)
			.values({ id, citizenId, draftId, questionId, fileName: file.name.slice(0, 200), mimeType, size: file.size, createdAt: new Date() });
		await db().insert(tables.uploadContents).values({ uploadId: id, content });
	});
	return id;
}

/**
 * An upload's bytes. Uploads are kept in the database; one made before that (a file under
 * DATA_DIR/uploads) is still read from its file until its draft or case is purged.
 */
export async function uploadContent(id: string): Promise<Buffer | null> {
	const row = await first(db().select({ content: tables.uploadContents.content }).from(tables.uploadContents).where(eq(tables.uploadContents.uploadId, id)));
	if (row) return Buffer.from(row.content);
	return existsSync(legacyPath(id)) ? readFileSync(legacyPath(id)) : null;
}

export function findUpload(id: string) {
	return first(db().select().from(tables.uploads).where(eq(tables.uploads.id, id)).limit(1));
}

/** Removes the rows with their contents (and an older upload's file): a purged draft or submission leaves nothing. */
export async function deleteUploads(where: { draftIds?: string[]; submissionIds?: string[]; ids?: string[] }): Promise<number> {
	const t = tables.uploads;
	const conditions = [
		where.draftIds?.length ? inArray(t.draftId, where.draftIds) : undefined,
		where.submissionIds?.length ? inArray(t.submissionId, where.submissionIds) : undefined,
		where.ids?.length ? inArray(t.id, where.ids) : undefined
	].filter((c) => c !== undefined);
	if (conditions.length === 0) return 0;
	const rows = await db().delete(t).where(or(...conditions)).returning({ id: t.id });
	for (const row of rows) rmSync(legacyPath(row.id), { force: true });
	return rows.length;
}

/** The files citizens sent with their answers on a case, by answer. */
export function uploadsOfMessages(messageIds: string[]) {
	const u = tables.uploads;
	if (!messageIds.length) return Promise.resolve([]);
	return db().select({ id: u.id, messageId: u.messageId, fileName: u.fileName, size: u.size }).from(u).where(inArray(u.messageId, messageIds));
}

/** A file sent with an answer on a case: it belongs to the submission, and to the answer. */
export async function storeAnswerUpload(citizenId: string, submissionId: string, messageId: string, file: File, mimeType: string) {
	const id = generateId();
	const content = Buffer.from(await file.arrayBuffer());
	await db()
		.insert(tables.uploads)
		.values({ id, citizenId, submissionId, messageId, questionId: 'answer', fileName: file.name.slice(0, 200), mimeType, size: file.size, createdAt: new Date() });
	await db().insert(tables.uploadContents).values({ uploadId: id, content });
	return id;
}
