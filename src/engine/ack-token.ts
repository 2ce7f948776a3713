import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an acknowledgement link grants: acknowledging one task, for one notice, until `exp`. */
export interface AckClaims {
  task: string;
  notice: string;
  by: string;
  exp: number;
}

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** Signs an acknowledgement token with ACK_SECRET (HMAC-SHA256). */
export function signAckToken(claims: AckClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** Verifies a token; returns its claims, or a reason it is refused (forged, tampered, malformed, expired). */
export function verifyAckToken(token: string, secret: string, now: number): { ok: true; claims: AckClaims } | { ok: false; reason: string } {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad signature' };
  let claims: AckClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AckClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.task !== 'string' || typeof claims.exp !== 'number' || typeof claims.by !== 'string') {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.exp < now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
