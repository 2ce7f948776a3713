import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestMaintenance } from '../../src/engine/jobs/digest.js';
import { dispatch } from '../../src/engine/write/dispatch.js';
import { sendNotification } from '../../src/engine/jobs/send-notification.js';
import { createMailTransport, type MailTransport } from '../../src/mail/transport.js';
import { statusReport } from '../../src/monitor/status-report.js';
import type { TaskContext } from '../../workflows/task-types.js';
import type { TaskPolicy } from '../../workflows/task-policy.js';
import { createControlledClock, type ControlledClock } from '../support/controlled-clock.js';
import { createHarness, SECONDS_POLICY, type Harness } from '../support/engine-harness.js';
import { addressesOf, headerOf, headerValues, HTML_TAG } from '../support/parsed-mail.js';
import { runDueTimers } from '../support/run-due-timers.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const vn = (local: string): number => Date.parse(`${local}+07:00`);

describe('notices decided outside office hours', () => {
  const OFFICE_HOURS: TaskPolicy = {
    ...SECONDS_POLICY,
    remindBefore: [],
    sendWindow: { from: '07:30', to: '17:00', workingDaysOnly: true },
  };
  const SATURDAY_EVENING = vn('2024-03-16T20:00:00');
  const MONDAY_OPENING = vn('2024-03-18T07:30:00');
  let clock: ControlledClock;
  let h: Harness;
  let smtp: SmtpSink;
  let transport: MailTransport;

  beforeAll(async () => {
    clock = createControlledClock(vn('2024-03-16T19:00:00'));
    smtp = await startSmtpSink();
    h = await createHarness('mail-window', { SMTP_URL: smtp.url }, { now: clock.now });
    transport = createMailTransport({ smtpUrl: smtp.url, outboxDir: '/nonexistent' });
    await h.addTasks([
      { code: 'W-LATE', deadline: SATURDAY_EVENING, policyName: 'office-hours', policy: OFFICE_HOURS },
      {
        code: 'W-KPI',
        start: vn('2024-01-01T00:00:00'),
        deadline: vn('2024-04-30T17:00:00'),
        indicator: { name: 'Tỷ lệ hồ sơ trực tuyến toàn trình', unit: '%', baseline: 0, target: 100, direction: 'increase' },
        policyName: 'office-hours',
        policy: { ...OFFICE_HOURS, escalateToChairmanAfter: 'P7D', reportStaleAfter: 'P365D' },
      },
    ]);
    // The engine gets both half a minute late: the decisions still belong to 20:00.
    clock.set(SATURDAY_EVENING + 30_000);
    await dispatch(h.engine, 'W-KPI', { type: 'PROGRESS_REPORTED', value: 5, at: SATURDAY_EVENING }, { actor: 'test' });
    await runDueTimers(h.engine);
  });

  afterAll(async () => {
    transport?.close();
    await h?.close();
    await smtp?.close();
  });

  const outbox = () => h.engine.prisma.notification.findMany({ include: { task: true }, orderBy: { id: 'asc' } });
  const taskWithEvents = (code: string) =>
    h.engine.prisma.task.findUniqueOrThrow({ where: { code }, include: { events: { orderBy: { id: 'asc' } } } });

  it('records the escalations at the event times, Saturday night, not when the email may leave', async () => {
    const late = await taskWithEvents('W-LATE');
    expect(late.state).toMatch(/overdue/);
    expect(late.escalationLevel).toBe('chairman');
    const context = (late.snapshot as unknown as { context: TaskContext }).context;
    expect(context.escalation.headAt).toBe(SATURDAY_EVENING);
    expect(context.escalation.lastNoticeAt).toBe(SATURDAY_EVENING + 3000);
    const lateAt = (type: string) => late.events.find((e) => e.type === type)?.at.getTime();
    expect(lateAt('TIMER_untilDeadline')).toBe(SATURDAY_EVENING);
    expect(lateAt('TIMER_untilHeadEscalation')).toBe(SATURDAY_EVENING);
    expect(lateAt('TIMER_untilChairmanEscalation')).toBe(SATURDAY_EVENING + 3000);

    const lagging = await taskWithEvents('W-KPI');
    expect(lagging.escalationLevel).toBe('head');
    expect(lagging.underperforming).toBe(true);
    const kpiAt = (type: string) => lagging.events.find((e) => e.type === type)?.at.getTime();
    expect(kpiAt('PROGRESS_REPORTED')).toBe(SATURDAY_EVENING);
    expect(kpiAt('TIMER_untilHeadEscalation')).toBe(SATURDAY_EVENING);
  });

  it('holds every email until the window opens on Monday 07:30', async () => {
    const rows = await outbox();
    expect(rows.map((r) => [r.task?.code, r.kind, (r.view as { decidedAt: number }).decidedAt])).toEqual(
      expect.arrayContaining([
        ['W-LATE', 'overdue', SATURDAY_EVENING],
        ['W-LATE', 'escalation', SATURDAY_EVENING + 3000],
        ['W-KPI', 'underperforming', SATURDAY_EVENING],
      ]),
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.status).toBe('pending');
      expect(row.notBefore.getTime()).toBe(MONDAY_OPENING);
      expect(row.nextAttemptAt.getTime()).toBe(MONDAY_OPENING);
    }
  });

  it('counts the held emails as pending in `status`', async () => {
    const status = await statusReport(h.engine);
    expect(status.notifications).toMatchObject({ pending: 3, sent: 0, failed: 0, heldForSendWindow: 3 });
    expect(status.tasks).toMatchObject({ total: 2, overdue: 1, underperforming: 1, escalatedToHead: 1, escalatedToChairman: 1 });
  });

  it('does not send them before the opening, and sends them once the window opens', async () => {
    const rows = await outbox();
    for (const at of [SATURDAY_EVENING + 60_000, vn('2024-03-17T10:00:00'), vn('2024-03-18T07:29:00')]) {
      clock.set(at);
      for (const row of rows) expect(await sendNotification(h.engine, transport, row.id), new Date(at).toISOString()).toBe('skipped');
    }
    expect(smtp.messages).toHaveLength(0);
    clock.set(MONDAY_OPENING);
    for (const row of rows) expect(await sendNotification(h.engine, transport, row.id)).toBe('sent');
    const mails = await smtp.waitFor((m) => m.length === 3);
    const sent = (code: string, kind: string) => mails.find((m) => headerOf(m, 'x-da06-task') === code && headerOf(m, 'x-da06-kind') === kind);
    expect(addressesOf(sent('W-LATE', 'overdue')?.to)).toEqual(['giamdoc.stttt@example.gov.vn']);
    expect(addressesOf(sent('W-LATE', 'escalation')?.to)).toEqual(['chutich@example.gov.vn']);
    expect(addressesOf(sent('W-KPI', 'underperforming')?.to)).toEqual(['giamdoc.stttt@example.gov.vn']);
    expect(sent('W-LATE', 'escalation')?.inReplyTo).toBe(sent('W-LATE', 'overdue')?.messageId);
    for (const mail of mails) expect(mail.date?.getTime()).toBe(MONDAY_OPENING);
    for (const row of await outbox()) {
      expect(row.status).toBe('sent');
      expect(row.sentAt?.getTime()).toBe(MONDAY_OPENING);
    }
    expect((await statusReport(h.engine)).notifications).toMatchObject({ pending: 0, sent: 3, heldForSendWindow: 0 });
    // Sent is final: another send job for a row does nothing.
    expect(await sendNotification(h.engine, transport, rows[0]!.id)).toBe('skipped');
    expect(smtp.messages).toHaveLength(3);
  });
});

describe("the chairman's daily digest", () => {
  const DEADLINE = vn('2024-03-19T10:00:00'); // a Tuesday
  const WEDNESDAY = '2024-03-20';
  let clock: ControlledClock;
  let h: Harness;
  let smtp: SmtpSink;
  let transport: MailTransport;

  beforeAll(async () => {
    clock = createControlledClock(vn('2024-03-19T09:00:00'));
    smtp = await startSmtpSink();
    h = await createHarness('mail-digest', { SMTP_URL: smtp.url, DIGEST_AT: '07:30' }, { now: clock.now });
    transport = createMailTransport({ smtpUrl: smtp.url, outboxDir: '/nonexistent' });
    await h.addTasks([
      { code: 'D-STTTT-1', title: 'Số hóa hồ sơ hộ tịch', deadline: DEADLINE },
      { code: 'D-STTTT-2', title: 'Kết nối cổng dịch vụ công với Cơ sở dữ liệu quốc gia về dân cư', deadline: DEADLINE },
      { code: 'D-CA', title: 'Cấp căn cước cho người dân', unitCode: 'CA', deadline: DEADLINE },
      { code: 'D-BHXH', title: 'Đồng bộ dữ liệu bảo hiểm', unitCode: 'BHXH', deadline: DEADLINE },
      { code: 'D-LATER', title: 'Nhiệm vụ chưa đến hạn', deadline: vn('2024-04-30T17:00:00') },
    ]);
    // Past the deadline and escalateToChairmanAfter (3 s): three tasks reach the chairman, BHXH stops at its head.
    clock.set(vn('2024-03-19T10:05:00'));
    await runDueTimers(h.engine);
  });

  afterAll(async () => {
    transport?.close();
    await h?.close();
    await smtp?.close();
  });

  const digests = () => h.engine.prisma.notification.findMany({ where: { kind: 'digest' }, orderBy: { id: 'asc' } });

  it('has three chairman-level tasks to report, each with its own escalation email', async () => {
    const tasks = await h.engine.prisma.task.findMany({ orderBy: { code: 'asc' } });
    expect(Object.fromEntries(tasks.map((t) => [t.code, t.escalationLevel]))).toEqual({
      'D-BHXH': 'head',
      'D-CA': 'chairman',
      'D-LATER': 'none',
      'D-STTTT-1': 'chairman',
      'D-STTTT-2': 'chairman',
    });
    const escalations = await h.engine.prisma.notification.findMany({ where: { kind: 'escalation' }, include: { task: true } });
    expect(escalations.map((n) => n.task?.code).sort()).toEqual(['D-CA', 'D-STTTT-1', 'D-STTTT-2']);
  });

  it('prepares nothing on a working day before DIGEST_AT', async () => {
    clock.set(vn(`${WEDNESDAY}T07:29:00`));
    expect(await digestMaintenance(h.engine)).toBe('not due');
    expect(await digests()).toHaveLength(0);
  });

  it('sends one digest to the chairman after DIGEST_AT, listing the chairman-level tasks by unit', async () => {
    clock.set(vn(`${WEDNESDAY}T07:31:00`));
    expect(await digestMaintenance(h.engine)).toBe('created');
    const [row] = await digests();
    expect(await sendNotification(h.engine, transport, row!.id)).toBe('sent');
    const [mail] = await smtp.waitFor((m) => m.length === 1);
    expect(mail!.subject).toBe('[Đề án 06] Tổng hợp nhiệm vụ cần Chủ tịch chỉ đạo ngày 20/03/2024');
    expect(addressesOf(mail!.to)).toEqual(['chutich@example.gov.vn']);
    expect(addressesOf(mail!.cc)).toEqual([]);
    expect(headerOf(mail!, 'x-da06-kind')).toBe('digest');
    expect(headerValues(mail!, 'X-DA06-Task').sort()).toEqual(['D-CA', 'D-STTTT-1', 'D-STTTT-2']);
    const text = mail!.text!;
    expect(text).not.toMatch(HTML_TAG);
    expect(text).toContain('Kính gửi: Chủ tịch UBND tỉnh');
    expect(text).toContain('có 3 nhiệm vụ của 2 đơn vị');
    const stttt = text.indexOf('1. Sở Thông tin và Truyền thông (2 nhiệm vụ)');
    const ca = text.indexOf('2. Công an tỉnh (1 nhiệm vụ)');
    expect(stttt).toBeGreaterThan(-1);
    expect(ca).toBeGreaterThan(stttt);
    for (const code of ['D-STTTT-1', 'D-STTTT-2']) expect(text.indexOf(`[${code}]`)).toBeGreaterThan(stttt);
    for (const code of ['D-STTTT-1', 'D-STTTT-2']) expect(text.indexOf(`[${code}]`)).toBeLessThan(ca);
    expect(text.indexOf('[D-CA]')).toBeGreaterThan(ca);
    expect(text).toContain('Kết nối cổng dịch vụ công với Cơ sở dữ liệu quốc gia về dân cư');
    expect(text).not.toContain('D-BHXH');
    expect(text).not.toContain('D-LATER');
    expect(text).toContain('Trân trọng./.');
    const html = mail!.html as string;
    expect(html).toContain('Kính gửi');
    expect(html).toContain('Sở Thông tin và Truyền thông');
    expect(html).toContain('Trân trọng./.');
  });

  it('adds nothing when the maintenance runs again the same day', async () => {
    clock.set(vn(`${WEDNESDAY}T16:00:00`));
    expect(await digestMaintenance(h.engine)).toBe('exists');
    expect(await digests()).toHaveLength(1);
    const [row] = await digests();
    expect(await sendNotification(h.engine, transport, row!.id)).toBe('skipped');
    expect(smtp.messages).toHaveLength(1);
  });

  it('prepares nothing on a Sunday', async () => {
    clock.set(vn('2024-03-24T09:00:00'));
    expect(await digestMaintenance(h.engine)).toBe('not due');
    expect(await digests()).toHaveLength(1);
  });
});

describe('the digest on a quiet day', () => {
  let h: Harness;
  const clock = createControlledClock(vn('2024-03-20T08:00:00'));

  beforeAll(async () => {
    h = await createHarness('digest-quiet', { DIGEST_AT: '07:30' }, { now: clock.now });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('is checked again an hour later, not at every maintenance pass', async () => {
    expect(await digestMaintenance(h.engine)).toBe('nothing to report');
    const quietKey = `${h.prefix}:da06:digest-quiet:2024-03-20`;
    const ttl = await h.engine.redis.pttl(quietKey);
    expect(ttl).toBeGreaterThan(3_500_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
    // Something to report appears: within the hour it waits for the next check…
    await h.addTasks([{ code: 'Q-1', deadline: clock.now() + 86_400_000 }]);
    await h.engine.prisma.task.update({ where: { code: 'Q-1' }, data: { escalationLevel: 'chairman' } });
    expect(await digestMaintenance(h.engine)).toBe('nothing to report');
    // …and once the hour has passed (the key expired), the digest is made.
    await h.engine.redis.del(quietKey);
    expect(await digestMaintenance(h.engine)).toBe('created');
  });
});
