import type { ParamMatcher } from '@sveltejs/kit';
import { isReference } from '$lib/ids';

export const match: ParamMatcher = (param) => isReference(param);
