import { createHash, createHmac } from 'node:crypto';
import { citizenKeySecretValue } from '$lib/server/config';

/**
 * The private link's token is derived from the appointment with the server's secret, so a
 * reminder can carry the link again; only its hash is stored, so the database alone cannot
 * be turned into links.
 */
export function manageToken(appointmentId: string): string {
	return createHmac('sha256', citizenKeySecretValue()).update(`appointment-link:${appointmentId}`).digest('base64url');
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export const isTokenShaped = (s: string) => /^[A-Za-z0-9_-]{43}$/.test(s);
