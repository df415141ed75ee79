import { createHash, createHmac } from 'node:crypto';
import { citizenKeyring } from '$lib/server/config';

/**
 * The private link's token is derived from the appointment with the server's secret, so a
 * reminder can carry the link again; only its hash is stored, so the database alone cannot
 * be turned into links.
 */
export function manageToken(appointmentId: string, storedHash?: string): string {
	const { current, previous } = citizenKeyring();
	const token = (secret: string) => createHmac('sha256', secret).update(`appointment-link:${appointmentId}`).digest('base64url');
	// Made before the secret was rotated: the link the citizen already has is the one to send again.
	if (previous && storedHash && hashToken(token(current.secret)) !== storedHash) return token(previous.secret);
	return token(current.secret);
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export const isTokenShaped = (s: string) => /^[A-Za-z0-9_-]{43}$/.test(s);
