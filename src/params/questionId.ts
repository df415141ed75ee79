import type { ParamMatcher } from '@sveltejs/kit';

/** A form question's id, as the form format allows it (camelCase letters and digits). */
export const match: ParamMatcher = (param) => /^[a-zA-Z][a-zA-Z0-9]{0,39}$/.test(param);
