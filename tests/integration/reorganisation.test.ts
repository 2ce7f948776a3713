import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { reorganisationMaintenance } from '../../src/engine/write/apply-reorganisation.js';
import { dispatch } from '../../src/engine/write/dispatch.js';
import { openEngine, type Engine } from '../../src/engine/engine-deps.js';
import { sendNotifications } from '../../src/engine/jobs/send-notification.js';
import { loadStatusSummary } from '../../src/engine/read/summary.js';
import { createLogger } from '../../src/logger.js';
import type { NotificationView } from '../../src/mail/notification-view.js';
import { createMailTransport, type MailTransport } from '../../src/mail/transport.js';
import { startHttpServer, type RunningHttpServer } from '../../src/monitor/http-server.js';
import { importSeed } from '../../src/seed/import-seed.js';
import { validateSeed } from '../../src/seed/validate-seed.js';
import { MERGER_DOCUMENT, provinceAfterMerger, provinceBeforeMerger, UNIT } from '../e2e/fixtures/reorganisation-cases.js';
import type { SeedDoc } from '../e2e/fixtures/seed-cases.js';
import { createControlledClock } from '../support/controlled-clock.js';
import { addressesOf } from '../support/parsed-mail.js';
import { runDueTimers } from '../support/run-due-timers.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp-sink.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_REDIS_URL } from '../support/test-env.js';
import { createTestQueuePrefix } from '../support/test-redis.js';

const vn = (local: string) => Date.parse(`${local}+07:00`);
const ACK_SECRET = 'reorganisation-secret-0123456';
const OLD = ['giamdoc.stttt@tuyenquang.example.gov.vn', 'daumoi.stttt@tuyenquang.example.gov.vn', 'giamdoc.skhcn@tuyenquang.example.gov.vn'];
const SUCCESSOR_HEAD = 'giamdoc.skhcntq@tuyenquang.example.gov.vn';
const NEW_HEAD = 'moi.skhcntq@tuyenquang.example.gov.vn';
const LATER_HEAD = 'sau.skhcntq@tuyenquang.example.gov.vn';
const clock = createControlledClock(vn('2025-06-20T09:00:00'));

/** The fixture's province with one more task of the old SKHCN, on time when it passes. */
const withOnTimeTask = (doc: SeedDoc): SeedDoc => {
  doc.tasks.push({ code: 'M-B2', title: 'Cấp chứng thư số cho cán bộ xã', unit: 'SKHCN', deadline: '2025-12-31', startDate: '2025-01-02' });
  return doc;
};
/** The merger as the administrator writes it: M-A2 is named to the police one by one (a split), the rest follows the units. */
const merger = (): SeedDoc => {
  const doc = withOnTimeTask(provinceAfterMerger());
  (doc.tasks[1] as Record<string, unknown>).unit = 'CA';
  return doc;
};

// Two departments merge on 01/07/2025 while their tasks are at the head's level of the ladder, then the successor's
// head changes: on a controlled clock, against real PostgreSQL, Redis and SMTP.
describe('a merger of two units with tasks in the middle of the ladder', () => {
  let db: TestDatabase;
  let queue: ReturnType<typeof createTestQueuePrefix>;
  let engine: Engine;
  let smtp: SmtpSink;
  let transport: MailTransport;
  let server: RunningHttpServer;
  let sentBeforeMerger = 0;

  const seed = async (doc: SeedDoc, file: string) => {
    const result = validateSeed(doc, { now: clock.now() });
    if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    return importSeed(engine, result.seed, { file, dryRun: false });
  };
  const at = async (local: string) => {
    clock.set(vn(local));
    await runDueTimers(engine);
  };
  const sendDue = async () => {
    const due = await engine.prisma.notification.findMany({ where: { status: 'pending', nextAttemptAt: { lte: new Date(clock.now()) } }, select: { id: true }, orderBy: { id: 'asc' } });
    return sendNotifications(engine, transport, due.map((d) => d.id));
  };
  const task = (code: string) => engine.prisma.task.findUniqueOrThrow({ where: { code }, include: { unit: true, events: { orderBy: { id: 'asc' } } } });
  const notices = (code: string, kind: string) =>
    engine.prisma.notification.findMany({ where: { task: { code }, kind }, orderBy: { id: 'asc' } });
  const addressees = (m: ReceivedMail) => [...addressesOf(m.to), ...addressesOf(m.cc), ...m.envelopeTo].map((a) => a.toLowerCase());
  const linkOf = (view: NotificationView, email: string) => view.workspaceLinks?.find((l) => l.email === email)?.url as string;
  const get = (url: string) => fetch(`${server.url}${new URL(url).pathname}`, { redirect: 'manual' });

  beforeAll(async () => {
    db = await createTestDatabase('reorganisation');
    queue = createTestQueuePrefix('reorganisation');
    smtp = await startSmtpSink();
    const config = loadConfig({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queue.prefix,
      SMTP_URL: smtp.url,
      ACK_SECRET,
      PUBLIC_URL: 'https://da06.tuyenquang.example.gov.vn',
      LOG_LEVEL: 'silent',
    });
    engine = await openEngine(config, createLogger('silent', 'stderr'), { now: clock.now });
    transport = createMailTransport({ smtpUrl: smtp.url, outboxDir: '/nonexistent' });
    server = await startHttpServer(engine, 0);

    await seed(withOnTimeTask(provinceBeforeMerger()), 'before.yaml');
    // M-A1 falls overdue: the head of STTTT is told, and reads it.
    await at('2025-06-26T08:00:00');
    await sendDue();
    // M-B1 falls overdue: its notice to the head of the old SKHCN is decided but not sent yet.
    await at('2025-06-27T08:00:00');
    await dispatch(engine, 'M-A3', { type: 'COMPLETED', at: clock.now() }, { actor: 'test' });
    sentBeforeMerger = smtp.messages.length;
  });

  afterAll(async () => {
    transport?.close();
    await server?.close();
    await engine?.close();
    await queue?.cleanup();
    await db?.drop();
    await smtp?.close();
  });

  it('written ahead of its day, moves only the task the file names one by one, and nothing else yet', async () => {
    await at('2025-06-28T10:00:00');
    const outcome = await seed(merger(), 'merger.yaml');
    expect(outcome.updates).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'M-A2', field: 'unit', from: 'STTTT', to: 'CA', via: 'REASSIGNED' })]));
    expect(outcome.reorganised ?? []).toEqual([]);
    expect((await task('M-A1')).unit.code).toBe('STTTT');
    expect((await task('M-A2')).unit.code).toBe('CA');
    expect(await reorganisationMaintenance(engine)).toBe('nothing due');
  });

  it('on its day passes every open task to the successor once, keeping its clock and escalation level', async () => {
    const before = await task('M-A1');
    expect(before.escalationLevel).toBe('head');
    clock.set(vn('2025-07-01T00:10:00'));
    const done = await reorganisationMaintenance(engine);
    expect(done).not.toBe('nothing due');
    expect(done !== 'nothing due' && done.dissolved).toEqual([
      { unit: 'SKHCN', successor: 'SKHCNTQ', tasks: ['M-B1', 'M-B2'] },
      { unit: 'STTTT', successor: 'SKHCNTQ', tasks: ['M-A1'] },
    ]);
    for (const code of ['M-A1', 'M-A2', 'M-B1', 'M-B2']) {
      const t = await task(code);
      expect(t.events.filter((e) => e.type === 'REASSIGNED'), code).toHaveLength(1);
    }
    const a1 = await task('M-A1');
    expect(a1.unit.code).toBe('SKHCNTQ');
    expect(a1).toMatchObject({ escalationLevel: 'head', deadline: before.deadline, state: before.state });
    expect(a1.events.at(-1)).toMatchObject({ type: 'REASSIGNED', actor: 'maintenance', payload: { from: 'STTTT', to: 'SKHCNTQ', unitKind: 'department', document: MERGER_DOCUMENT } });
    // It helped with nothing else: its coordinating unit, SKHCN, became its own unit.
    expect(a1.coordinatingUnitCodes).toEqual([]);
    // The completed task stays with the unit that completed it.
    expect((await task('M-A3')).unit.code).toBe('STTTT');
    expect((await task('M-A3')).events.some((e) => e.type === 'REASSIGNED')).toBe(false);
    // Held by the successor from the day of the merger, for the history.
    const holdings = await engine.prisma.taskAssignment.findMany({ where: { taskId: a1.id }, include: { unit: true }, orderBy: { id: 'asc' } });
    expect(holdings.map((h) => [h.unit.code, h.heldUntil?.toISOString() ?? null])).toEqual([
      ['STTTT', new Date(vn('2025-07-01T00:00:00')).toISOString()],
      ['SKHCNTQ', null],
    ]);
  });

  it('addresses the unsent notice of the old unit to the successor’s head, and sends nothing to the old heads', async () => {
    const [overdue] = await notices('M-B1', 'overdue');
    expect(overdue?.status).toBe('pending');
    expect(overdue?.recipients).toEqual([SUCCESSOR_HEAD]);
    const view = overdue?.view as unknown as NotificationView;
    expect(view.task.unitCode).toBe('SKHCNTQ');
    expect(view.workspaceLinks?.map((l) => l.email)).toEqual(expect.arrayContaining([SUCCESSOR_HEAD]));
    await sendDue();
    // The chairman is told about M-A1 ten days after its head was: the successor's head is copied.
    await at('2025-07-06T08:00:00');
    await sendDue();
    const after = smtp.messages.slice(sentBeforeMerger);
    expect(after.length).toBeGreaterThanOrEqual(2);
    for (const m of after) for (const old of OLD) expect(addressees(m), m.subject).not.toContain(old);
    const escalation = after.find((m) => m.subject?.includes('M-A1') && m.headers.get('x-da06-kind') === 'escalation');
    expect(addressesOf(escalation?.cc)).toContain(SUCCESSOR_HEAD);
    expect((await task('M-A1')).escalationLevel).toBe('chairman');
    // Every escalation was decided once: the merger told no one twice.
    expect(await notices('M-A1', 'escalation')).toHaveLength(1);
    expect(await notices('M-A1', 'overdue')).toHaveLength(1);
  });

  it('counts each task under the unit that held it on the day asked for', async () => {
    const june = await loadStatusSummary(engine.prisma, vn('2025-06-30T23:59:59.999'));
    const line = (s: typeof june, code: string) => s.units.find((u) => u.code === code);
    expect(june.units.map((u) => u.code).sort()).toEqual(['CA', 'MINHXUAN', 'SKHCN', 'STTTT']);
    expect(line(june, 'STTTT')?.byStatus).toMatchObject({ 'Đang thực hiện quá hạn': 1, 'Hoàn thành đúng hạn': 1 });
    expect(line(june, 'SKHCN')?.byStatus).toMatchObject({ 'Đang thực hiện quá hạn': 1, 'Đang thực hiện trong hạn': 1 });
    const july = await loadStatusSummary(engine.prisma, vn('2025-07-06T23:59:59.999'));
    // Inherited lateness counts against the successor from the day it passed: M-A1 and M-B1 were overdue then.
    expect(line(july, 'SKHCNTQ')).toMatchObject({ byStatus: expect.objectContaining({ 'Đang thực hiện quá hạn': 2, 'Đang thực hiện trong hạn': 1 }), total: 3 });
    expect(line(july, 'SKHCNTQ')?.onTimeRate).toBeCloseTo(1 / 3);
    // The old STTTT keeps the task it completed, shown as ceased and unranked; the old SKHCN kept nothing.
    expect(line(july, 'STTTT')).toMatchObject({ ceased: true, rank: null, total: 1 });
    expect(line(july, 'SKHCN')).toBeUndefined();
    expect(july.province.total).toBe(june.province.total);
  });

  it('carries the merger out once: a second pass and a second import move nothing', async () => {
    expect(await reorganisationMaintenance(engine)).toBe('nothing due');
    const events = await engine.prisma.taskEvent.count({ where: { type: 'REASSIGNED' } });
    const outcome = await seed(merger(), 'merger.yaml');
    expect(outcome.reorganised ?? []).toEqual([]);
    expect(await engine.prisma.taskEvent.count({ where: { type: 'REASSIGNED' } })).toBe(events);
  });

  describe('then a new head of the successor', () => {
    let oldWorkspace: string;
    let oldAck: string;

    beforeAll(async () => {
      const [escalation] = await notices('M-A1', 'escalation');
      const view = escalation?.view as unknown as NotificationView;
      oldWorkspace = linkOf(view, SUCCESSOR_HEAD);
      const [overdue] = await notices('M-B1', 'overdue');
      oldAck = (overdue?.view as unknown as NotificationView).action.ackUrl as string;
      // M-B1 reaches the chairman: decided, not sent yet when the head changes.
      await at('2025-07-07T00:30:00');
    });

    it('works for the head in post until the change', async () => {
      expect((await get(oldWorkspace)).status).toBe(200);
      expect((await get(oldAck)).status).toBe(200);
    });

    it('moves the next notice to the new head, with a link of their own, and kills the old head’s links', async () => {
      const [pending] = await notices('M-B1', 'escalation');
      expect(pending?.status).toBe('pending');
      expect(pending?.cc).toContain(SUCCESSOR_HEAD);
      await at('2025-07-07T09:00:00');
      const doc = merger();
      (doc.units[UNIT.SKHCNTQ] as Record<string, unknown>).head = { name: 'Mai Thị Mới', title: 'Giám đốc Sở', email: NEW_HEAD, since: '2025-07-07' };
      const outcome = await seed(doc, 'new-head.yaml');
      expect(outcome.updates).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'SKHCNTQ head', field: 'email', from: SUCCESSOR_HEAD, to: NEW_HEAD })]));

      const [readdressed] = await notices('M-B1', 'escalation');
      expect(readdressed?.cc).toContain(NEW_HEAD);
      expect(readdressed?.cc).not.toContain(SUCCESSOR_HEAD);
      const marked = smtp.messages.length;
      await sendDue();
      const mail = smtp.messages.slice(marked);
      expect(mail.length).toBeGreaterThan(0);
      for (const m of mail) expect(addressees(m)).not.toContain(SUCCESSOR_HEAD);
      const link = linkOf(readdressed?.view as unknown as NotificationView, NEW_HEAD);
      expect((await get(link)).status).toBe(200);

      expect((await get(oldWorkspace)).status).toBe(403);
      expect((await get(oldAck)).status).toBe(403);
      const events = await engine.prisma.taskEvent.count();
      expect((await fetch(`${server.url}${new URL(oldAck).pathname}`, { method: 'POST', redirect: 'manual' })).status).toBe(403);
      expect(await engine.prisma.taskEvent.count()).toBe(events);
    });

    it('with a head named from a day ahead, keeps the head in post until that day, then moves their notices and links', async () => {
      await at('2025-07-08T10:00:00');
      const doc = merger();
      (doc.units[UNIT.SKHCNTQ] as Record<string, unknown>).head = { name: 'Đinh Văn Sau', title: 'Giám đốc Sở', email: LATER_HEAD, since: '2025-07-10' };
      await seed(doc, 'later-head.yaml');
      const [escalation] = await notices('M-B1', 'escalation');
      const current = linkOf(escalation?.view as unknown as NotificationView, NEW_HEAD);
      await at('2025-07-09T23:00:00');
      expect(await reorganisationMaintenance(engine)).toBe('nothing due');
      expect((await get(current)).status).toBe(200);
      // The day comes: the worker's maintenance pass applies it, and the head's link dies with the term.
      clock.set(vn('2025-07-10T00:05:00'));
      expect(await reorganisationMaintenance(engine)).not.toBe('nothing due');
      expect((await get(current)).status).toBe(403);
      // M-B1 is completed: everyone told of it hears so, the head of today among them.
      await dispatch(engine, 'M-B1', { type: 'COMPLETED', at: clock.now() }, { actor: 'test' });
      const [resolved] = await notices('M-B1', 'resolved');
      expect([...(resolved?.recipients ?? []), ...(resolved?.cc ?? [])]).toContain(LATER_HEAD);
      expect([...(resolved?.recipients ?? []), ...(resolved?.cc ?? [])]).not.toContain(NEW_HEAD);
    });

    it('keeps the old heads with the terms they served, so the record names the people of the time', async () => {
      const heads = await engine.prisma.official.findMany({ where: { unit: { code: 'SKHCNTQ' }, role: 'head' }, orderBy: { id: 'asc' } });
      const day = (local: string) => new Date(vn(`${local}T00:00:00`)).toISOString();
      expect(heads.map((o) => [o.email, o.termStart?.toISOString() ?? null, o.termEnd?.toISOString() ?? null])).toEqual([
        [SUCCESSOR_HEAD, null, day('2025-07-07')],
        [NEW_HEAD, day('2025-07-07'), day('2025-07-10')],
        [LATER_HEAD, day('2025-07-10'), null],
      ]);
      const sentToOld = await engine.prisma.notification.findMany({ where: { status: 'sent', OR: [{ recipients: { has: SUCCESSOR_HEAD } }, { cc: { has: SUCCESSOR_HEAD } }] } });
      expect(sentToOld.length).toBeGreaterThan(0);
    });
  });
});
