import { describe, expect, it } from 'vitest';
import { isDueSoon } from '../../../src/domain/due-soon.js';
import { createWorkingCalendar } from '../../../src/domain/working-calendar.js';
import { MAX_FIELD_CHARS } from '../../../src/monitor/form-fields.js';
import { eventFromForm, type FormContext, type WorkspaceAction } from '../../../src/monitor/workspace-forms.js';
import { byUrgency, explanationAskedBy, type WorkspaceTask } from '../../../src/monitor/workspace-data.js';

const TZ = 'Asia/Ho_Chi_Minh';
// 10:00 on Monday 04/05/2026 in Hà Nội.
const NOW = Date.UTC(2026, 4, 4, 3, 0);
const DAY = 86_400_000;
const CTX: FormContext = { now: NOW, by: 'giamdoc.stttt@example.gov.vn', timeZone: TZ, taskStart: Date.UTC(2026, 0, 1, 1, 0), obstacleId: null };
const read = (action: WorkspaceAction, form: Record<string, unknown>, ctx: Partial<FormContext> = {}) => eventFromForm(action, form, { ...CTX, ...ctx });
const problemsOf = (action: WorkspaceAction, form: Record<string, unknown>) => {
  const r = read(action, form);
  if (r.ok) throw new Error(`expected problems, got ${JSON.stringify(r.event)}`);
  return r.problems;
};

describe('the report form', () => {
  it('reads a value with a comma or a dot as the decimal mark, now by default, with the note and who', () => {
    expect(read('report', { value: ' 88,8 ' })).toEqual({ ok: true, event: { type: 'PROGRESS_REPORTED', at: NOW, value: 88.8, by: CTX.by } });
    expect(read('report', { value: '88.8', note: '  Số liệu quý I  ' })).toEqual({ ok: true, event: { type: 'PROGRESS_REPORTED', at: NOW, value: 88.8, note: 'Số liệu quý I', by: CTX.by } });
  });

  it('dates a past day at the end of that local day, and today at now', () => {
    const r = read('report', { value: '5', at: '30/04/2026' });
    expect(r.ok && r.event.at).toBe(Date.UTC(2026, 3, 30, 16, 59, 59, 999));
    expect(read('report', { value: '5', at: '2026-04-30' })).toEqual(r);
    const today = read('report', { value: '5', at: '04/05/2026' });
    expect(today.ok && today.event.at).toBe(NOW);
  });

  it.each([
    ['', 'chưa được nhập'],
    ['abc', 'không phải là số'],
    ['1e3', 'không phải là số'],
    ['0x10', 'không phải là số'],
    ['Infinity', 'không phải là số'],
    ['1,2,3', 'không phải là số'],
    ['8 8', 'không phải là số'],
  ])('refuses the value %j', (value, message) => {
    const [p] = problemsOf('report', { value });
    expect(p?.field).toBe('value');
    expect(p?.message).toContain('Giá trị chỉ tiêu');
    expect(p?.message).toContain(message);
  });

  it('refuses a date that does not exist, one in the future and one before the task started', () => {
    expect(problemsOf('report', { value: '5', at: '31/02/2026' })[0]?.message).toMatch(/Ngày số liệu: không phải là ngày có thật/);
    expect(problemsOf('report', { value: '5', at: '2026-13-01' })[0]?.field).toBe('at');
    expect(problemsOf('report', { value: '5', at: '05/05/2026' })[0]?.message).toMatch(/tương lai/);
    expect(problemsOf('report', { value: '5', at: '31/12/2025' })[0]?.message).toMatch(/trước ngày bắt đầu/);
  });

  it('names every problem at once', () => {
    expect(problemsOf('report', { value: 'x', at: '31/02/2026', note: 'a\u0000b' }).map((p) => p.field)).toEqual(['value', 'at', 'note']);
  });
});

describe('the explanation form', () => {
  it('reads cause, remedy and the promised date as YYYY-MM-DD, newlines kept', () => {
    expect(read('explain', { cause: 'Thiếu nhân lực\r\nvà kinh phí', remedy: 'Bổ sung cán bộ', commitDate: '30/06/2026' })).toEqual({
      ok: true,
      event: { type: 'EXPLANATION_GIVEN', at: NOW, cause: 'Thiếu nhân lực\nvà kinh phí', remedy: 'Bổ sung cán bộ', commitDate: '2026-06-30', by: CTX.by },
    });
  });

  it('refuses missing fields, a date already past and texts over 2,000 characters', () => {
    expect(problemsOf('explain', {}).map((p) => p.field)).toEqual(['cause', 'remedy', 'commitDate']);
    expect(problemsOf('explain', { cause: '   ', remedy: 'x', commitDate: '01/05/2026' }).map((p) => [p.field, p.message])).toEqual([
      ['cause', 'Nguyên nhân: chưa được nhập.'],
      ['commitDate', 'Ngày cam kết hoàn thành: đã qua; ngày cam kết phải từ hôm nay trở đi.'],
    ]);
    const long = 'ă'.repeat(MAX_FIELD_CHARS + 1);
    expect(problemsOf('explain', { cause: long, remedy: 'x', commitDate: '30/06/2026' })[0]?.message).toMatch(/dài 2\.001 ký tự, vượt quá 2\.000/);
    expect(read('explain', { cause: 'ă'.repeat(MAX_FIELD_CHARS), remedy: 'x', commitDate: '30/06/2026' }).ok).toBe(true);
  });

  it('counts characters, not UTF-16 units or decomposed accents', () => {
    // "ệ" typed decomposed (e + two combining marks) is one character once normalised.
    expect(read('explain', { cause: 'e\u0323\u0302'.repeat(MAX_FIELD_CHARS), remedy: 'x', commitDate: '30/06/2026' }).ok).toBe(true);
  });

  it('refuses control characters, a lone CR and the bidirectional overrides, but keeps tabs and newlines', () => {
    for (const bad of ['a\u0007b', 'a\rb', 'a\u001bb', 'a\u007fb', 'a\u202eb', 'a\u2028b']) {
      expect(problemsOf('explain', { cause: bad, remedy: 'x', commitDate: '30/06/2026' })[0]?.message, JSON.stringify(bad)).toMatch(/ký tự điều khiển/);
    }
    expect(read('explain', { cause: 'a\tb\nc', remedy: 'x', commitDate: '30/06/2026' }).ok).toBe(true);
  });

  it('refuses a field sent twice', () => {
    expect(problemsOf('explain', { cause: ['a', 'b'], remedy: 'x', commitDate: '30/06/2026' })[0]?.message).toMatch(/gửi nhiều lần/);
  });
});

describe('the other forms', () => {
  it('read an obstacle with or without what is needed', () => {
    expect(read('obstacle', { description: 'Chưa có đường truyền', needs: '' })).toEqual({
      ok: true,
      event: { type: 'OBSTACLE_RAISED', at: NOW, description: 'Chưa có đường truyền', needs: null, by: CTX.by },
    });
    expect(problemsOf('obstacle', { needs: 'x' }).map((p) => p.field)).toEqual(['description']);
  });

  it('read a completion, refusing CR or LF in the document reference (it reaches email headers)', () => {
    expect(read('submit', {})).toEqual({ ok: true, event: { type: 'COMPLETION_SUBMITTED', at: NOW, document: null, note: null, by: CTX.by } });
    for (const document of ['123/BC\r\nBcc: x@y.vn', '123/BC\n', 'a\rb']) {
      expect(problemsOf('submit', { document })[0]?.message).toMatch(/một dòng/);
    }
  });

  it('read the standing agency’s answers', () => {
    expect(read('confirm', {})).toEqual({ ok: true, event: { type: 'COMPLETION_CONFIRMED', at: NOW, by: CTX.by } });
    expect(read('return', { reason: 'Thiếu văn bản' })).toEqual({ ok: true, event: { type: 'COMPLETION_RETURNED', at: NOW, reason: 'Thiếu văn bản', by: CTX.by } });
    expect(problemsOf('return', {}).map((p) => p.field)).toEqual(['reason']);
    expect(read('resolve-obstacle', { response: 'Đã chỉ đạo' }, { obstacleId: 'HG-01-V1' })).toEqual({
      ok: true,
      event: { type: 'OBSTACLE_RESOLVED', at: NOW, id: 'HG-01-V1', response: 'Đã chỉ đạo', by: CTX.by },
    });
    expect(read('ack', { anything: 'x' })).toEqual({ ok: true, event: { type: 'ACKNOWLEDGED', at: NOW, by: CTX.by } });
  });
});

describe('due soon (sắp đến hạn)', () => {
  const calendar = createWorkingCalendar({ timeZone: TZ });
  const deadline = Date.UTC(2026, 4, 29, 10, 0); // Friday 29/05/2026, 17:00 local

  it('holds from the first reminder until the deadline', () => {
    expect(isDueSoon(calendar, deadline, ['P7D', { workingDays: 1 }], deadline - 7 * DAY - 1)).toBe(false);
    expect(isDueSoon(calendar, deadline, ['P7D', { workingDays: 1 }], deadline - 7 * DAY)).toBe(true);
    expect(isDueSoon(calendar, deadline, ['P7D'], deadline)).toBe(true);
    expect(isDueSoon(calendar, deadline, ['P7D'], deadline + 1)).toBe(false);
  });

  it('counts working days for a reminder in working days', () => {
    // 3 working days before Friday is Tuesday, same time.
    expect(isDueSoon(calendar, deadline, [{ workingDays: 3 }], deadline - 3 * DAY)).toBe(true);
    expect(isDueSoon(calendar, deadline, [{ workingDays: 3 }], deadline - 3 * DAY - 1)).toBe(false);
  });

  it('never holds without a deadline or without reminders', () => {
    expect(isDueSoon(calendar, null, ['P7D'], NOW)).toBe(false);
    expect(isDueSoon(calendar, deadline, [], deadline - 1)).toBe(false);
  });
});

describe('the order of the workspace', () => {
  const task = (code: string, deadline: number | null, flags: { overdue?: boolean; dueSoon?: boolean } = {}) =>
    ({ code, deadline, overdue: flags.overdue ?? false, dueSoon: flags.dueSoon ?? false }) as WorkspaceTask;

  it('puts overdue tasks first, then those due soon, then the rest by deadline, ongoing last', () => {
    const tasks = [task('E', null), task('D', NOW + 40 * DAY), task('C', NOW + 2 * DAY, { dueSoon: true }), task('B', NOW - DAY, { overdue: true }), task('A', NOW - 9 * DAY, { overdue: true }), task('F', NOW + 20 * DAY)];
    expect(tasks.sort(byUrgency).map((t) => t.code)).toEqual(['A', 'B', 'C', 'F', 'D', 'E']);
  });
});

describe('whether an explanation is asked for', () => {
  const breachAt = NOW - 2 * DAY;
  const explanation = (at: number) => ({ at, by: 'x', cause: 'c', remedy: 'r', commitDate: '2026-06-30' });

  it('is the due date while no explanation came since the breach opened', () => {
    expect(explanationAskedBy({ explanationDueAt: NOW + DAY, openBreach: { kind: 'overdue', at: breachAt }, explanations: [explanation(breachAt - DAY)] })).toBe(NOW + DAY);
    expect(explanationAskedBy({ explanationDueAt: NOW + DAY, openBreach: { kind: 'overdue', at: breachAt }, explanations: [explanation(breachAt + 1)] })).toBeNull();
  });

  it('is nothing when no notice asked, or in a snapshot written before explanations existed', () => {
    expect(explanationAskedBy({ explanationDueAt: null })).toBeNull();
    expect(explanationAskedBy({})).toBeNull();
    expect(explanationAskedBy(null)).toBeNull();
  });
});
