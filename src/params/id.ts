import type { ParamMatcher } from '@sveltejs/kit';
import { isId } from '$lib/ids';

/** A route parameter that is not one of our ids is a 404 before any code runs. */
export const match: ParamMatcher = (param) => isId(param);
