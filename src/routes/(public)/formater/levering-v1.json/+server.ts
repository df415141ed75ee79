import { json } from '@sveltejs/kit';
import schema from '$lib/server/delivery/submission-delivery.v1.schema.json';
import type { RequestHandler } from './$types';

/** The format a case system receives, beside the form format, for whoever writes the receiving end. */
export const GET: RequestHandler = () =>
	json(schema, { headers: { 'content-type': 'application/schema+json; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
