import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/engine/write/dispatch.js';
import { startWorker, type RunningWorker } from '../../src/engine/jobs/worker.js';
import { createMailTransport } from '../../src/mail/transport.js';
import { createHarness, SECONDS_POLICY, type Harness } from '../support/engine-harness.js';
import { addressesOf, headerOf, HTML_TAG, referencesOf } from '../support/parsed-mail.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const CHAIRMAN = 'chutich@example.gov.vn';
const HEAD_STTTT = 'giamdoc.stttt@example.gov.vn';
const CONTACT_STTTT = 'daumoi.stttt@example.gov.vn';
const HEAD_BHXH = 'giamdoc.bhxh@example.gov.vn';
const HEAD_CA = 'giamdoc.ca@example.gov.vn';

const TITLES: Record<string, string> = {
  'K-MAIN': 'Triển khai cấp tài khoản định danh điện tử mức độ 2 cho cán bộ',
  'K-EXT': 'Đồng bộ dữ liệu người tham gia bảo hiểm y tế với Cơ sở dữ liệu quốc gia về dân cư',
  'K-KPI': 'Nâng tỷ lệ hồ sơ trực tuyến toàn trình',
};
const UNIT_NAMES: Record<string, string> = {
  'K-MAIN': 'Sở Thông tin và Truyền thông',
  'K-EXT': 'Bảo hiểm xã hội tỉnh',
  'K-KPI': 'Sở Thông tin và Truyền thông',
};

describe('the emails of every kind, through a real worker and SMTP server', () => {
  let h: Harness;
  let smtp: SmtpSink;
  let worker: RunningWorker;

  const of = (code: string, kind?: string): ParsedMail[] =>
    smtp.messages.filter((m) => headerOf(m, 'x-da06-task') === code && (kind === undefined || headerOf(m, 'x-da06-kind') === kind));
  const arrived = async (code: string, kind: string, count = 1): Promise<ParsedMail> => {
    await smtp.waitFor(() => of(code, kind).length >= count, 20_000);
    return of(code, kind)[count - 1]!;
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    h = await createHarness('mail-kinds', { SMTP_URL: smtp.url });
    worker = startWorker(h.engine, { transport: createMailTransport({ smtpUrl: smtp.url, outboxDir: '/nonexistent' }) });
    await worker.ready;
    const now = Date.now();
    await h.addTasks([
      // Reminder at -2 s, head at the deadline, chairman 3 s later, a repeat 4 s after that.
      { code: 'K-MAIN', title: TITLES['K-MAIN'], deadline: now + 3000, coordinatingUnitCodes: ['BHXH'], policy: { ...SECONDS_POLICY, repeatEvery: 'PT4S' } },
      { code: 'K-EXT', title: TITLES['K-EXT'], unitCode: 'BHXH', deadline: now + 3000 },
      {
        code: 'K-KPI',
        title: TITLES['K-KPI'],
        deadline: now + 2 * 86_400_000,
        indicator: { name: 'Tỷ lệ hồ sơ trực tuyến toàn trình', unit: '%', baseline: 0, target: 100, direction: 'increase' },
        policy: { ...SECONDS_POLICY, escalateToChairmanAfter: 'P7D' },
      },
    ]);
    // A third of the way from start to deadline, 5 % is far behind the planned 33 %.
    await dispatch(h.engine, 'K-KPI', { type: 'PROGRESS_REPORTED', value: 5, at: Date.now() }, { actor: 'test' });
  });

  afterAll(async () => {
    await worker?.close();
    await h?.close();
    await smtp?.close();
  });

  it('reminds the head and the contact before the deadline, copying the coordinating unit', async () => {
    const reminder = await arrived('K-MAIN', 'reminder');
    expect(reminder.subject).toMatch(/^\[K-MAIN\] V\/v nhắc thực hiện nhiệm vụ( \(.+\))?: Triển khai cấp tài khoản định danh điện tử mức độ 2 cho cán bộ$/);
    expect(addressesOf(reminder.to)).toEqual([HEAD_STTTT, CONTACT_STTTT]);
    expect(addressesOf(reminder.cc)).toEqual([HEAD_BHXH]);
  });

  it('tells the head of an overdue task, copying the standing agency', async () => {
    const overdue = await arrived('K-MAIN', 'overdue');
    expect(overdue.subject).toMatch(/^\[K-MAIN\] V\/v nhiệm vụ quá hạn( \d+ ngày làm việc)?: Triển khai cấp tài khoản/);
    expect(addressesOf(overdue.to)).toEqual([HEAD_STTTT]);
    expect(addressesOf(overdue.cc)).toEqual([HEAD_CA]);
  });

  it('tells the head of a lagging indicator, copying the standing agency', async () => {
    const lagging = await arrived('K-KPI', 'underperforming');
    expect(lagging.subject).toBe('[K-KPI] V/v chỉ tiêu chậm tiến độ: Nâng tỷ lệ hồ sơ trực tuyến toàn trình');
    expect(addressesOf(lagging.to)).toEqual([HEAD_STTTT]);
    expect(addressesOf(lagging.cc)).toEqual([HEAD_CA]);
    expect(lagging.text).toContain('Tỷ lệ hồ sơ trực tuyến toàn trình');
  });

  it('tells the head that the indicator is back on track once a good value is reported', async () => {
    await dispatch(h.engine, 'K-KPI', { type: 'PROGRESS_REPORTED', value: 95, at: Date.now() }, { actor: 'test' });
    const resolved = await arrived('K-KPI', 'resolved');
    expect(resolved.subject).toBe('[K-KPI] V/v nhiệm vụ đã khắc phục (chỉ tiêu đã đạt kế hoạch): Nâng tỷ lệ hồ sơ trực tuyến toàn trình');
    expect(addressesOf(resolved.to)).toEqual([HEAD_STTTT]);
    expect(addressesOf(resolved.cc)).toEqual([HEAD_CA]);
  });

  it('escalates to the chairman, copying the head and the standing agency', async () => {
    const escalation = await arrived('K-MAIN', 'escalation');
    expect(escalation.subject).toMatch(
      /^\[K-MAIN\] V\/v báo cáo Chủ tịch UBND tỉnh: nhiệm vụ quá hạn( \d+ ngày làm việc)? – Triển khai cấp tài khoản/,
    );
    expect(addressesOf(escalation.to)).toEqual([CHAIRMAN]);
    expect(addressesOf(escalation.cc)).toEqual([HEAD_STTTT, HEAD_CA]);
  });

  it('repeats the chairman-level notice while the task stays overdue', async () => {
    const repeat = await arrived('K-MAIN', 'repeat');
    expect(repeat.subject).toMatch(/^\[K-MAIN\] V\/v báo cáo Chủ tịch UBND tỉnh \(nhắc lại lần 1\): nhiệm vụ .+ – Triển khai cấp tài khoản/);
    expect(addressesOf(repeat.to)).toEqual([CHAIRMAN]);
    expect(addressesOf(repeat.cc)).toEqual([HEAD_STTTT, HEAD_CA]);
  });

  it('tells everyone who was told once the escalated task is completed', async () => {
    await dispatch(h.engine, 'K-MAIN', { type: 'COMPLETED', at: Date.now() }, { actor: 'test' });
    const resolved = await arrived('K-MAIN', 'resolved');
    expect(resolved.subject).toMatch(/^\[K-MAIN\] V\/v nhiệm vụ đã khắc phục \(hoàn thành ngày \d{2}\/\d{2}\/\d{4}\): Triển khai cấp tài khoản/);
    expect(addressesOf(resolved.to).sort()).toEqual([CHAIRMAN, HEAD_STTTT].sort());
    expect(addressesOf(resolved.cc)).toEqual([HEAD_CA]);
  });

  it('tells the head of an external unit with the chairman in copy, and never escalates it to the chairman', async () => {
    const reminder = await arrived('K-EXT', 'reminder');
    expect(addressesOf(reminder.to)).toEqual([HEAD_BHXH]);
    const overdue = await arrived('K-EXT', 'overdue');
    expect(overdue.subject).toMatch(/^\[K-EXT\] V\/v nhiệm vụ quá hạn( \d+ ngày làm việc)?: Đồng bộ dữ liệu người tham gia bảo hiểm y tế/);
    expect(addressesOf(overdue.to)).toEqual([HEAD_BHXH]);
    expect(addressesOf(overdue.cc)).toEqual([CHAIRMAN, HEAD_CA]);
    // By now K-MAIN, with the same deadline and policy, has reached the chairman and been repeated.
    expect(of('K-MAIN', 'repeat')).toHaveLength(1);
    expect(of('K-EXT').map((m) => headerOf(m, 'x-da06-kind'))).toEqual(['reminder', 'overdue']);
    const task = await h.engine.prisma.task.findUniqueOrThrow({ where: { code: 'K-EXT' } });
    expect(task.escalationLevel).toBe('head');
  });

  it('threads every later email of a task under the Message-ID of its first', () => {
    const expected: Record<string, string[]> = {
      'K-MAIN': ['reminder', 'overdue', 'escalation', 'repeat', 'resolved'],
      'K-KPI': ['underperforming', 'resolved'],
      'K-EXT': ['reminder', 'overdue'],
    };
    for (const [code, kinds] of Object.entries(expected)) {
      const thread = of(code);
      expect(thread.map((m) => headerOf(m, 'x-da06-kind'))).toEqual(kinds);
      const [first, ...later] = thread;
      expect(first!.messageId).toMatch(new RegExp(`^<da06\\.${code}\\.v\\d+\\.\\d+@localhost>$`));
      expect(first!.inReplyTo).toBeUndefined();
      for (const mail of later) {
        expect(mail.inReplyTo, `${code} ${String(headerOf(mail, 'x-da06-kind'))}`).toBe(first!.messageId);
        expect(referencesOf(mail)).toContain(first!.messageId);
      }
    }
    const ids = smtp.messages.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sends each email in Vietnamese with its task and kind headers, a plain-text and an HTML part', () => {
    expect(smtp.messages).toHaveLength(9);
    for (const mail of smtp.messages) {
      const code = String(headerOf(mail, 'x-da06-task'));
      const kind = String(headerOf(mail, 'x-da06-kind'));
      const label = `${code} ${kind}`;
      expect(['reminder', 'overdue', 'underperforming', 'escalation', 'repeat', 'resolved'], label).toContain(kind);
      expect(mail.subject, label).toContain(`[${code}] V/v `);
      expect(mail.subject, label).toContain(TITLES[code]!.slice(0, 20));
      expect(mail.from?.text, label).toContain('Đề án 06');
      expect(mail.text, label).toBeTruthy();
      expect(mail.text!, label).not.toMatch(HTML_TAG);
      expect(mail.text!, label).toContain('Kính gửi');
      expect(mail.text!, label).toContain('Trân trọng./.');
      expect(mail.text!, label).toContain(UNIT_NAMES[code]!);
      expect(mail.text!, label).toContain(TITLES[code]!);
      expect(mail.html, label).toBeTruthy();
      const html = mail.html as string;
      expect(html, label).toContain('Kính gửi');
      expect(html, label).toContain('Trân trọng./.');
      expect(html, label).toContain(UNIT_NAMES[code]!);
    }
  });
});
