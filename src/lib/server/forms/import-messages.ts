import type { ImportResult } from './store';

/** What an import (or a save) said, in plain English lines for the command line. */
export function describeImport(result: ImportResult): string[] {
	if (result.ok) return [`Imported as draft version ${result.version}: open it in the form builder to check and publish it.`];
	switch (result.reason) {
		case 'too_large':
			return ['The file is larger than 1 MB: it is not a form export.'];
		case 'not_json':
			return ['The file is not JSON: choose a file exported from Indgang.'];
		case 'format':
			return ['The file is not an Indgang form of format 1 ("format": 1): nothing was imported.'];
		case 'no_service':
			return ['The form belongs to a service this portal does not have: create the service first (its slug is the form\'s "serviceSlug").'];
		case 'conflict':
			return ['Another editor saved the form meanwhile: nothing was imported.'];
		case 'invalid':
			return ['The form is not valid; nothing was imported:', ...result.problems.map((p) => `  ${p.path}: ${p.code}${p.detail ? ` (${p.detail})` : ''}`)];
		default:
			return [`Nothing was imported (${result.reason}).`];
	}
}
