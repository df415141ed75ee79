import { json } from '@sveltejs/kit';
import schema from '$lib/forms/form-definition.v1.schema.json';
import type { RequestHandler } from './$types';

/** The form format, published at a stable address so that other municipalities and tools can check files against it. */
export const GET: RequestHandler = () =>
	json(schema, { headers: { 'content-type': 'application/schema+json; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
