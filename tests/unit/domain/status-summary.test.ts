import { describe, expect, it } from 'vitest';
import type { TaskHistory } from '../../../src/domain/status-class.js';
import { onTimeRate, summarizeStatuses, type SummaryTask } from '../../../src/domain/status-summary.js';

const at = (date: string): number => Date.parse(`${date}T10:00:00+07:00`);
const asOf = at('2024-07-15');
const history = (overrides: Partial<TaskHistory>): TaskHistory => ({
  createdAt: at('2024-01-02'),
  deadlineHistory: [{ at: at('2024-01-02'), deadline: at('2024-06-30') }],
  completedAt: null,
  cancelledAt: null,
  breaches: [],
  ...overrides,
});
const onTime = history({ completedAt: at('2024-06-01') });
const late = history({ completedAt: at('2024-07-10') });
const overdue = history({});
const running = history({ deadlineHistory: [{ at: at('2024-01-02'), deadline: at('2024-12-31') }] });
const cancelled = history({ cancelledAt: at('2024-03-01') });
const future = history({ createdAt: at('2024-08-01') });

const tasks: SummaryTask[] = [
  { unitCode: 'STTTT', unitName: 'Sở Thông tin và Truyền thông', history: onTime },
  { unitCode: 'STTTT', unitName: 'Sở Thông tin và Truyền thông', history: running },
  { unitCode: 'SYT', unitName: 'Sở Y tế', history: onTime },
  { unitCode: 'SYT', unitName: 'Sở Y tế', history: late },
  { unitCode: 'CA', unitName: 'Công an tỉnh', history: running },
  { unitCode: 'CA', unitName: 'Công an tỉnh', history: onTime },
  { unitCode: 'CA', unitName: 'Công an tỉnh', history: cancelled },
  { unitCode: 'HGI', unitName: 'UBND huyện Hà Giang', history: overdue },
  { unitCode: 'HGI', unitName: 'UBND huyện Hà Giang', history: future },
  { unitCode: 'BHXH', unitName: 'Bảo hiểm xã hội tỉnh', history: cancelled },
];

describe('the status summary', () => {
  const summary = summarizeStatuses(tasks, asOf, [{ code: 'SNV', name: 'Sở Nội vụ' }]);

  it('counts every class per unit, tasks created after the as-of date left out', () => {
    const hgi = summary.units.find((u) => u.code === 'HGI');
    expect(hgi?.byStatus).toEqual({
      'Đang thực hiện trong hạn': 0,
      'Đang thực hiện quá hạn': 1,
      'Hoàn thành đúng hạn': 0,
      'Hoàn thành quá hạn': 0,
      'Đã hủy': 0,
    });
    expect(hgi?.total).toBe(1);
  });

  it('rates each unit by its on-time tasks over its tasks not cancelled', () => {
    const rate = Object.fromEntries(summary.units.map((u) => [u.code, u.onTimeRate]));
    expect(rate).toEqual({ STTTT: 1, CA: 1, SYT: 0.5, HGI: 0, BHXH: null, SNV: null });
  });

  it('ranks units best first, equal rates sharing a rank, units without a rate unranked', () => {
    expect(summary.units.map((u) => [u.code, u.rank])).toEqual([
      ['CA', 1],
      ['STTTT', 1],
      ['SYT', 3],
      ['HGI', 4],
      ['BHXH', null],
      ['SNV', null],
    ]);
  });

  it('totals the province', () => {
    expect(summary.province).toEqual({
      byStatus: {
        'Đang thực hiện trong hạn': 2,
        'Đang thực hiện quá hạn': 1,
        'Hoàn thành đúng hạn': 3,
        'Hoàn thành quá hạn': 1,
        'Đã hủy': 2,
      },
      total: 9,
      onTimeRate: 5 / 7,
    });
    expect(summary.asOf).toBe(asOf);
  });

  it('has no rate when nothing is left once cancelled tasks are set aside', () => {
    expect(
      onTimeRate({ 'Đang thực hiện trong hạn': 0, 'Đang thực hiện quá hạn': 0, 'Hoàn thành đúng hạn': 0, 'Hoàn thành quá hạn': 0, 'Đã hủy': 3 }),
    ).toBeNull();
  });
});
