import { hmacBase64Url, sameSecret } from '../engine/links/signed-token.js';

// A synchronizer token bound to the link (OWASP): only a page served for this link carries it.
const PURPOSE = 'da06-workspace-csrf-v1';

/** The hidden `csrf` field of every form of the workspace that `token` opens. */
export function workspaceCsrf(token: string, secret: string): string {
  return hmacBase64Url(`${PURPOSE}:${token}`, secret);
}

/** True when a posted `csrf` field is the one the workspace of `token` carries (constant-time compare). */
export function csrfMatches(given: unknown, token: string, secret: string): boolean {
  return typeof given === 'string' && sameSecret(workspaceCsrf(token, secret), given);
}
