import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/engine/write/dispatch.js';
import { startWorker, type RunningWorker } from '../../src/engine/jobs/worker.js';
import { createMailTransport } from '../../src/mail/transport.js';
import { createHarness, type Harness } from '../support/engine-harness.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const header = (m: { headers: Map<string, unknown> }, name: string) => m.headers.get(name);
const addresses = (field: unknown): string[] => {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a: { value: { address?: string }[] }) => a.value.map((v) => v.address ?? ''));
};

describe('a task under a policy in seconds', () => {
  let h: Harness;
  let smtp: SmtpSink;
  let worker: RunningWorker;
  let acknowledged: Promise<number>;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    h = await createHarness('escalation', { SMTP_URL: smtp.url });
    worker = startWorker(h.engine, { transport: createMailTransport({ smtpUrl: smtp.url, outboxDir: '/nonexistent' }) });
    await worker.ready;
    const now = Date.now();
    await h.addTasks([
      { code: 'T-LATE', deadline: now + 3000 },
      { code: 'T-DONE', deadline: now + 3000 },
      { code: 'T-ACK', deadline: now + 3000 },
    ]);
    // The head acknowledges as soon as the overdue email arrives.
    acknowledged = smtp
      .waitFor(() => of('T-ACK', 'overdue').length === 1, 15_000)
      .then(() => dispatch(h.engine, 'T-ACK', { type: 'ACKNOWLEDGED', by: 'giamdoc.stttt@example.gov.vn', at: Date.now() }, { actor: 'test' }))
      .then(() => Date.now());
  });

  afterAll(async () => {
    await worker.close();
    await h.close();
    await smtp.close();
  });

  const of = (code: string, kind: string) =>
    smtp.messages.filter((m) => header(m, 'x-da06-task') === code && header(m, 'x-da06-kind') === kind);

  it('reminds the unit before the deadline', async () => {
    await smtp.waitFor(() => of('T-LATE', 'reminder').length === 1, 15_000);
    const reminder = of('T-LATE', 'reminder')[0]!;
    expect(reminder.subject).toMatch(/^\[T-LATE\] V\/v nhắc thực hiện nhiệm vụ/);
    expect(addresses(reminder.to)).toEqual(expect.arrayContaining(['giamdoc.stttt@example.gov.vn', 'daumoi.stttt@example.gov.vn']));
    expect(reminder.text).toContain('Kính gửi');
  });

  it('gets no escalation when completed before its deadline', async () => {
    await dispatch(h.engine, 'T-DONE', { type: 'COMPLETED', at: Date.now() }, { actor: 'test' });
    const shown = await h.engine.prisma.task.findUniqueOrThrow({ where: { code: 'T-DONE' } });
    expect(shown.statusClass).toBe('Hoàn thành đúng hạn');
  });

  it('emails the head at the deadline, then the chairman after escalateToChairmanAfter', async () => {
    await smtp.waitFor(() => of('T-LATE', 'overdue').length === 1, 15_000);
    const overdue = of('T-LATE', 'overdue')[0]!;
    expect(addresses(overdue.to)).toEqual(['giamdoc.stttt@example.gov.vn']);
    expect(addresses(overdue.cc)).toContain('giamdoc.ca@example.gov.vn');
    await smtp.waitFor(() => of('T-LATE', 'escalation').length === 1, 15_000);
    const escalation = of('T-LATE', 'escalation')[0]!;
    expect(addresses(escalation.to)).toEqual(['chutich@example.gov.vn']);
    expect(addresses(escalation.cc)).toEqual(expect.arrayContaining(['giamdoc.stttt@example.gov.vn', 'giamdoc.ca@example.gov.vn']));
    expect(escalation.inReplyTo).toBeTruthy();
    expect(overdue.date!.getTime()).toBeLessThan(escalation.date!.getTime());
  });

  it('decides the head escalation (escalateToHeadAfter PT0S) in the deadline’s own transaction, without a job', async () => {
    const task = await h.engine.prisma.task.findUniqueOrThrow({ where: { code: 'T-LATE' }, select: { id: true } });
    const timers = await h.engine.prisma.timer.findMany({ where: { taskId: task.id, sendId: { contains: 'untilDeadline' } } });
    const head = await h.engine.prisma.timer.findMany({ where: { taskId: task.id, sendId: { contains: 'untilHeadEscalation' } } });
    expect(timers.map((t) => t.state)).toEqual(['fired']);
    expect(head.map((t) => ({ state: t.state, fireAt: t.fireAt, settledAt: t.settledAt }))).toEqual([
      { state: 'fired', fireAt: timers[0]!.fireAt, settledAt: timers[0]!.settledAt },
    ]);
    expect(await h.engine.queues.timers.getJob(head[0]!.jobId)).toBeUndefined();
    const events = await h.engine.prisma.taskEvent.findMany({ where: { taskId: task.id, type: { startsWith: 'TIMER_untilHead' } }, select: { actor: true, at: true } });
    expect(events).toEqual([{ actor: 'timer', at: timers[0]!.fireAt }]);
  });

  it('holds the chairman off while the head has acknowledged', async () => {
    const ackAt = await acknowledged;
    // Past escalateToChairmanAfter (3 s) but within acknowledgementHolds (8 s): T-LATE reached the chairman by now.
    await new Promise((r) => setTimeout(r, Math.max(0, ackAt + 4500 - Date.now())));
    expect(of('T-LATE', 'escalation')).toHaveLength(1);
    expect(of('T-ACK', 'escalation')).toHaveLength(0);
    const task = await h.engine.prisma.task.findUniqueOrThrow({ where: { code: 'T-ACK' } });
    expect(task.escalationLevel).toBe('head');
  });

  it('sent the completed task nothing but its reminder, and every email once', async () => {
    expect(smtp.messages.filter((m) => header(m, 'x-da06-task') === 'T-DONE' && header(m, 'x-da06-kind') !== 'reminder')).toHaveLength(0);
    const ids = smtp.messages.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
