import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopyLines, JsonText } from '../../src/db/copy-rows.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('rows loaded with COPY', () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase('copylines');
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query('CREATE TABLE copied (n int, title text, codes text[], doc jsonb, body json)');
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('arrive intact across the buffers they are written into: multi-byte text, escapes, a row longer than a buffer', async () => {
    // 3,000 rows of about 700 bytes, mostly Vietnamese (2–3 bytes a character), then one row of 1.2 MB: several
    // buffers of 256 kB, some ending where the next row would not fit.
    const rows = Array.from({ length: 3001 }, (_, n) => ({
      n,
      title: n === 3000 ? 'Đề án 06 — '.repeat(110_000) : `Nhiệm vụ số ${n}: "rà soát"\tlàm rõ\\nguyên nhân\nđiểm nghẽn ${'ệ'.repeat(n % 200)}`,
      codes: n % 2 === 0 ? ['Sở "Tư pháp"', 'Xã {Bắc}'] : [],
      doc: n % 3 === 0 ? null : { note: `Giải pháp chấn chỉnh\\${n}`, at: n },
      body: new JsonText(JSON.stringify({ path: 'C:\\dữ liệu\\tệp', n })),
    }));
    await client.query('BEGIN');
    const lines = new CopyLines(client, 'copied', ['n', 'title', 'codes', 'doc', 'body']);
    for (const row of rows) lines.push(row);
    expect(lines.length).toBe(rows.length);
    await lines.write();
    await client.query('COMMIT');

    const { rows: back } = await client.query<{ n: number; title: string; codes: string[]; doc: unknown; body: unknown }>('SELECT * FROM copied ORDER BY n');
    expect(back.length).toBe(rows.length);
    for (const [i, row] of back.entries()) {
      const sent = rows[i] as (typeof rows)[number];
      expect(row).toEqual({ n: sent.n, title: sent.title, codes: sent.codes, doc: sent.doc, body: JSON.parse(sent.body.text) });
    }
  });

  it('write nothing, and make no round trip, when there are no rows', async () => {
    const lines = new CopyLines(client, 'no_such_table', ['n']);
    await expect(lines.write()).resolves.toBeUndefined();
  });
});
