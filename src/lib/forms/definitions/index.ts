import type { FormDefinition } from '../types';
import { dagtilbud } from './dagtilbud';
import { flytning } from './flytning';
import { pas } from './pas';
import { sundhedskort } from './sundhedskort';

export const formDefinitions: Record<string, FormDefinition> = Object.fromEntries(
	[flytning, sundhedskort, pas, dagtilbud].map((f) => [f.id, f])
);

export function getForm(id: string): FormDefinition | undefined {
	return formDefinitions[id];
}
