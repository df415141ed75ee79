import { redirect } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { accessibilityStatementUrl } from '$lib/server/config';
import type { RequestHandler } from './$types';

/** The nemURL Digitaliseringsstyrelsen asks for (<domain>/was): to the statement in WAS-Tool, or our own page. */
export const GET: RequestHandler = () => redirect(302, accessibilityStatementUrl() ?? routes.accessibility);
