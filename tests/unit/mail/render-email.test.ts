import { describe, expect, it } from 'vitest';
import { renderDigest, renderEmail, subjectFor } from '../../../src/mail/render-email.js';
import type { NotificationView } from '../../../src/mail/notification-view.js';
import { TITLE, sampleDigest, sampleViews, vn } from './sample-views.js';

const views = sampleViews();
const view = (kind: string): NotificationView => views[kind]!;
const TAG = /<\/?[a-z][^>]*>/i;

describe('subject lines', () => {
  it.each([
    ['reminder', `[HG-2024-05] V/v nhắc thực hiện nhiệm vụ (còn 5 ngày làm việc): ${TITLE}`],
    ['overdue', `[HG-2024-05] V/v nhiệm vụ quá hạn 3 ngày làm việc: ${TITLE}`],
    ['underperforming', `[HG-2024-05] V/v chỉ tiêu chậm tiến độ: ${TITLE}`],
    ['repeat', `[HG-2024-05] V/v nhiệm vụ quá hạn 8 ngày làm việc (nhắc lại lần 1): ${TITLE}`],
    ['resolved', `[HG-2024-05] V/v nhiệm vụ đã khắc phục (hoàn thành ngày 18/07/2024): ${TITLE}`],
  ])('names the state of a %s notice before the title', (kind, subject) => {
    expect(renderEmail(view(kind)).subject).toBe(subject);
  });

  it('tells the chairman the report is for him, and truncates the title with … to stay under 120 characters', () => {
    const subject = subjectFor(view('escalation'));
    expect(subject.startsWith('[HG-2024-05] V/v báo cáo Chủ tịch UBND tỉnh: nhiệm vụ quá hạn 11 ngày làm việc – Kế hoạch')).toBe(true);
    expect(subject.endsWith('…')).toBe(true);
    expect([...subject].length).toBeLessThanOrEqual(120);
  });

  it('keeps a very long title under 120 characters', () => {
    const long = { ...view('overdue'), task: { ...view('overdue').task, title: 'Triển khai '.repeat(30) } };
    const subject = subjectFor(long);
    expect([...subject].length).toBeLessThanOrEqual(120);
    expect(subject).toMatch(/^\[HG-2024-05\] V\/v nhiệm vụ quá hạn 3 ngày làm việc: Triển khai.*…$/);
  });

  it('counts repeats from the notices already sent when the engine does not number them', () => {
    const third = { ...view('repeat'), previousNotices: [...view('repeat').previousNotices, { kind: 'repeat' as const, at: 1, to: [] }, { kind: 'repeat' as const, at: 2, to: [] }] };
    expect(subjectFor(third)).toContain('(nhắc lại lần 3)');
    expect(subjectFor({ ...third, repeatNumber: 7 })).toContain('(nhắc lại lần 7)');
  });

  it('says when a reminder falls on the last day and when a task is standing', () => {
    expect(subjectFor({ ...view('reminder'), daysLeft: 0 })).toContain('V/v nhắc thực hiện nhiệm vụ (đến hạn hôm nay): ');
    expect(subjectFor({ ...view('reminder'), task: { ...view('reminder').task, deadline: null } })).toContain('V/v nhắc thực hiện nhiệm vụ thường xuyên: ');
  });

  it('says when an indicator has not been reported for too long', () => {
    const stale = { ...view('underperforming'), indicator: { ...view('underperforming').indicator!, stale: true } };
    expect(subjectFor(stale)).toBe(`[HG-2024-05] V/v chỉ tiêu chậm báo cáo số liệu: ${TITLE}`);
  });
});

describe.each(Object.keys(views))('a %s email', (kind) => {
  const email = renderEmail(view(kind));

  it('has a plain-text part complete on its own, without HTML tags', () => {
    expect(email.text).not.toMatch(TAG);
    expect(email.text).not.toContain('&amp;');
    for (const part of ['HG-2024-05', TITLE, 'Trân trọng./.', 'Hệ thống theo dõi nhiệm vụ Đề án 06 – tỉnh Hà Giang', 'Thời hạn: 30/06/2024']) {
      expect(email.text).toContain(part);
    }
  });

  it('carries the same essentials in HTML, in a 600 px single column', () => {
    for (const part of ['HG-2024-05', TITLE, 'Trân trọng./.', '30/06/2024', 'max-width:600px', '<html lang="vi">', '<meta charset="utf-8">']) {
      expect(email.html).toContain(part);
    }
    expect(email.html).not.toMatch(/<(script|link|img|style)\b/i);
  });

  it('keeps Vietnamese diacritics in NFC form', () => {
    expect(email.text).toBe(email.text.normalize('NFC'));
    expect(email.subject).toBe(email.subject.normalize('NFC'));
  });
});

describe('greeting', () => {
  it('addresses the head by office and unit', () => {
    expect(renderEmail(view('overdue')).text).toContain('Kính gửi: Giám đốc Sở Y tế\n');
    expect(renderEmail(view('escalation')).text).toContain('Kính gửi: Chủ tịch UBND tỉnh Hà Giang\n');
  });

  it('addresses a reminder to the unit and names its focal officer', () => {
    const { text } = renderEmail(view('reminder'));
    expect(text).toContain('Kính gửi: Sở Y tế\n(Cán bộ đầu mối: đồng chí Trần Thị Bình, Chuyên viên)');
  });

  it('lists several addressees one per line', () => {
    expect(renderEmail(view('resolved')).text).toContain('Kính gửi:\n- Giám đốc Sở Y tế;\n- Chủ tịch UBND tỉnh Hà Giang.');
  });
});

describe('the task and its lateness', () => {
  it('says how late, in working days, and the deadline as dd/mm/yyyy in the province time zone', () => {
    const { text } = renderEmail(view('overdue'));
    expect(text).toContain('đã quá hạn 3 ngày làm việc (thời hạn 30/06/2024) và chưa được báo cáo hoàn thành.');
    expect(text).toContain('- Quá hạn: 3 ngày làm việc');
    expect(text).toContain('- Văn bản giao: Kế hoạch số 12/KH-UBND ngày 15/01/2024 của UBND tỉnh');
    expect(text).toContain('- Đơn vị chủ trì: Sở Y tế');
    expect(text).toContain('- Chịu trách nhiệm: Giám đốc Sở Y tế – Nguyễn Văn An');
  });

  it('shows a standing task as Thường xuyên', () => {
    const standing = { ...view('underperforming'), task: { ...view('underperforming').task, deadline: null } };
    expect(renderEmail(standing).text).toContain('- Thời hạn: Thường xuyên');
  });

  it('shows the deadline as the assigning document words it next to the date', () => {
    const quarter = { ...view('overdue'), task: { ...view('overdue').task, deadlineText: 'Quý II/2024' } };
    expect(renderEmail(quarter).text).toContain('- Thời hạn: 30/06/2024 (Quý II/2024)');
  });

  it('uses the date of the province, not of UTC, near midnight', () => {
    // 23:30 on 30/06 in Hà Nội is 16:30 UTC the same day; 00:30 on 01/07 is 17:30 UTC on 30/06.
    const early = { ...view('overdue'), task: { ...view('overdue').task, deadline: vn('2024-07-01T00:30:00') } };
    expect(renderEmail(early).text).toContain('- Thời hạn: 01/07/2024');
  });
});

describe('the indicator', () => {
  const { text, html } = renderEmail(view('underperforming'));

  it('gives the reported value and date, the plan now, the target and the forecast, the Vietnamese way', () => {
    expect(text).toContain('- Số liệu báo cáo: 62,5% (ngày 15/05/2024)');
    expect(text).toContain('- Kế hoạch đến nay: 80% (thấp hơn kế hoạch 17,5 điểm phần trăm)');
    expect(text).toContain('- Mục tiêu: 100% (ban đầu 40%)');
    expect(text).toContain('- Dự báo: Với tốc độ hiện tại, dự kiến đạt 91,2% vào 30/06/2024 – không đạt mục tiêu');
    expect(html).toContain('<strong style="color:#92400e;">62,5%</strong>');
  });

  it('groups thousands with dots for counted indicators', () => {
    const counted = {
      ...view('underperforming'),
      indicator: { ...view('underperforming').indicator!, unit: 'hồ sơ', baseline: 0, target: 5000, latest: 2527, planned: 3000, forecast: 4210.5 },
    };
    const { text: countedText } = renderEmail(counted);
    expect(countedText).toContain('- Số liệu báo cáo: 2.527 hồ sơ (ngày 15/05/2024)');
    expect(countedText).toContain('- Kế hoạch đến nay: 3.000 hồ sơ (thấp hơn kế hoạch 473 hồ sơ)');
    expect(countedText).toContain('dự kiến đạt 4.210,5 hồ sơ vào 30/06/2024');
  });

  it('says when nothing has been reported for too long', () => {
    const stale = { ...view('underperforming'), indicator: { ...view('underperforming').indicator!, stale: true } };
    expect(renderEmail(stale).text).toContain('chưa được cập nhật số liệu từ ngày 15/05/2024');
    const never = { ...view('underperforming'), indicator: { ...view('underperforming').indicator!, latest: null, latestAt: null, stale: true } };
    expect(renderEmail(never).text).toContain('- Số liệu báo cáo: Chưa có báo cáo');
  });
});

describe('notices already sent', () => {
  it('lists each with its date, its kind in Vietnamese and whom it went to', () => {
    const { text } = renderEmail(view('escalation'));
    expect(text).toContain('- 24/06/2024 – Nhắc thực hiện nhiệm vụ – gửi binh.tt@example.gov.vn');
    expect(text).toContain('- 03/07/2024 – Thông báo nhiệm vụ quá hạn – gửi Giám đốc Sở Y tế (gd.syt@example.gov.vn)');
    expect(text).toContain('Ngày 03/07/2024, hệ thống đã thông báo tới Giám đốc Sở Y tế; đến nay đơn vị chưa xác nhận tiếp nhận');
  });

  it('leaves the section out when nothing was sent before', () => {
    expect(renderEmail(view('reminder')).text).not.toContain('CÁC THÔNG BÁO ĐÃ GỬI');
  });
});

describe('what to do', () => {
  it('gives the head a button-like acknowledgement link when one exists', () => {
    const { text, html } = renderEmail(view('overdue'));
    const url = view('overdue').action.ackUrl!;
    expect(html).toContain(`<a href="${url}" style="display:inline-block;`);
    expect(html).toContain('Xác nhận đã tiếp nhận</a>');
    expect(text).toContain(`Xác nhận đã tiếp nhận tại: ${url}`);
    expect(text).not.toContain('npx da06 ack');
  });

  it('gives the CLI command when there is no link', () => {
    const { text, html } = renderEmail(view('underperforming'));
    expect(text).toContain('    npx da06 ack HG-2024-05 --by gd.syt@example.gov.vn');
    expect(html).toContain('npx da06 ack HG-2024-05 --by gd.syt@example.gov.vn');
    expect(html).not.toContain('/ack/');
  });

  it('does not ask for an acknowledgement already given', () => {
    const acked = { ...view('repeat'), acknowledgedBy: 'gd.syt@example.gov.vn', acknowledgedAt: vn('2024-07-04T09:00:00') };
    const { text } = renderEmail(acked);
    expect(text).not.toContain('npx da06 ack');
    expect(text).toContain('- Tiếp nhận: Đã xác nhận ngày 04/07/2024 (gd.syt@example.gov.vn)');
  });

  it('asks the chairman to direct the head, without an acknowledgement control', () => {
    const { text } = renderEmail(view('escalation'));
    expect(text).toContain('Kính đề nghị Chủ tịch UBND tỉnh xem xét, chỉ đạo Giám đốc Sở Y tế khẩn trương hoàn thành nhiệm vụ.');
    expect(text).not.toContain('npx da06 ack');
  });

  it('directs a department but only requests of an external unit', () => {
    expect(renderEmail(view('overdue')).text).toContain('Yêu cầu Giám đốc Sở Y tế chỉ đạo khẩn trương hoàn thành nhiệm vụ');
    const bhxh = {
      ...view('overdue'),
      task: { ...view('overdue').task, unitName: 'Bảo hiểm xã hội tỉnh', unitKind: 'external' },
      head: { name: 'Hoàng Văn Em', title: 'Giám đốc', email: 'gd@bhxh.vn', unitName: 'Bảo hiểm xã hội tỉnh' },
    };
    bhxh.to = [bhxh.head];
    const { text } = renderEmail(bhxh);
    expect(text).toContain('Đề nghị Giám đốc Bảo hiểm xã hội tỉnh quan tâm, phối hợp khẩn trương hoàn thành nhiệm vụ');
    expect(text).not.toContain('Yêu cầu');
    const reminder = { ...view('reminder'), task: { ...view('reminder').task, unitName: 'Bảo hiểm xã hội tỉnh', unitKind: 'external' } };
    expect(renderEmail(reminder).text).toContain('Đề nghị Bảo hiểm xã hội tỉnh quan tâm, phối hợp thực hiện');
  });

  it('escalates an external unit to its own head with the chairman in copy, never directing it', () => {
    const bhxhHead = { name: 'Hoàng Văn Em', title: 'Giám đốc', email: 'gd@bhxh.vn', unitName: 'Bảo hiểm xã hội tỉnh' };
    const external: NotificationView = {
      ...view('escalation'),
      level: 'head',
      task: { ...view('escalation').task, unitName: 'Bảo hiểm xã hội tỉnh', unitKind: 'external' },
      head: bhxhHead,
      to: [bhxhHead],
      cc: [view('escalation').to[0]!],
    };
    const { text } = renderEmail(external);
    expect(text).toContain('Kính gửi: Giám đốc Bảo hiểm xã hội tỉnh\n');
    expect(text).toContain('Chủ tịch UBND tỉnh được đồng gửi thông báo này để theo dõi, chỉ đạo.');
    expect(text).toContain('Đề nghị Giám đốc Bảo hiểm xã hội tỉnh quan tâm, phối hợp');
    expect(text).not.toContain('Hệ thống kính báo cáo');
    expect(text).not.toContain('Yêu cầu');
  });

  it('tells the head what happens next if nothing is done', () => {
    expect(renderEmail(view('overdue')).text).toContain('hệ thống sẽ báo cáo Chủ tịch UBND tỉnh.');
  });

  it('asks nothing once resolved', () => {
    const { text } = renderEmail(view('resolved'));
    expect(text).toContain('đã được khắc phục: hoàn thành ngày 18/07/2024, quá hạn 14 ngày làm việc.');
    expect(text).not.toMatch(/Yêu cầu|Đề nghị|npx da06 ack/);
  });
});

describe('escaping', () => {
  const evil = '<script>alert("x")</script> & “ngoặc”';
  const hostile: NotificationView = {
    ...view('overdue'),
    task: { ...view('overdue').task, title: evil, document: '<b>QĐ</b>' },
    action: { ackUrl: 'https://x.vn/ack/a"onmouseover="alert(1)', ackCommand: 'npx da06 ack X --by <a@b>' },
  };
  const { html, text } = renderEmail(hostile);

  it('escapes every user-supplied string in HTML', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>QĐ</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; “ngoặc”');
    expect(html).not.toContain('a"onmouseover');
  });

  it('leaves the plain-text part as written', () => {
    expect(text).toContain(`“${evil}”`);
  });
});

describe('the chairman digest', () => {
  const digest = renderDigest(sampleDigest());

  it('is dated in its subject', () => {
    expect(digest.subject).toBe('[Đề án 06] Tổng hợp nhiệm vụ cần Chủ tịch chỉ đạo ngày 15/07/2024');
  });

  it('groups the tasks by unit with deadline, days overdue, since and acknowledgement', () => {
    expect(digest.text).toContain('Kính gửi: Chủ tịch UBND tỉnh Hà Giang');
    expect(digest.text).toContain('có 3 nhiệm vụ của 2 đơn vị cần Chủ tịch UBND tỉnh xem xét, chỉ đạo.');
    expect(digest.text).toContain('1. Sở Y tế (2 nhiệm vụ)');
    expect(digest.text).toContain(`   - [HG-2024-05] ${TITLE}\n     Thời hạn: 30/06/2024; quá hạn 11 ngày làm việc; tình trạng: quá hạn; chờ chỉ đạo từ 15/07/2024; tiếp nhận: Chưa xác nhận.`);
    expect(digest.text).toContain('2. Bảo hiểm xã hội tỉnh (1 nhiệm vụ)');
    expect(digest.text).toContain('Thời hạn: Thường xuyên; chưa quá hạn; tình trạng: chỉ tiêu chậm tiến độ');
    expect(digest.text).not.toMatch(TAG);
    expect(digest.html).toContain('Sở Y tế (2)');
    expect(digest.html).toContain('gd.syt@example.gov.vn');
    expect(digest.html).toContain('max-width:600px');
  });

  it('says so when nothing waits for the chairman', () => {
    const empty = renderDigest({ ...sampleDigest(), items: [] });
    expect(empty.text).toContain('không có nhiệm vụ nào cần Chủ tịch UBND tỉnh chỉ đạo.');
  });
});

describe('when a head\'s title already names the kind of unit', () => {
  it('does not say the word twice', async () => {
    const { joinTitle } = await import('../../../src/mail/notice-wording.js');
    expect(joinTitle('Giám đốc Sở', 'Sở Thông tin và Truyền thông')).toBe('Giám đốc Sở Thông tin và Truyền thông');
    expect(joinTitle('Giám đốc Công an tỉnh', 'Công an tỉnh')).toBe('Giám đốc Công an tỉnh');
    expect(joinTitle('Chủ tịch UBND huyện', 'UBND huyện Bắc Mê')).toBe('Chủ tịch UBND huyện Bắc Mê');
    expect(joinTitle('Giám đốc', 'Sở Y tế')).toBe('Giám đốc Sở Y tế');
  });
});

describe('when the head is told on the deadline day itself', () => {
  it('already calls the task overdue', () => {
    const base = sampleViews().overdue as NotificationView;
    const view: NotificationView = { ...base, overdueWorkingDays: 0, decidedAt: base.task.deadline as number };
    expect(subjectFor(view)).toContain('V/v nhiệm vụ quá hạn');
    expect(subjectFor(view)).not.toContain('chưa hoàn thành');
  });
});
