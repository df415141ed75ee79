/** One line of a citizen's access log, as the database gives it: newest first. */
export interface AccessRow {
	at: Date;
	role: string;
	unit: string;
	action: string;
	objectType: string;
	purpose: string;
}

export interface AccessEntry extends AccessRow {
	/** The first of the merged accesses; `at` is the last. */
	from: Date;
	count: number;
}

/** Page views of one visit come minutes apart; a new visit is a new line. */
export const VISIT_GAP_MS = 30 * 60 * 1000;

const sameKind = (a: AccessRow, b: AccessRow) =>
	a.role === b.role && a.unit === b.unit && a.action === b.action && a.objectType === b.objectType && a.purpose === b.purpose;

/**
 * A staff member who fills in a five-page form for the citizen reads and writes the draft on
 * every page. The citizen wants to know that it happened and when, not to read ten lines about
 * it, so the lines of the same kind within one visit become one line with a count, in the
 * place of the latest.
 */
export function collapseAccessLog(rows: readonly AccessRow[], gapMs = VISIT_GAP_MS): AccessEntry[] {
	const entries: AccessEntry[] = [];
	for (const row of rows) {
		const visit = entries.find((e) => sameKind(e, row) && e.from.getTime() - row.at.getTime() <= gapMs);
		if (visit) {
			visit.from = row.at;
			visit.count++;
		} else entries.push({ ...row, from: row.at, count: 1 });
	}
	return entries;
}
