import type { FormDefinition, FormDocument } from '$lib/forms/types';
import dagtilbud from './dagtilbud.json';
import flytning from './flytning.json';
import pas from './pas.json';
import sundhedskort from './sundhedskort.json';

/** The starter forms, as data: seeded as version 1 of each. */
export const seedDocuments = [flytning, sundhedskort, pas, dagtilbud] as unknown as FormDocument[];

/** A starter form as the engine runs it (tests). */
export function seededForm(id: string): FormDefinition {
	const doc = seedDocuments.find((d) => d.id === id);
	if (!doc) throw new Error(`no seeded form ${id}`);
	return { ...doc, version: 1 };
}
