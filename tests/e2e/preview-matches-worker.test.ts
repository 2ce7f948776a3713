import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import pg from 'pg';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tagOf } from '../support/delivery-ledger.js';
import { addressesOf } from '../support/parsed-mail.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_REDIS_URL } from '../support/test-env.js';
import { createTestQueuePrefix } from '../support/test-redis.js';
import { killAllWorkers, spawnWorker, workerReady, type WorkerProcess } from '../support/worker-process.js';

/** One email as `preview --json` lists it. */
interface PreviewEmail {
  at: string;
  task: string;
  kind: string;
  to: string[];
  cc: string[];
  source: 'outbox' | 'timer';
}

const LATE_MS = 5_000;
const EARLY_MS = 1_000;
// After the last expected email, how long the sink must stay silent before we call the run complete.
const QUIET_MS = 4_000;

let db: TestDatabase;
let queue: ReturnType<typeof createTestQueuePrefix>;
let sink: SmtpSink;
let worker: WorkerProcess | undefined;
let client: pg.Client;
let env: Record<string, string>;
let dir: string;

const run = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('node', ['bin/da06.js', ...args], { env: { ...process.env, ...env }, cwd: process.cwd(), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });

const count = async (table: string) => Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}"`)).rows[0]?.n);

/**
 * A province whose policy runs in seconds: a reminder 3 s before the deadline, the head told at once when a
 * task turns overdue or underperforming, the chairman 4 s later. Deadlines fall `base` + a few seconds.
 */
function secondsSeed(base: number): Record<string, unknown> {
  const iso = (ms: number) => new Date(ms).toISOString();
  const seconds = {
    remindBefore: ['PT3S'],
    escalateToHeadAfter: 'PT0S',
    escalateToChairmanAfter: 'PT4S',
    acknowledgementHolds: 'PT10S',
    repeatEvery: 'P7D',
    kpiCheckEvery: 'P7D',
    reportStaleAfter: 'P30D',
    kpiTolerance: 2,
  };
  return {
    province: {
      name: 'Tỉnh Thử Nghiệm',
      timezone: 'Asia/Ho_Chi_Minh',
      chairman: { name: 'Nguyễn Văn A', title: 'Chủ tịch UBND tỉnh', email: 'chutich@example.gov.vn' },
      standingAgency: 'CA',
    },
    policies: {
      default: seconds,
      copied: { ...seconds, cc: ['vanphong@example.gov.vn'] },
      // Reports go stale 15 s after the task starts; the indicator is checked every 20 s.
      kpi: { ...seconds, kpiCheckEvery: 'PT20S', reportStaleAfter: 'PT15S' },
    },
    units: [
      { code: 'CA', name: 'Công an tỉnh', kind: 'agency', head: { name: 'Trần Văn B', email: 'giamdoc.ca@example.gov.vn' } },
      {
        code: 'STTTT',
        name: 'Sở Thông tin và Truyền thông',
        kind: 'department',
        head: { name: 'Lê Văn C', email: 'giamdoc.stttt@example.gov.vn' },
        contacts: [{ name: 'Phạm Thị D', email: 'daumoi.stttt@example.gov.vn' }],
      },
      { code: 'BHXH', name: 'Bảo hiểm xã hội tỉnh', kind: 'external', head: { name: 'Hoàng Văn E', email: 'giamdoc.bhxh@example.gov.vn' } },
      { code: 'BACME', name: 'Huyện Bắc Mê', kind: 'district', head: { name: 'Vũ Văn G', email: 'chutich.bacme@example.gov.vn' } },
    ],
    tasks: [
      { code: 'P-REMIND', title: 'Kết nối Cổng dịch vụ công', unit: 'STTTT', coordinatingUnits: ['BACME'], deadline: iso(base + 25_000) },
      { code: 'P-EXTERNAL', title: 'Chi trả qua tài khoản', unit: 'BHXH', deadline: iso(base + 27_000) },
      { code: 'P-STANDING', title: 'Làm sạch dữ liệu dân cư', unit: 'CA', deadline: iso(base + 28_000) },
      { code: 'P-COPIED', title: 'Số hóa hồ sơ', unit: 'BACME', policy: 'copied', deadline: iso(base + 29_000) },
      {
        code: 'P-KPI',
        title: 'Tỷ lệ hồ sơ trực tuyến',
        unit: 'BACME',
        policy: 'kpi',
        deadline: '2027-12-31',
        indicator: { name: 'Tỷ lệ hồ sơ trực tuyến', unit: '%', baseline: 40, target: 80, direction: 'increase' },
      },
      { code: 'P-ONGOING', title: 'Tuyên truyền VNeID', unit: 'CA', deadline: 'Thường xuyên' },
      { code: 'P-LATER', title: 'Nhiệm vụ năm sau', unit: 'STTTT', deadline: '2027-06-30' },
    ],
  };
}

const keyOf = (e: { task: string; kind: string; to: string[]; cc: string[] }) =>
  `${e.task} ${e.kind} to=${[...e.to].sort().join(',')} cc=${[...e.cc].sort().join(',')}`;

/** The received message as the same key as a preview line, with when it arrived. */
function received(m: ParsedMail, arrivedAt: Map<ParsedMail, number>): { key: string; at: number } {
  const { task, kind } = tagOf(m);
  return { key: keyOf({ task, kind, to: addressesOf(m.to), cc: addressesOf(m.cc) }), at: arrivedAt.get(m) ?? Number.NaN };
}

beforeAll(async () => {
  db = await createTestDatabase('preview_worker');
  queue = createTestQueuePrefix('previewworker');
  sink = await startSmtpSink();
  dir = mkdtempSync(join(tmpdir(), 'da06-preview-'));
  env = { DATABASE_URL: db.url, QUEUE_PREFIX: queue.prefix, REDIS_URL: TEST_REDIS_URL, MAIL_OUTBOX_DIR: join(dir, 'outbox'), LOG_LEVEL: 'warn' };
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});

afterAll(async () => {
  await worker?.stop();
  await killAllWorkers();
  await client?.end();
  await sink?.close();
  await queue?.cleanup();
  await db?.drop();
});

describe('da06 preview, then the worker', () => {
  it('sends exactly the emails preview listed, each at the time it said', { timeout: 120_000 }, async () => {
    const file = join(dir, 'seconds.yaml');
    writeFileSync(file, stringify(secondsSeed(Date.now())));
    const seeded = await run(['seed', file]);
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);

    const previewed = await run(['preview', '--days', '1', '--json']);
    expect(previewed.stderr).toBe('');
    expect(previewed.code).toBe(0);
    // The chairman's daily digest falls at DIGEST_AT on a later morning, after this test's worker has stopped;
    // preview-digest.test.ts checks it against the maintenance pass on a controlled clock.
    const emails = (JSON.parse(previewed.stdout) as { emails: PreviewEmail[] }).emails.filter((e) => e.kind !== 'digest');
    // Preview decides nothing and sends nothing.
    expect(await count('Notification')).toBe(0);
    expect(sink.messages).toHaveLength(0);
    // Every case of the seed shows up: reminder with copies, head notices (external: chairman copied), escalation.
    expect(emails.map((e) => `${e.task} ${e.kind}`).sort()).toEqual([
      'P-COPIED escalation',
      'P-COPIED overdue',
      'P-COPIED reminder',
      'P-EXTERNAL overdue',
      'P-EXTERNAL reminder',
      'P-KPI escalation',
      'P-KPI underperforming',
      'P-REMIND escalation',
      'P-REMIND overdue',
      'P-REMIND reminder',
      'P-STANDING escalation',
      'P-STANDING overdue',
      'P-STANDING reminder',
    ]);
    const firstAt = Math.min(...emails.map((e) => Date.parse(e.at)));
    // The worker must start before the first notice is due, or lateness would measure this test, not da06.
    expect(firstAt).toBeGreaterThan(Date.now());

    const arrivedAt = new Map<ParsedMail, number>();
    const stamp = (messages: ParsedMail[]) => {
      for (const m of messages) if (!arrivedAt.has(m)) arrivedAt.set(m, Date.now());
    };
    worker = spawnWorker({ ...env, SMTP_URL: sink.url });
    await workerReady(worker);
    const lastAt = Math.max(...emails.map((e) => Date.parse(e.at)));
    await sink
      .waitFor((messages) => {
        stamp(messages);
        return messages.length >= emails.length;
      }, lastAt + LATE_MS - Date.now())
      .catch(() => undefined); // what is missing is shown by the comparison below
    // Anything the worker sends beyond the preview would come now: wait for the sink to stay quiet.
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    stamp(sink.messages);

    const arrivals = sink.messages.map((m) => received(m, arrivedAt));
    expect(arrivals.map((a) => a.key).sort()).toEqual(emails.map(keyOf).sort());
    for (const e of emails) {
      const match = arrivals.find((a) => a.key === keyOf(e));
      const offset = (match?.at ?? Number.NaN) - Date.parse(e.at);
      expect({ email: keyOf(e), offsetOk: offset <= LATE_MS && offset >= -EARLY_MS, offset }).toMatchObject({ offsetOk: true });
    }
  });
});
