import type { ParamMatcher } from '@sveltejs/kit';
import { isReference } from '$lib/ids';

/** An appointment is reached by its reference (its own citizen signed in) or its private link's token. */
export const match: ParamMatcher = (param) => isReference(param) || /^[A-Za-z0-9_-]{43}$/.test(param);
