import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWorkspaceToken } from '../../src/engine/links/workspace-token.js';
import { openSandbox, seedSandbox, type Da06Sandbox } from './fixtures/run-da06.js';
import { validSeed } from './fixtures/seed-cases.js';

const ACK_SECRET = 'link-command-secret-0123';
const CONTACT = 'daumoi.stttt@example.gov.vn';
let box: Da06Sandbox;

beforeAll(async () => {
  // The sandbox runs `da06` with this process's environment.
  process.env.ACK_SECRET = ACK_SECRET;
  process.env.PUBLIC_URL = 'https://da06.example.gov.vn';
  box = await openSandbox('link');
  delete process.env.ACK_SECRET;
  delete process.env.PUBLIC_URL;
  const doc = validSeed();
  // The contact of STTTT is also the head of Bắc Mê: one address, two posts.
  doc.units = doc.units.map((u) => (u.code === 'BACME' ? { ...u, head: { name: 'Phạm Thị D', email: CONTACT } } : u));
  await seedSandbox(box, doc);
});
afterAll(() => box?.close());

describe('da06 link', () => {
  it('prints a fresh workspace link under PUBLIC_URL for the head', async () => {
    const r = await box.run(['link', 'giamdoc.stttt@example.gov.vn']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^https:\/\/da06\.example\.gov\.vn\/w\/[\w-]+\.[\w-]+\n {2}head of STTTT \(Sở Thông tin và Truyền thông\), valid until \d{4}-/);
  });

  it('prints one link per post with --json, each naming the official row of that post', async () => {
    const r = await box.run(['link', CONTACT.toUpperCase(), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { links: { url: string; official: number; unit: string; role: string; expiresAt: string }[] };
    expect(out.links.map((l) => [l.role, l.unit])).toEqual([
      ['head', 'BACME'],
      ['contact', 'STTTT'],
    ]);
    const rows = await box.query<{ id: number; role: string }>(`SELECT id, role FROM "Official" WHERE email = $1 ORDER BY role`, [CONTACT]);
    for (const link of out.links) {
      const check = verifyWorkspaceToken(link.url.split('/w/')[1] as string, ACK_SECRET, Date.now());
      expect(check.ok && check.claims).toMatchObject({ official: link.official, email: CONTACT, unit: link.unit, role: link.role });
      expect(rows.find((row) => row.role === link.role)?.id).toBe(link.official);
      // WORKSPACE_LINK_TTL defaults to 30 days.
      expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    }
  });

  it('refuses an address that holds no post in a unit (unknown, or the chairman) and prints nothing on stdout', async () => {
    for (const email of ['khong.co@example.gov.vn', 'chutich@example.gov.vn']) {
      const r = await box.run(['link', email]);
      expect(r.code, email).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`No unit head or contact has the e-mail "${email}"`);
    }
  });
});
