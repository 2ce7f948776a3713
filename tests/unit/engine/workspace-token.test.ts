import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { signAckToken, verifyAckToken } from '../../../src/engine/links/ack-token.js';
import { signWorkspaceToken, verifyWorkspaceToken, workspaceLink, workspaceLinkTtlMs, type WorkspaceClaims } from '../../../src/engine/links/workspace-token.js';
import { csrfMatches, workspaceCsrf } from '../../../src/monitor/workspace-csrf.js';

const SECRET = 'a-workspace-secret-of-16+';
const NOW = Date.UTC(2026, 4, 4, 2, 0);
const CLAIMS: WorkspaceClaims = { official: 7, email: 'giamdoc.stttt@example.gov.vn', unit: 'STTTT', role: 'head', exp: NOW + 3_600_000 };
const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('a workspace token', () => {
  it('gives back the claims it was signed with, until it expires', () => {
    const token = signWorkspaceToken(CLAIMS, SECRET);
    expect(verifyWorkspaceToken(token, SECRET, NOW)).toEqual({ ok: true, claims: CLAIMS });
    expect(verifyWorkspaceToken(token, SECRET, CLAIMS.exp)).toEqual({ ok: true, claims: CLAIMS });
    expect(verifyWorkspaceToken(token, SECRET, CLAIMS.exp + 1)).toEqual({ ok: false, reason: 'expired' });
  });

  it('is refused when any character of its claims or signature is altered', () => {
    const token = signWorkspaceToken(CLAIMS, SECRET);
    const [payload = '', signature = ''] = token.split('.');
    for (const bad of [`${flip(payload, 3)}.${signature}`, `${payload}.${flip(signature, 0)}`, `${payload}.${flip(signature, signature.length - 1)}`]) {
      expect(verifyWorkspaceToken(bad, SECRET, NOW).ok).toBe(false);
    }
  });

  it('is refused when claims are rewritten (another official, unit or role) without the secret', () => {
    const [, signature = ''] = signWorkspaceToken(CLAIMS, SECRET).split('.');
    for (const claims of [{ ...CLAIMS, official: 8 }, { ...CLAIMS, unit: 'CA' }, { ...CLAIMS, role: 'contact' }, { ...CLAIMS, exp: NOW + 1e12 }]) {
      expect(verifyWorkspaceToken(`${encode(claims)}.${signature}`, SECRET, NOW)).toEqual({ ok: false, reason: 'bad signature' });
    }
  });

  it('is refused when signed with another secret, or malformed', () => {
    expect(verifyWorkspaceToken(signWorkspaceToken(CLAIMS, 'another-secret-of-16-chars'), SECRET, NOW)).toEqual({ ok: false, reason: 'bad signature' });
    for (const bad of ['', 'abc', 'a.b.c', '.', `${encode(CLAIMS)}.`]) expect(verifyWorkspaceToken(bad, SECRET, NOW).ok, bad).toBe(false);
  });

  it('is refused when correctly signed claims have the wrong shape', () => {
    // Signed with the real secret through the public function, then checked for shape.
    const wrong = [{ ...CLAIMS, role: 'chairman' }, { ...CLAIMS, official: '7' }, { ...CLAIMS, official: 7.5 }, { ...CLAIMS, exp: 'tomorrow' }];
    for (const claims of wrong) {
      expect(verifyWorkspaceToken(signWorkspaceToken(claims as unknown as WorkspaceClaims, SECRET), SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('never opens as an acknowledgement token, and an acknowledgement token never opens a workspace', () => {
    const ack = signAckToken({ task: 'HG-01', notice: 'n', by: CLAIMS.email, exp: CLAIMS.exp }, SECRET);
    expect(verifyAckToken(ack, SECRET, NOW).ok).toBe(true);
    expect(verifyWorkspaceToken(ack, SECRET, NOW)).toEqual({ ok: false, reason: 'bad signature' });
    // Even claims shaped for both: the purpose is part of what is signed.
    const both = { ...CLAIMS, task: 'HG-01', notice: 'n', by: CLAIMS.email };
    expect(verifyWorkspaceToken(signAckToken(both, SECRET), SECRET, NOW)).toEqual({ ok: false, reason: 'bad signature' });
    expect(verifyAckToken(signWorkspaceToken(both, SECRET), SECRET, NOW)).toEqual({ ok: false, reason: 'bad signature' });
  });
});

describe('the csrf field of a workspace form', () => {
  it('matches only the link it was made for, and is not the link itself', () => {
    const token = signWorkspaceToken(CLAIMS, SECRET);
    const other = signWorkspaceToken({ ...CLAIMS, official: 8 }, SECRET);
    const csrf = workspaceCsrf(token, SECRET);
    expect(csrfMatches(csrf, token, SECRET)).toBe(true);
    expect(csrfMatches(csrf, other, SECRET)).toBe(false);
    expect(csrfMatches(workspaceCsrf(token, 'another-secret-of-16-chars'), token, SECRET)).toBe(false);
    for (const bad of [undefined, '', token, ['a'], flip(csrf, 0)]) expect(csrfMatches(bad, token, SECRET)).toBe(false);
  });
});

describe('WORKSPACE_LINK_TTL', () => {
  const base = { DATABASE_URL: 'postgresql://u@localhost:5432/x' };

  it('is 30 days unless set, and read as an ISO 8601 duration', () => {
    expect(workspaceLinkTtlMs(loadConfig(base))).toBe(30 * 86_400_000);
    expect(workspaceLinkTtlMs(loadConfig({ ...base, WORKSPACE_LINK_TTL: 'PT12H' }))).toBe(12 * 3_600_000);
  });

  it('names the variable and the value when it is not a duration longer than zero', () => {
    expect(() => loadConfig({ ...base, WORKSPACE_LINK_TTL: '30 ngày' })).toThrow(/WORKSPACE_LINK_TTL="30 ngày": expected an ISO 8601 duration longer than zero, such as P30D/);
    expect(() => loadConfig({ ...base, WORKSPACE_LINK_TTL: 'PT0S' })).toThrow(/WORKSPACE_LINK_TTL="PT0S": expected an ISO 8601 duration longer than zero/);
    expect(() => workspaceLinkTtlMs({ WORKSPACE_LINK_TTL: 'P1M' })).toThrow(/WORKSPACE_LINK_TTL="P1M"/);
  });

  it('lets a post send 60 forms an hour unless WORKSPACE_POSTS_PER_HOUR says otherwise, and names a bad value', () => {
    expect(loadConfig(base).WORKSPACE_POSTS_PER_HOUR).toBe(60);
    expect(loadConfig({ ...base, WORKSPACE_POSTS_PER_HOUR: '5' }).WORKSPACE_POSTS_PER_HOUR).toBe(5);
    expect(() => loadConfig({ ...base, WORKSPACE_POSTS_PER_HOUR: 'mười' })).toThrow(/WORKSPACE_POSTS_PER_HOUR="mười": expected a whole number of forms from 1 to 10000, such as 60/);
    expect(() => loadConfig({ ...base, WORKSPACE_POSTS_PER_HOUR: '0' })).toThrow(/WORKSPACE_POSTS_PER_HOUR="0": /);
  });

  it('makes the links `da06 link` and the emails print, under PUBLIC_URL', () => {
    const config = loadConfig({ ...base, ACK_SECRET: SECRET, PUBLIC_URL: 'https://da06.example.gov.vn/', WORKSPACE_LINK_TTL: 'P7D' });
    const link = workspaceLink(config, { official: 7, email: CLAIMS.email, unit: 'STTTT', role: 'head' }, NOW) as string;
    expect(link).toMatch(/^https:\/\/da06\.example\.gov\.vn\/w\/[\w-]+\.[\w-]+$/);
    const check = verifyWorkspaceToken(link.split('/w/')[1] as string, SECRET, NOW);
    expect(check).toEqual({ ok: true, claims: { ...CLAIMS, exp: NOW + 7 * 86_400_000 } });
    expect(workspaceLink(loadConfig(base), { official: 7, email: CLAIMS.email, unit: 'STTTT', role: 'head' }, NOW)).toBeNull();
  });
});
