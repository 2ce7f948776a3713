import type { Config } from '../../config.js';
import { isoDurationMs } from '../../domain/duration.js';
import { ConfigError } from '../../errors.js';
import { signClaims, verifiedClaims } from './signed-token.js';

/** What a workspace link grants: acting for one official's post (head or contact of one unit) until `exp`. */
export interface WorkspaceClaims {
  /** `Official.id` of the post. */
  official: number;
  email: string;
  /** The unit's code. */
  unit: string;
  role: 'head' | 'contact';
  /** Epoch milliseconds. */
  exp: number;
}

// Signed with the claims, so an acknowledgement token (no purpose) never opens a workspace, nor the reverse.
const PURPOSE = 'da06-workspace-v1';

/** Signs a workspace token with ACK_SECRET (HMAC-SHA256 over the purpose and the claims). */
export function signWorkspaceToken(claims: WorkspaceClaims, secret: string): string {
  const { official, email, unit, role, exp } = claims;
  return signClaims({ official, email, unit, role, exp }, secret, PURPOSE);
}

/** Verifies a workspace token; returns its claims, or why it is refused (malformed, bad signature, expired). */
export function verifyWorkspaceToken(token: string, secret: string, now: number): { ok: true; claims: WorkspaceClaims } | { ok: false; reason: string } {
  const check = verifiedClaims(token, secret, PURPOSE);
  if (!check.ok) return check;
  const { official, email, unit, role, exp } = check.claims;
  if (
    typeof official !== 'number' ||
    !Number.isInteger(official) ||
    typeof email !== 'string' ||
    typeof unit !== 'string' ||
    (role !== 'head' && role !== 'contact') ||
    typeof exp !== 'number'
  ) {
    return { ok: false, reason: 'malformed' };
  }
  if (exp < now) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { official, email, unit, role, exp } };
}

/** How long a workspace link stays valid: WORKSPACE_LINK_TTL (ISO 8601, default P30D), in milliseconds. */
export function workspaceLinkTtlMs(config: Pick<Config, 'WORKSPACE_LINK_TTL'>): number {
  const ms = isoDurationMs(config.WORKSPACE_LINK_TTL);
  if (ms === null || ms <= 0) {
    throw new ConfigError(
      `Invalid configuration: WORKSPACE_LINK_TTL=${JSON.stringify(config.WORKSPACE_LINK_TTL)}: expected an ISO 8601 duration longer than zero, such as P30D or PT12H.`,
    );
  }
  return ms;
}

/** The post a workspace link is made for. */
export type WorkspacePost = Omit<WorkspaceClaims, 'exp'>;

/** `PUBLIC_URL/w/<token>` for the post, valid WORKSPACE_LINK_TTL from `now`; null when ACK_SECRET is unset (no links). */
export function workspaceLink(config: Pick<Config, 'ACK_SECRET' | 'PUBLIC_URL' | 'WORKSPACE_LINK_TTL'>, post: WorkspacePost, now: number): string | null {
  if (!config.ACK_SECRET) return null;
  const token = signWorkspaceToken({ ...post, exp: now + workspaceLinkTtlMs(config) }, config.ACK_SECRET);
  return `${config.PUBLIC_URL.replace(/\/$/, '')}/w/${token}`;
}
