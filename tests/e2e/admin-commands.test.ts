import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSandbox, type Da06Sandbox } from './fixtures/run-da06.js';
import { validSeed } from './fixtures/seed-cases.js';

let box: Da06Sandbox;

beforeAll(async () => {
  box = await openSandbox('admin');
  const doc = validSeed();
  // An overdue task (deadline in 2024) next to the on-time ones of the sample.
  doc.tasks.push({ code: 'T-OLD', title: 'Nhiệm vụ đã quá hạn', unit: 'STTTT', deadline: '2024-06-30', startDate: '2024-01-01' });
  const file = join(box.dir, 'seed.yaml');
  writeFileSync(file, stringify(doc));
  const r = await box.run(['seed', file]);
  if (r.code !== 0) throw new Error(r.stderr);
});
afterAll(async () => {
  await box?.close();
});

const taskRow = async (code: string) =>
  (await box.query<{ state: string; deadline: Date | null; deadlineText: string | null }>('SELECT state, deadline, "deadlineText" FROM "Task" WHERE code = $1', [code]))[0];

describe('da06 extend', () => {
  it('moves an on-time deadline, in any deadline form, and records the reason and document', async () => {
    const r = await box.run(['extend', 'T-01', 'Quý III/2027', '--reason', 'Bổ sung kinh phí', '--document', 'Công văn số 12/UBND-KGVX']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('T-01: deadline moved to 30/09/2027 (Quý III/2027)');
    const row = await taskRow('T-01');
    expect(row?.deadline?.toISOString()).toBe('2027-09-30T16:59:59.999Z');
    expect(row?.deadlineText).toBe('Quý III/2027');
    const [event] = await box.query<{ payload: { reason: string; document: string } }>(
      `SELECT payload FROM "TaskEvent" e JOIN "Task" t ON t.id = e."taskId" WHERE t.code = 'T-01' AND e.type = 'DEADLINE_EXTENDED'`,
    );
    expect(event?.payload).toMatchObject({ reason: 'Bổ sung kinh phí', document: 'Công văn số 12/UBND-KGVX' });
  });

  it('refuses an overdue task without --force, saying why and what to do', async () => {
    const r = await box.run(['extend', 'T-OLD', '2027-12-31', '--reason', 'trễ']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('already overdue');
    expect(r.stderr).toContain('--force');
    expect((await taskRow('T-OLD'))?.state).toBe('overdue');
  });

  it('extends an overdue task with --force', async () => {
    const r = await box.run(['extend', 'T-OLD', '31/12/2027', '--reason', 'trễ', '--force', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: 'T-OLD', deadline: '2027-12-31T16:59:59.999Z' });
  });

  it('rejects a deadline it cannot read, naming the accepted forms', async () => {
    const r = await box.run(['extend', 'T-01', 'tuần sau', '--reason', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Quý II/2024');
  });
});

describe('da06 suspend, resume and cancel', () => {
  it('suspends and resumes a task through its machine', async () => {
    expect((await box.run(['suspend', 'T-02', '--reason', 'Chờ hướng dẫn của Bộ Công an'])).code).toBe(0);
    expect((await taskRow('T-02'))?.state).toBe('suspended');
    const r = await box.run(['resume', 'T-02', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).state).toMatch(/^active/);
  });

  it('cancels a task for good', async () => {
    expect((await box.run(['cancel', 'T-03', '--reason', 'Gộp vào T-01'])).code).toBe(0);
    expect((await taskRow('T-03'))?.state).toBe('cancelled');
    const again = await box.run(['resume', 'T-03']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('T-03');
  });

  it('says which task does not exist', async () => {
    const r = await box.run(['suspend', 'NOPE', '--reason', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"NOPE" does not exist');
  });
});

describe('da06 summary', () => {
  it('prints the status classes per unit and for the province as one JSON document', async () => {
    const r = await box.run(['summary', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.province.byStatus).toMatchObject({ 'Đang thực hiện quá hạn': 1, 'Đã hủy': 1, 'Đang thực hiện trong hạn': 2 });
    expect(out.province.onTimeRate).toBeCloseTo(2 / 3);
    const stttt = out.units.find((u: { code: string }) => u.code === 'STTTT');
    expect(stttt).toMatchObject({ name: 'Sở Thông tin và Truyền thông', onTimeRate: 0.5 });
    expect(out.units[0].rank).toBe(1);
  });

  it('counts a task as on time as of a date before its original deadline passed', async () => {
    const r = await box.run(['summary', '--as-of', '2024-05-31', '--json']);
    const out = JSON.parse(r.stdout);
    expect(out.asOf).toBe('2024-05-31T16:59:59.999Z');
    expect(out.province.byStatus['Đang thực hiện trong hạn']).toBe(1);
    expect(out.province.byStatus['Đang thực hiện quá hạn']).toBe(0);
  });

  it('prints a readable table', async () => {
    const r = await box.run(['summary']);
    expect(r.stdout).toContain('Tỷ lệ đúng hạn');
    expect(r.stdout).toContain('Tỉnh Thử Nghiệm');
  });
});

describe('da06 preview', () => {
  it('lists who will be emailed and why, sending nothing', async () => {
    const before = await box.query<{ n: string }>('SELECT count(*)::text AS n FROM "Notification"');
    const r = await box.run(['preview', '--days', '366', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { emails: { at: string; task: string; kind: string; to: string[] }[] };
    expect(out.emails.length).toBeGreaterThan(0);
    const reminder = out.emails.find((e) => e.task === 'T-01' && e.kind === 'reminder');
    expect(reminder?.to).toContain('giamdoc.stttt@example.gov.vn');
    const times = out.emails.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(await box.query('SELECT count(*)::text AS n FROM "Notification"')).toEqual(before);
  });
});

describe('da06 reconcile', () => {
  const pendingTimers = async () => Number((await box.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Timer" WHERE state = 'pending'`))[0]?.n);

  it('on a Redis no worker has checked yet, finds every job the commands added and warns of nothing', async () => {
    const r = await box.run(['reconcile']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Re-added 0 wake-up(s) and 0 send job(s)');
    expect(r.stdout).toContain('no earlier pass recorded in this Redis: every job checked, none missing');
    expect(r.stdout).not.toContain('lost');
    // The pass recorded itself: the next one has nothing to say.
    expect((await box.run(['reconcile'])).stdout).toMatch(/overdue wake-up\(s\)\n$/);
  });

  it('after Redis lost its data, re-adds every pending wake-up and says Redis lost them', async () => {
    const pending = await pendingTimers();
    expect(pending).toBeGreaterThan(0);
    await box.flushQueues();
    const r = await box.run(['reconcile', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ timersRequeued: pending, redisWasReset: true });
    await box.flushQueues();
    const text = (await box.run(['reconcile'])).stdout;
    expect(text).toContain(`Re-added ${pending} wake-up(s)`);
    expect(text).toContain('(Redis had lost da06 state: those jobs were missing)');
    expect((await box.run(['reconcile'])).stdout).not.toContain('Redis');
  });
});
