import { signClaims, verifiedClaims } from './signed-token.js';

/** What an acknowledgement link grants: acknowledging one task, for one notice, until `exp`. */
export interface AckClaims {
  task: string;
  notice: string;
  by: string;
  exp: number;
}

// Acknowledgement links were signed before tokens had purposes; the empty purpose keeps links already sent valid.
const PURPOSE = '';

/** Signs an acknowledgement token with ACK_SECRET (HMAC-SHA256). */
export function signAckToken(claims: AckClaims, secret: string): string {
  return signClaims(claims, secret, PURPOSE);
}

/** Verifies a token; returns its claims, or a reason it is refused (forged, tampered, malformed, expired). */
export function verifyAckToken(token: string, secret: string, now: number): { ok: true; claims: AckClaims } | { ok: false; reason: string } {
  const check = verifiedClaims(token, secret, PURPOSE);
  if (!check.ok) return check;
  const claims = check.claims as unknown as AckClaims;
  if (typeof claims.task !== 'string' || typeof claims.exp !== 'number' || typeof claims.by !== 'string') {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.exp < now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
