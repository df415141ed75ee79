/**
 * The shapes of the identifiers the portal makes, checked wherever one comes from a request
 * (a form field, a route parameter, a query): anything else is refused before it reaches the
 * database, a log line or a Location header.
 */

/** generateId(): 15 random bytes in base64url. */
export const isId = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{20}$/.test(value);

/** A human-friendly reference: ABCD-EFGH. */
export const isReference = (value: unknown): value is string => typeof value === 'string' && /^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(value);

/** Slugs of services, counters and appointment types. */
export const isSlug = (value: unknown): value is string => typeof value === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(value);
