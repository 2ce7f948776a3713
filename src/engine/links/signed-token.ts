import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signed links of da06 (acknowledgement, workspace) and the form token bound to them: JSON claims in
 * base64url, a dot, and an HMAC-SHA256 of the claims under ACK_SECRET. A non-empty `purpose` is signed
 * together with the claims (`purpose:payload`), so a token made for one purpose never verifies for another;
 * a base64url payload holds no colon, so purposeless tokens (acknowledgement links) cannot collide either.
 */

/** HMAC-SHA256 of `text` under `secret`, base64url. */
export function hmacBase64Url(text: string, secret: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

/** Compares two strings in time that does not depend on where they differ. */
export function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const signedText = (purpose: string, payload: string): string => (purpose ? `${purpose}:${payload}` : payload);

/** Signs `claims` (any JSON) for `purpose` ('' for acknowledgement links, which predate purposes). */
export function signClaims(claims: object, secret: string, purpose: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${hmacBase64Url(signedText(purpose, payload), secret)}`;
}

/** The claims of a token signed for `purpose`, still unchecked in shape; or why it is refused (malformed, bad signature). */
export function verifiedClaims(token: string, secret: string, purpose: string): { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string } {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  if (!sameSecret(hmacBase64Url(signedText(purpose, payload), secret), signature)) return { ok: false, reason: 'bad signature' };
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return { ok: false, reason: 'malformed' };
    return { ok: true, claims: claims as Record<string, unknown> };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}
