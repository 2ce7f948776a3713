import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/engine/write/dispatch.js';
import { loadStatusSummary } from '../../src/engine/read/summary.js';
import { createControlledClock } from '../support/controlled-clock.js';
import { createHarness, type Harness } from '../support/engine-harness.js';
import { runDueTimers } from '../support/run-due-timers.js';

const vn = (local: string) => Date.parse(`${local}+07:00`);
const clock = createControlledClock(vn('2024-01-02T08:00:00'));

// A known history for a quarterly review, lived through on a controlled clock: completions on time and late,
// an extension granted before the deadline, one granted after a breach, a cancellation, and a task created later.
describe('da06 summary as of a past date', () => {
  let h: Harness;

  const at = async (local: string) => {
    clock.set(vn(local));
    await runDueTimers(h.engine);
  };
  const event = (code: string, e: Record<string, unknown>) =>
    dispatch(h.engine, code, { ...e, at: clock.now() } as never, { actor: 'test' });

  beforeAll(async () => {
    h = await createHarness('summary', {}, { now: clock.now });
    await h.addTasks([
      { code: 'A1', unitCode: 'STTTT', deadline: vn('2024-03-29T17:00:00') },
      { code: 'A2', unitCode: 'STTTT', deadline: vn('2024-03-29T17:00:00') },
      { code: 'A3', unitCode: 'STTTT', deadline: vn('2024-03-29T17:00:00') },
      { code: 'B1', unitCode: 'BHXH', deadline: vn('2024-04-30T17:00:00') },
      { code: 'B2', unitCode: 'BHXH', deadline: vn('2024-04-30T17:00:00') },
      { code: 'C1', unitCode: 'CA', deadline: vn('2024-12-31T17:00:00') },
    ]);
    await at('2024-02-15T09:00:00');
    await event('B2', { type: 'CANCELLED', reason: 'Gộp vào B1' });
    await at('2024-03-20T10:00:00');
    await event('A1', { type: 'COMPLETED' });
    await at('2024-03-25T10:00:00');
    await event('A3', { type: 'DEADLINE_EXTENDED', deadline: vn('2024-06-28T17:00:00'), reason: 'Văn bản 123/UBND' });
    await at('2024-04-05T10:00:00');
  });

  afterAll(async () => {
    await h.close();
  });

  it('counts a task overdue as soon as its deadline has passed, before it is completed', async () => {
    const s = await loadStatusSummary(h.engine.prisma, vn('2024-04-05T10:00:00'));
    const stttt = s.units.find((u) => u.code === 'STTTT');
    expect(stttt?.byStatus).toMatchObject({ 'Hoàn thành đúng hạn': 1, 'Đang thực hiện quá hạn': 1, 'Đang thực hiện trong hạn': 1 });
  });

  it('reproduces the table computed by hand for 31/05/2024', async () => {
    await at('2024-04-10T10:00:00');
    await event('A2', { type: 'COMPLETED' });
    await at('2024-05-10T10:00:00');
    await event('B1', { type: 'DEADLINE_EXTENDED', deadline: vn('2024-07-31T17:00:00'), reason: 'Công văn 45/BHXH', force: true });
    await at('2024-07-01T08:00:00');
    await h.addTasks([{ code: 'C2', unitCode: 'CA', deadline: vn('2024-09-30T17:00:00') }]);

    const s = await loadStatusSummary(h.engine.prisma, vn('2024-05-31T23:59:59.999'));
    const zero = { 'Đang thực hiện trong hạn': 0, 'Đang thực hiện quá hạn': 0, 'Hoàn thành đúng hạn': 0, 'Hoàn thành quá hạn': 0, 'Đã hủy': 0 };
    const table = Object.fromEntries(s.units.filter((u) => ['STTTT', 'BHXH', 'CA'].includes(u.code)).map((u) => [u.code, { byStatus: u.byStatus, onTimeRate: u.onTimeRate, rank: u.rank }]));
    // By hand: STTTT — A1 on time, A2 completed late, A3 extended before its deadline and still within it.
    //          BHXH  — B1 breached on 30/04 (the later extension does not erase it), B2 cancelled.
    //          CA    — C1 within its deadline; C2 did not exist yet.
    expect(table).toEqual({
      STTTT: { byStatus: { ...zero, 'Hoàn thành đúng hạn': 1, 'Hoàn thành quá hạn': 1, 'Đang thực hiện trong hạn': 1 }, onTimeRate: 2 / 3, rank: 2 },
      BHXH: { byStatus: { ...zero, 'Đang thực hiện quá hạn': 1, 'Đã hủy': 1 }, onTimeRate: 0, rank: 3 },
      CA: { byStatus: { ...zero, 'Đang thực hiện trong hạn': 1 }, onTimeRate: 1, rank: 1 },
    });
    expect(s.province.byStatus).toEqual({ 'Đang thực hiện trong hạn': 2, 'Đang thực hiện quá hạn': 1, 'Hoàn thành đúng hạn': 1, 'Hoàn thành quá hạn': 1, 'Đã hủy': 1 });
    expect(s.province.onTimeRate).toBeCloseTo(3 / 5);
  });
});
