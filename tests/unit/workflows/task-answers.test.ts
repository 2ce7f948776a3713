import { describe, expect, it } from 'vitest';
import { DAY, HOUR, T0, TaskDriver, testPolicy } from './task-driver.js';

const DEADLINE = T0 + 30 * DAY;
/** Calendar-time delays, so the expectations do not depend on the holiday list. */
const policy = { ...testPolicy, explanationDue: 'P3D', obstacleEscalateAfter: 'P5D', confirmationDue: 'P3D' };
const BY = 'giamdoc@example.gov.vn';
const explanation = { cause: 'Chưa có kinh phí', remedy: 'Trình bổ sung dự toán', commitDate: '2024-04-30', by: BY };

describe('an explanation (giải trình)', () => {
  it('is asked for by the overdue notice, within explanationDue, and recorded with who gave it', () => {
    const task = new TaskDriver({ policy });
    task.runUntil(DEADLINE);
    expect(task.noticesOf('overdue')).toHaveLength(1);
    expect(task.snapshot.context.explanationDueAt).toBe(DEADLINE + 3 * DAY);
    expect(task.send({ type: 'EXPLANATION_GIVEN', at: DEADLINE + DAY, ...explanation })).toBe(true);
    expect(task.snapshot.context.explanations).toEqual([{ at: DEADLINE + DAY, ...explanation }]);
    expect(task.snapshot.context.explanationDueAt).toBeNull();
  });

  it('does not stop the ladder: the chairman is still told when the head has not acknowledged', () => {
    const task = new TaskDriver({ policy });
    task.runUntil(DEADLINE);
    task.send({ type: 'EXPLANATION_GIVEN', at: DEADLINE + HOUR, ...explanation });
    task.runUntil(DEADLINE + 3 * DAY);
    expect(task.noticesOf('escalation').map((n) => n.at)).toEqual([DEADLINE + 3 * DAY]);
    expect(task.description.escalationLevel).toBe('chairman');
  });

  it('is no longer asked for once the task recovers', () => {
    const task = new TaskDriver({ policy });
    task.runUntil(DEADLINE);
    task.send({ type: 'DEADLINE_EXTENDED', at: DEADLINE + HOUR, deadline: DEADLINE + 30 * DAY, reason: 'r', force: true });
    expect(task.snapshot.context.explanationDueAt).toBeNull();
  });
});

describe('an obstacle (vướng mắc)', () => {
  const raise = { type: 'OBSTACLE_RAISED', description: 'Thiếu đường truyền', needs: 'Sở KH&CN hỗ trợ', by: BY } as const;

  it('tells the standing agency at once, numbered after the task, and the chairman once it stays open too long', () => {
    const task = new TaskDriver({ policy });
    task.send({ ...raise, at: T0 + DAY });
    expect(task.snapshot.context.obstacles).toMatchObject([{ id: 'HG-01-V1', state: 'open', escalated: false, needs: 'Sở KH&CN hỗ trợ' }]);
    expect(task.noticesOf('obstacle')).toEqual([
      { kind: 'obstacle', level: 'unit', to: ['standingAgency'], cc: ['head'], ref: 'HG-01-V1', at: T0 + DAY },
    ]);
    task.runUntil(T0 + 6 * DAY - 1);
    expect(task.noticesOf('obstacle')).toHaveLength(1);
    task.runUntil(T0 + 20 * DAY);
    expect(task.noticesOf('obstacle')).toEqual([
      expect.objectContaining({ to: ['standingAgency'] }),
      { kind: 'obstacle', level: 'unit', to: ['standingAgency'], cc: ['chairman', 'head'], ref: 'HG-01-V1', note: 'escalated', at: T0 + 6 * DAY },
    ]);
    expect(task.snapshot.context.obstacles[0]?.escalated).toBe(true);
  });

  it('does not stop the clock: the task still turns overdue at its deadline', () => {
    const task = new TaskDriver({ policy });
    task.send({ ...raise, at: T0 + DAY });
    task.runUntil(DEADLINE);
    expect(task.description.phase).toBe('overdue');
  });

  it('answered in time: the unit is told, the chairman never is, and a second answer is refused', () => {
    const task = new TaskDriver({ policy });
    task.send({ ...raise, at: T0 + DAY });
    task.send({ ...raise, at: T0 + 2 * DAY, description: 'Thiếu nhân lực' });
    const answer = { type: 'OBSTACLE_RESOLVED', at: T0 + 3 * DAY, id: 'HG-01-V1', response: 'Đã bố trí', by: 'ca@example.gov.vn' } as const;
    expect(task.send(answer)).toBe(true);
    expect(task.noticesOf('obstacle-resolved')).toEqual([
      { kind: 'obstacle-resolved', level: 'unit', to: ['head', 'contacts'], cc: ['standingAgency'], ref: 'HG-01-V1', at: T0 + 3 * DAY },
    ]);
    expect(task.snapshot.context.obstacles[0]).toMatchObject({ state: 'resolved', response: 'Đã bố trí', resolvedBy: 'ca@example.gov.vn' });
    expect(task.send({ ...answer, at: T0 + 4 * DAY })).toBe(false);
    expect(task.send({ ...answer, id: 'HG-01-V9' })).toBe(false);
    task.runUntil(T0 + 20 * DAY);
    // Only the second, still open, reaches the chairman.
    expect(task.noticesOf('obstacle').filter((n) => n.note === 'escalated').map((n) => n.ref)).toEqual(['HG-01-V2']);
  });
});

describe('a completion submitted for confirmation', () => {
  const submit = { type: 'COMPLETION_SUBMITTED', document: 'Báo cáo số 12/BC-SYT', note: null, by: BY } as const;

  it('stops reminders and escalations, tells the standing agency and reminds it after confirmationDue', () => {
    const task = new TaskDriver({ policy });
    task.send({ ...submit, at: DEADLINE - 10 * DAY });
    expect(task.description.phase).toBe('awaitingConfirmation');
    expect(task.noticesOf('confirmation')).toEqual([{ kind: 'confirmation', level: 'unit', to: ['standingAgency'], cc: [], at: DEADLINE - 10 * DAY }]);
    task.runUntil(DEADLINE + 5 * DAY);
    expect(task.noticesOf('reminder')).toHaveLength(0);
    expect(task.noticesOf('overdue')).toHaveLength(0);
    expect(task.noticesOf('confirmation').map((n) => [n.at, n.note])).toEqual([
      [DEADLINE - 10 * DAY, undefined],
      [DEADLINE - 7 * DAY, 'reminder'],
      [DEADLINE - 4 * DAY, 'reminder'],
      [DEADLINE - DAY, 'reminder'],
      [DEADLINE + 2 * DAY, 'reminder'],
      [DEADLINE + 5 * DAY, 'reminder'],
    ]);
  });

  it('confirmed after the deadline, completes on time as of the submission', () => {
    const task = new TaskDriver({ policy });
    task.send({ ...submit, at: DEADLINE - DAY });
    task.runUntil(DEADLINE + 4 * DAY);
    expect(task.send({ type: 'COMPLETION_CONFIRMED', at: DEADLINE + 4 * DAY, by: 'ca@example.gov.vn' })).toBe(true);
    expect(task.description).toMatchObject({ phase: 'completed', completedAt: DEADLINE - DAY, completedLate: false });
    expect(task.noticesOf('resolved')).toHaveLength(1);
  });

  it('returned, goes on as if it had never stopped: overdue at once when the deadline passed meanwhile', () => {
    const task = new TaskDriver({ policy });
    task.runUntil(DEADLINE - 2 * DAY);
    task.send({ ...submit, at: DEADLINE - 2 * DAY });
    task.runUntil(DEADLINE + 2 * DAY);
    expect(task.send({ type: 'COMPLETION_RETURNED', at: DEADLINE + 2 * DAY, reason: 'Thiếu biên bản nghiệm thu', by: 'ca@example.gov.vn' })).toBe(true);
    expect(task.noticesOf('returned')).toEqual([
      { kind: 'returned', level: 'unit', to: ['head', 'contacts'], cc: ['standingAgency'], at: DEADLINE + 2 * DAY },
    ]);
    expect(task.snapshot.context).toMatchObject({ submission: null, returnedReason: 'Thiếu biên bản nghiệm thu' });
    expect(task.description.phase).toBe('overdue');
    expect(task.description.deadline).toBe(DEADLINE);
    task.runUntil(DEADLINE + 2 * DAY);
    expect(task.noticesOf('overdue').map((n) => n.at)).toEqual([DEADLINE + 2 * DAY]);
    // The reminder that fell due while it waited is not sent late.
    expect(task.noticesOf('reminder').map((n) => n.at)).toEqual([DEADLINE - 7 * DAY]);
    task.runUntil(DEADLINE + 5 * DAY);
    expect(task.noticesOf('escalation').map((n) => n.at)).toEqual([DEADLINE + 5 * DAY]);
  });

  it('returned at head level: the chairman is told on the ladder’s original schedule', () => {
    const task = new TaskDriver({ policy });
    task.runUntil(DEADLINE + DAY);
    task.send({ ...submit, at: DEADLINE + DAY });
    task.runUntil(DEADLINE + 10 * DAY);
    expect(task.noticesOf('escalation')).toHaveLength(0);
    task.send({ type: 'COMPLETION_RETURNED', at: DEADLINE + 10 * DAY, reason: 'r', by: 'ca@example.gov.vn' });
    task.runUntil(DEADLINE + 10 * DAY);
    expect(task.noticesOf('escalation').map((n) => n.at)).toEqual([DEADLINE + 10 * DAY]);
    expect(task.send({ ...submit, at: DEADLINE + 11 * DAY })).toBe(true);
    task.send({ type: 'COMPLETION_CONFIRMED', at: DEADLINE + 12 * DAY, by: 'ca@example.gov.vn' });
    expect(task.description).toMatchObject({ completedAt: DEADLINE + 11 * DAY, completedLate: true });
  });

  it('submitted while suspended: the clock resumes first, so a return carries on from the time stopped', () => {
    const task = new TaskDriver({ policy });
    task.send({ type: 'SUSPENDED', at: T0 + DAY, reason: 'r' });
    task.send({ ...submit, at: T0 + 11 * DAY });
    expect(task.description).toMatchObject({ phase: 'awaitingConfirmation', deadline: DEADLINE + 10 * DAY });
  });
});

describe('a calendar change', () => {
  it('recomputes pending timers without sending anything again', () => {
    const task = new TaskDriver({ policy });
    task.runUntil(DEADLINE - 3 * DAY);
    const before = task.notices.length;
    expect(task.send({ type: 'CALENDAR_CHANGED', at: DEADLINE - 3 * DAY })).toBe(true);
    expect(task.notices.length).toBe(before);
    task.runUntil(DEADLINE);
    expect(task.noticesOf('reminder').map((n) => n.at)).toEqual([DEADLINE - 7 * DAY, DEADLINE - DAY]);
  });
});

describe('a reassignment to another unit', () => {
  it('keeps the clock and the escalation level, and sends nothing again', () => {
    const task = new TaskDriver({ policy });
    task.runUntil(DEADLINE + DAY);
    const before = task.notices.length;
    expect(task.send({ type: 'REASSIGNED', at: DEADLINE + DAY, from: 'STTTT', to: 'SKHCN', unitKind: 'department', document: 'Nghị quyết 202/2025/QH15' })).toBe(true);
    expect(task.description).toMatchObject({ phase: 'overdue', escalationLevel: 'head', deadline: DEADLINE });
    expect(task.notices.length).toBe(before);
    task.runUntil(DEADLINE + 3 * DAY);
    expect(task.noticesOf('escalation').map((n) => n.at)).toEqual([DEADLINE + 3 * DAY]);
  });

  it('to an external unit stops the ladder at its head, with the chairman in copy', () => {
    const task = new TaskDriver({ policy });
    task.runUntil(DEADLINE + DAY);
    task.send({ type: 'REASSIGNED', at: DEADLINE + DAY, from: 'STTTT', to: 'BHXH', unitKind: 'external', document: null });
    task.runUntil(DEADLINE + 10 * DAY);
    expect(task.noticesOf('escalation')).toHaveLength(0);
    expect(task.snapshot.context.unitKind).toBe('external');
  });
});
