import type { OutboxEntry } from './outbox';
import type { Entries } from './offline-form';

/**
 * The browser's copy of what a citizen typed (IndexedDB, shared by the pages and the
 * service worker). Sign-out's Clear-Site-Data removes all of it, and so does the page the
 * sign-out lands on (PwaUpdate.svelte) for a browser that ignores that header.
 */
export const DB_NAME = 'indgang';
const TYPING = 'typing';
const OUTBOX = 'outbox';

/** The fields of one form page as typed, and what the server showed when typing began. */
export interface Typed {
	key: string;
	draftId: string;
	fields: Entries;
	baseline: string;
}

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(DB_NAME, 1);
		req.onupgradeneeded = () => {
			req.result.createObjectStore(TYPING, { keyPath: 'key' });
			req.result.createObjectStore(OUTBOX, { keyPath: 'draftId' });
		};
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

async function run<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest | void): Promise<T> {
	const db = await open();
	try {
		return await new Promise<T>((resolve, reject) => {
			const tx = db.transaction(store, mode);
			const req = fn(tx.objectStore(store));
			tx.oncomplete = () => resolve((req ? req.result : undefined) as T);
			tx.onerror = () => reject(tx.error);
			tx.onabort = () => reject(tx.error);
		});
	} finally {
		db.close();
	}
}

export const typing = {
	get: (key: string) => run<Typed | undefined>(TYPING, 'readonly', (s) => s.get(key)),
	put: (value: Typed) => run<void>(TYPING, 'readwrite', (s) => void s.put(value)),
	delete: (key: string) => run<void>(TYPING, 'readwrite', (s) => void s.delete(key)),
	async deleteDraft(draftId: string) {
		const all = await run<Typed[]>(TYPING, 'readonly', (s) => s.getAll());
		await Promise.all(all.filter((t) => t.draftId === draftId).map((t) => typing.delete(t.key)));
	}
};

export const outbox = {
	get: (draftId: string) => run<OutboxEntry | undefined>(OUTBOX, 'readonly', (s) => s.get(draftId)),
	all: () => run<OutboxEntry[]>(OUTBOX, 'readonly', (s) => s.getAll()),
	put: (entry: OutboxEntry) => run<void>(OUTBOX, 'readwrite', (s) => void s.put(entry)),
	delete: (draftId: string) => run<void>(OUTBOX, 'readwrite', (s) => void s.delete(draftId))
};

/**
 * Whether this browser holds the database at all. Reading the queue must not create it: after
 * a sign-out, and on a kiosk, the browser is to be left with nothing.
 */
export async function hasStore(): Promise<boolean> {
	if (typeof indexedDB === 'undefined') return false;
	if (!indexedDB.databases) return true; // cannot tell: opening is harmless then
	return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
}

