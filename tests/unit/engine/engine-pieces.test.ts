import { describe, expect, it } from 'vitest';
import { interpretActions } from '../../../src/engine/write/interpret-actions.js';
import { createMicroBatcher } from '../../../src/engine/jobs/micro-batcher.js';
import { retryDelayMs } from '../../../src/engine/jobs/send-notification.js';
import { helperJobId, mailJobId, wakeUpJobId } from '../../../src/queue/job-id.js';

describe('the actions a transition returns', () => {
  const raise = (id: string, delay: number) => ({ type: 'xstate.raise', params: { event: { type: id }, id, delay } });
  const cancel = (sendId: string) => ({ type: 'xstate.cancel', params: { sendId } });
  const notify = { type: 'notify', params: { kind: 'overdue', level: 'head', to: ['head'], cc: [] } };

  it('become wake-ups at the event time plus their delay, and notices in order', () => {
    const out = interpretActions([raise('a', 1000), notify, raise('b', 0)], 5000);
    expect(out.timers).toEqual([
      { sendId: 'a', fireAt: 6000, event: { type: 'a' } },
      { sendId: 'b', fireAt: 5000, event: { type: 'b' } },
    ]);
    expect(out.notices).toHaveLength(1);
  });

  it('drop a wake-up cancelled later in the same transition, and re-arm one cancelled then raised again', () => {
    const out = interpretActions([raise('a', 1000), cancel('a'), cancel('b'), raise('b', 2000)], 0);
    expect(out.timers).toEqual([{ sendId: 'b', fireAt: 2000, event: { type: 'b' } }]);
    expect([...out.cancel].sort()).toEqual(['a', 'b']);
  });

  it('refuse an action the engine does not know, rather than ignore it', () => {
    expect(() => interpretActions([{ type: 'sendEmailNow' }], 0)).toThrow(/does not know: "sendEmailNow"/);
  });
});

describe('job ids', () => {
  it('never contain the colon BullMQ uses as its key separator', () => {
    expect(wakeUpJobId(new Date('2026-12-31T17:00:00.000Z'))).toBe('w1798736400000');
    expect(helperJobId('t7-xstate.after.untilDeadline.task:running-v3', 1)).toBe('t7-xstate.after.untilDeadline.task_running-v3-h1');
    expect(mailJobId(12n)).toBe('n12');
  });

  it('differ between a retry the sender schedules and a re-add by reconcile', () => {
    expect(mailJobId(12n, 2, 'r')).not.toBe(mailJobId(12n, 2));
  });
});

describe('the delay before a failed email is tried again', () => {
  it('starts at MAIL_RETRY_DELAY, doubles, and stays at most an hour', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(30_000, a))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(30_000, 20)).toBe(3_600_000);
  });
});

describe('the micro-batcher', () => {
  it('hands items that arrive together to one call and gives each its own result', async () => {
    const calls: number[][] = [];
    const batcher = createMicroBatcher(async (items: number[]) => {
      calls.push(items);
      return items.map((i) => i * 10);
    }, { maxSize: 3, maxWaitMs: 5 });
    const results = await Promise.all([1, 2, 3, 4].map((i) => batcher.submit(i)));
    expect(results).toEqual([10, 20, 30, 40]);
    expect(calls).toEqual([[1, 2, 3], [4]]);
  });

  it('rejects every item of a batch whose call failed', async () => {
    const batcher = createMicroBatcher(async () => {
      throw new Error('database gone');
    }, { maxSize: 10, maxWaitMs: 1 });
    await expect(Promise.all([batcher.submit(1), batcher.submit(2)])).rejects.toThrow('database gone');
  });
});
