import type { ParamMatcher } from '@sveltejs/kit';
import { isSlug } from '$lib/ids';

export const match: ParamMatcher = (param) => isSlug(param);
