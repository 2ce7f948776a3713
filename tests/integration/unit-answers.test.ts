import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOn } from '../../src/db/sql.js';
import { dispatch } from '../../src/engine/write/dispatch.js';
import { startWorker, type RunningWorker } from '../../src/engine/jobs/worker.js';
import { EventNotAcceptedError } from '../../src/errors.js';
import { createMailTransport } from '../../src/mail/transport.js';
import { createHarness, SECONDS_POLICY, type Harness } from '../support/engine-harness.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const header = (m: { headers: Map<string, unknown> }, name: string) => m.headers.get(name);
const addresses = (field: unknown): string[] => {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a: { value: { address?: string }[] }) => a.value.map((v) => v.address ?? ''));
};
const HEAD = 'giamdoc.stttt@example.gov.vn';
const STANDING = 'giamdoc.ca@example.gov.vn';
const CHAIRMAN = 'chutich@example.gov.vn';
const HOSTILE_CAUSE = '<script>alert("x")</script> Chưa bố trí kinh phí';

/** The unit answers back through the one door, with real PostgreSQL, Redis, SMTP and the worker's timers. */
describe('the unit answers back', () => {
  let h: Harness;
  let smtp: SmtpSink;
  let worker: RunningWorker;
  let submittedAt: number;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    h = await createHarness('answers', { SMTP_URL: smtp.url, ACK_SECRET: 'answers-secret-0123456789', PUBLIC_URL: 'https://da06.example.gov.vn' });
    worker = startWorker(h.engine, { transport: createMailTransport({ smtpUrl: smtp.url, outboxDir: '/nonexistent' }) });
    await worker.ready;
    const now = Date.now();
    const policy = { ...SECONDS_POLICY, escalateToChairmanAfter: 'PT4S', explanationDue: 'P3D', obstacleEscalateAfter: 'PT2S', confirmationDue: 'P1D' };
    await h.addTasks([
      { code: 'A-LATE', deadline: now + 2500, policy },
      { code: 'A-OBS', deadline: now + 600_000, policy },
      { code: 'A-SUB', deadline: now + 4000, policy },
      { code: 'A-RET', deadline: now + 3000, policy },
    ]);
    submittedAt = Date.now();
    await dispatch(h.engine, 'A-SUB', { type: 'COMPLETION_SUBMITTED', at: submittedAt, document: 'Báo cáo 12/BC-STTTT', note: null, by: HEAD }, { actor: HEAD, channel: 'cli' });
    await dispatch(h.engine, 'A-RET', { type: 'COMPLETION_SUBMITTED', at: Date.now(), document: null, note: 'Đã xong', by: HEAD }, { actor: HEAD, channel: 'cli' });
  });

  afterAll(async () => {
    await worker.close();
    await h.close();
    await smtp.close();
  });

  /** The copies of one notice: one per official with a workspace link, one for everyone else. */
  const copies = (code: string, kind: string) =>
    smtp.messages.filter((m) => header(m, 'x-da06-task') === code && header(m, 'x-da06-kind') === kind);
  /** The notices of a kind as `to` received them. */
  const of = (code: string, kind: string, to = HEAD) => copies(code, kind).filter((m) => m.envelopeTo.includes(to));

  it('the overdue notice asks the head for an explanation and carries the head’s workspace link', async () => {
    await smtp.waitFor(() => of('A-LATE', 'overdue').length === 1, 20_000);
    const overdue = of('A-LATE', 'overdue')[0]!;
    expect(overdue.text).toMatch(/Đề nghị giải trình rõ nguyên nhân, lý do và giải pháp chấn chỉnh trước ngày \d\d\/\d\d\/\d{4}\./);
    expect(overdue.text).toMatch(/Trang làm việc của đồng chí Thủ trưởng STTTT: https:\/\/da06\.example\.gov\.vn\/w\/\S+/);
    // A link is a credential: the standing agency, in copy, gets its own copy with its own link, not the head's.
    await smtp.waitFor(() => of('A-LATE', 'overdue', STANDING).length === 1, 20_000);
    const standingCopy = of('A-LATE', 'overdue', STANDING)[0]!;
    expect(standingCopy.envelopeTo).toEqual([STANDING]);
    expect(standingCopy.messageId).toBe(overdue.messageId);
    expect(addresses(standingCopy.to)).toEqual([HEAD]);
    expect(standingCopy.text).not.toContain('Thủ trưởng STTTT: https');
    expect(standingCopy.text).toContain('Trang làm việc của đồng chí Thủ trưởng CA: https');
    expect(overdue.text).not.toContain('Thủ trưởng CA: https');
    const task = await h.engine.prisma.task.findUniqueOrThrow({ where: { code: 'A-LATE' } });
    expect((task.snapshot as { context: { explanationDueAt: number | null } }).context.explanationDueAt).not.toBeNull();
  });

  it('the chairman’s escalation quotes the explanation, escaped in the HTML part', async () => {
    await dispatch(
      h.engine,
      'A-LATE',
      { type: 'EXPLANATION_GIVEN', at: Date.now(), cause: HOSTILE_CAUSE, remedy: 'Trình UBND tỉnh bổ sung dự toán', commitDate: '2026-12-31', by: HEAD },
      { actor: HEAD, channel: 'cli' },
    );
    await smtp.waitFor(() => of('A-LATE', 'escalation', CHAIRMAN).length === 1, 20_000);
    const escalation = of('A-LATE', 'escalation', CHAIRMAN)[0]!;
    // The chairman holds no unit's post: his copy carries no workspace link.
    expect(escalation.text).not.toContain('/w/');
    expect(addresses(escalation.to)).toEqual([CHAIRMAN]);
    expect(escalation.text).toContain(`- Nguyên nhân: “${HOSTILE_CAUSE}”`);
    expect(escalation.text).toContain('- Cam kết hoàn thành trước ngày 31/12/2026.');
    expect(escalation.html).not.toContain('<script>alert');
    expect(escalation.html).toContain('&lt;script&gt;alert(');
    const event = await h.engine.prisma.taskEvent.findFirstOrThrow({ where: { type: 'EXPLANATION_GIVEN' } });
    expect({ actor: event.actor, channel: event.channel }).toEqual({ actor: HEAD, channel: 'cli' });
  });

  it('an obstacle reaches the standing agency, then the chairman while open, and its answer reaches the unit', async () => {
    const raised = await dispatch(
      h.engine,
      'A-OBS',
      { type: 'OBSTACLE_RAISED', at: Date.now(), description: 'Chưa có đường truyền tới 5 xã', needs: 'Viettel hỗ trợ', by: HEAD },
      { actor: HEAD, channel: 'web', submissionKey: 'form-obstacle-1' },
    );
    const id = raised.context.obstacles.at(-1)!.id;
    expect(id).toBe('A-OBS-V1');
    await smtp.waitFor(() => of('A-OBS', 'obstacle', STANDING).length === 2, 20_000);
    const [first, escalated] = of('A-OBS', 'obstacle', STANDING);
    expect(addresses(first!.to)).toEqual([STANDING]);
    expect(first!.text).toContain('“Chưa có đường truyền tới 5 xã”');
    expect(addresses(escalated!.to)).toEqual([STANDING]);
    expect(addresses(escalated!.cc)).toContain(CHAIRMAN);
    await dispatch(h.engine, 'A-OBS', { type: 'OBSTACLE_RESOLVED', at: Date.now(), id, response: 'Đã giao Viettel lắp trước 15/12', by: STANDING }, { actor: STANDING, channel: 'web' });
    await smtp.waitFor(() => of('A-OBS', 'obstacle-resolved').length === 1, 20_000);
    const answer = of('A-OBS', 'obstacle-resolved')[0]!;
    expect(addresses(answer.to)).toContain(HEAD);
    expect(answer.text).toContain('“Đã giao Viettel lắp trước 15/12”');
  });

  it('the overview’s follow-up lists see the open obstacle and the completions waiting', async () => {
    const { loadAttention } = await import('../../src/engine/read/attention.js');
    const { loadProvinceContext } = await import('../../src/engine/province/province-context.js');
    const { calendar } = await loadProvinceContext(h.engine.prisma);
    const attention = await loadAttention(sqlOn(h.engine.pool), calendar, Date.now());
    expect(attention.openObstacles.map((o) => o.id)).toEqual([]);
    expect(attention.awaitingConfirmation.map((t) => t.code).sort()).toEqual(['A-RET', 'A-SUB']);
    await dispatch(h.engine, 'A-OBS', { type: 'OBSTACLE_RAISED', at: Date.now(), description: 'Thiếu máy chủ', needs: null, by: HEAD }, { actor: HEAD, channel: 'cli' });
    const after = await loadAttention(sqlOn(h.engine.pool), calendar, Date.now());
    expect(after.openObstacles.map((o) => ({ id: o.id, unit: o.unitName, age: o.ageWorkingDays }))).toEqual([{ id: 'A-OBS-V2', unit: 'Sở Thông tin và Truyền thông', age: 0 }]);
  });

  it('the same submission twice records once', async () => {
    const again = await dispatch(
      h.engine,
      'A-OBS',
      { type: 'OBSTACLE_RAISED', at: Date.now(), description: 'Chưa có đường truyền tới 5 xã', needs: 'Viettel hỗ trợ', by: HEAD },
      { actor: HEAD, channel: 'web', submissionKey: 'form-obstacle-1' },
    );
    expect(again).toMatchObject({ applied: false, duplicate: true });
    expect(await h.engine.prisma.taskEvent.count({ where: { type: 'OBSTACLE_RAISED', submissionKey: 'form-obstacle-1' } })).toBe(1);
  });

  it('a completion waiting for confirmation tells the standing agency and stops the ladder; confirmed, it counts as of the submission', async () => {
    await smtp.waitFor(() => of('A-SUB', 'confirmation', STANDING).length === 1, 20_000);
    expect(addresses(of('A-SUB', 'confirmation', STANDING)[0]!.to)).toEqual([STANDING]);
    // Past the deadline while waiting: no overdue notice.
    await new Promise((r) => setTimeout(r, 5000));
    expect(copies('A-SUB', 'overdue')).toHaveLength(0);
    const waiting = await h.engine.prisma.task.findUniqueOrThrow({ where: { code: 'A-SUB' } });
    expect(waiting.state).toBe('awaitingConfirmation');
    await dispatch(h.engine, 'A-SUB', { type: 'COMPLETION_CONFIRMED', at: Date.now(), by: STANDING }, { actor: STANDING, channel: 'cli' });
    const done = await h.engine.prisma.task.findUniqueOrThrow({ where: { code: 'A-SUB' } });
    expect(done.state).toBe('completed');
    expect(done.completedAt?.getTime()).toBe(submittedAt);
    expect(done.statusClass).toBe('Hoàn thành đúng hạn');
    await expect(
      dispatch(h.engine, 'A-SUB', { type: 'COMPLETION_RETURNED', at: Date.now(), reason: 'r', by: STANDING }, { actor: STANDING }),
    ).rejects.toBeInstanceOf(EventNotAcceptedError);
  });

  it('a returned completion tells the unit why and the ladder resumes: overdue since the deadline passed', async () => {
    await dispatch(h.engine, 'A-RET', { type: 'COMPLETION_RETURNED', at: Date.now(), reason: 'Thiếu biên bản nghiệm thu', by: STANDING }, { actor: STANDING, channel: 'cli' });
    await smtp.waitFor(() => of('A-RET', 'returned').length === 1 && of('A-RET', 'overdue').length === 1, 20_000);
    const returned = of('A-RET', 'returned')[0]!;
    expect(addresses(returned.to)).toContain(HEAD);
    expect(returned.text).toContain('“Thiếu biên bản nghiệm thu”');
    const task = await h.engine.prisma.task.findUniqueOrThrow({ where: { code: 'A-RET' } });
    expect(task.state).toBe('overdue');
    expect(task.escalationLevel).toBe('head');
  });
});
