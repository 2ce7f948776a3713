import { describe, expect, it } from 'vitest';
import { deadlineInForce, statusClassAt, type TaskHistory } from '../../../src/domain/status-class.js';

const at = (date: string): number => Date.parse(`${date}T10:00:00+07:00`);
const endOf = (date: string): number => Date.parse(`${date}T23:59:59.999+07:00`);

const created = at('2024-01-02');
const task = (overrides: Partial<TaskHistory>): TaskHistory => ({
  createdAt: created,
  deadlineHistory: [{ at: created, deadline: endOf('2024-06-28') }],
  completedAt: null,
  cancelledAt: null,
  breaches: [],
  ...overrides,
});

// An extension requested on time: 10/06 moves the deadline to 31/07.
const extendedOnTime = task({
  deadlineHistory: [
    { at: created, deadline: endOf('2024-06-28') },
    { at: at('2024-06-10'), deadline: endOf('2024-07-31') },
  ],
});
// Overdue on 29/06 (breach recorded), then extended with --force on 05/07 to 31/07, completed 20/07.
const extendedAfterBreach = task({
  deadlineHistory: [
    { at: created, deadline: endOf('2024-06-28') },
    { at: at('2024-07-05'), deadline: endOf('2024-07-31') },
  ],
  breaches: [Date.parse('2024-06-29T00:00:00+07:00')],
  completedAt: at('2024-07-20'),
});

describe('status classes', () => {
  it.each<[string, TaskHistory, string, string | null]>([
    ['a task not created yet', task({}), '2024-01-01', null],
    ['a task before its deadline', task({}), '2024-06-28', 'Đang thực hiện trong hạn'],
    ['a task past its deadline', task({}), '2024-06-29', 'Đang thực hiện quá hạn'],
    ['a task done on its last day', task({ completedAt: at('2024-06-28') }), '2024-12-31', 'Hoàn thành đúng hạn'],
    ['a task done after its deadline', task({ completedAt: at('2024-07-02') }), '2024-12-31', 'Hoàn thành quá hạn'],
    ['a task completed after the as-of date', task({ completedAt: at('2024-07-02') }), '2024-06-20', 'Đang thực hiện trong hạn'],
    ['a cancelled task', task({ cancelledAt: at('2024-03-01') }), '2024-12-31', 'Đã hủy'],
    ['a task cancelled after the as-of date', task({ cancelledAt: at('2024-08-01') }), '2024-07-01', 'Đang thực hiện quá hạn'],
    ['a task extended on time, past its first deadline', extendedOnTime, '2024-07-15', 'Đang thực hiện trong hạn'],
    ['a task extended on time, done before the new deadline', { ...extendedOnTime, completedAt: at('2024-07-20') }, '2024-12-31', 'Hoàn thành đúng hạn'],
    ['a task extended after a breach, before completion', extendedAfterBreach, '2024-07-10', 'Đang thực hiện quá hạn'],
    ['a task extended after a breach, once completed', extendedAfterBreach, '2024-12-31', 'Hoàn thành quá hạn'],
    ['a task extended after a breach, before the breach', extendedAfterBreach, '2024-06-20', 'Đang thực hiện trong hạn'],
    ['an ongoing task', task({ deadlineHistory: [{ at: created, deadline: null }] }), '2030-01-01', 'Đang thực hiện trong hạn'],
    ['an ongoing task completed', task({ deadlineHistory: [{ at: created, deadline: null }], completedAt: at('2025-01-01') }), '2030-01-01', 'Hoàn thành đúng hạn'],
  ])('classes %s as of %s', (_, history, asOf, expected) => {
    expect(statusClassAt(history, at(asOf))).toBe(expected);
  });

  describe('when the deadline was extended after completion', () => {
    it('judges the completion by the deadline then in force', () => {
      const history = task({
        deadlineHistory: [
          { at: created, deadline: endOf('2024-06-28') },
          { at: at('2024-08-01'), deadline: endOf('2024-09-30') },
        ],
        completedAt: at('2024-07-15'),
      });
      expect(statusClassAt(history, at('2024-12-31'))).toBe('Hoàn thành quá hạn');
    });
  });

  it('finds the deadline in force at an instant', () => {
    const history = extendedAfterBreach.deadlineHistory;
    expect(deadlineInForce(history, at('2024-01-01'))).toBe(endOf('2024-06-28'));
    expect(deadlineInForce(history, at('2024-07-05'))).toBe(endOf('2024-07-31'));
    expect(deadlineInForce([], 0)).toBeNull();
  });
});
