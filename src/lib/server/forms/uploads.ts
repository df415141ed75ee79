import { eq, inArray, or } from 'drizzle-orm';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '$lib/server/config';
import { db, first, tables } from '$lib/server/db';
import { generateId } from './reference';

function uploadPath(id: string): string {
	return path.join(dataDir(), 'uploads', id);
}

/** Stores a file that the form engine has already accepted (size and type). */
export async function storeUpload(citizenId: string, draftId: string, questionId: string, file: File, mimeType: string) {
	const id = generateId();
	mkdirSync(path.dirname(uploadPath(id)), { recursive: true });
	writeFileSync(uploadPath(id), Buffer.from(await file.arrayBuffer()), { mode: 0o600 });
	await db()
		.insert(tables.uploads)
		.values({
			id,
			citizenId,
			draftId,
			questionId,
			fileName: file.name.slice(0, 200),
			mimeType,
			size: file.size,
			createdAt: new Date()
		});
	return id;
}

export function uploadFile(id: string): string {
	return uploadPath(id);
}

export function findUpload(id: string) {
	return first(db().select().from(tables.uploads).where(eq(tables.uploads.id, id)).limit(1));
}

/** Removes the rows and their files: a purged draft or submission leaves nothing on disk. */
export async function deleteUploads(where: { draftIds?: string[]; submissionIds?: string[]; ids?: string[] }): Promise<number> {
	const t = tables.uploads;
	const conditions = [
		where.draftIds?.length ? inArray(t.draftId, where.draftIds) : undefined,
		where.submissionIds?.length ? inArray(t.submissionId, where.submissionIds) : undefined,
		where.ids?.length ? inArray(t.id, where.ids) : undefined
	].filter((c) => c !== undefined);
	if (conditions.length === 0) return 0;
	const rows = await db().delete(t).where(or(...conditions)).returning({ id: t.id });
	for (const row of rows) rmSync(uploadPath(row.id), { force: true });
	return rows.length;
}
