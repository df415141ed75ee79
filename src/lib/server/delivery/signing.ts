import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The webhook's signature, as a receiver checks it: `X-Indgang-Signature: t=<unix seconds>,v1=<hex>`
 * where v1 is HMAC-SHA256 over `<t>.<body>`. The timestamp lets a receiver refuse a replay
 * older than a few minutes; the body is signed byte for byte as sent.
 */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
	return `t=${unixSeconds},v1=${hmac(secret, `${unixSeconds}.${body}`)}`;
}

/** What a receiver does; the portal's own tests use it too. */
export function verifySignature(secret: string, header: string | undefined, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
	const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
	const t = Number(parts.t);
	if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
	return sameHex(parts.v1, hmac(secret, `${t}.${body}`));
}

/**
 * A download link's signature: the case system fetches a submission's files without a session,
 * for a limited time. A purpose prefix keeps a link's signature from ever passing as a body's.
 */
export function fileLinkSignature(secret: string, uploadId: string, expiresSeconds: number): string {
	return hmac(secret, `file:${uploadId}:${expiresSeconds}`);
}

export function fileLinkValid(secret: string, uploadId: string, expiresSeconds: number, signature: string, nowSeconds: number): boolean {
	return Number.isInteger(expiresSeconds) && expiresSeconds >= nowSeconds && sameHex(signature, fileLinkSignature(secret, uploadId, expiresSeconds));
}

export function hmac(secret: string, text: string): string {
	return createHmac('sha256', secret).update(text).digest('hex');
}

export function sameHex(a: string, b: string): boolean {
	const x = Buffer.from(a, 'utf8');
	const y = Buffer.from(b, 'utf8');
	return x.length === y.length && timingSafeEqual(x, y);
}
