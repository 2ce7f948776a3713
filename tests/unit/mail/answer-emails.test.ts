import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../../src/mail/render-email.js';
import type { NotificationView } from '../../../src/mail/notification-view.js';
import { sampleViews, vn } from './sample-views.js';

const views = sampleViews();

describe('the escalation to the chairman', () => {
  it('quotes the unit’s explanation: cause, remedy and the date it promised', () => {
    const view: NotificationView = {
      ...views.escalation!,
      explanation: { at: vn('2024-07-05T09:00:00'), by: 'gd.syt@example.gov.vn', cause: 'Thiếu kinh phí', remedy: 'Trình bổ sung dự toán', commitDate: '2024-08-15' },
    };
    const { text } = renderEmail(view);
    expect(text).toContain('Giải trình của đơn vị ngày 05/07/2024 (gd.syt@example.gov.vn):');
    expect(text).toContain('- Nguyên nhân: “Thiếu kinh phí”');
    expect(text).toContain('- Giải pháp: “Trình bổ sung dự toán”');
    expect(text).toContain('- Cam kết hoàn thành trước ngày 15/08/2024.');
  });

  it('says the unit gave none when it did not', () => {
    expect(renderEmail({ ...views.escalation!, explanation: null }).text).toContain('Đơn vị chưa giải trình');
  });

  it('escapes what the unit typed in the HTML part', () => {
    const view: NotificationView = {
      ...views.escalation!,
      explanation: { at: vn('2024-07-05T09:00:00'), by: 'x@example.gov.vn', cause: '<script>alert(1)</script>', remedy: 'r', commitDate: '2024-08-15' },
    };
    const { html, text } = renderEmail(view);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('<script>alert(1)</script>');
  });
});

describe('the head’s overdue notice', () => {
  it('asks for an explanation by its due date', () => {
    const { text } = renderEmail({ ...views.overdue!, explanationDueAt: vn('2024-07-08T08:00:00') });
    expect(text).toContain('Đề nghị giải trình rõ nguyên nhân, lý do và giải pháp chấn chỉnh trước ngày 08/07/2024.');
  });
});

describe('the notices about a unit’s answers', () => {
  it('an obstacle reaches the standing agency with what the unit needs, and its workspace link', () => {
    const { subject, text } = renderEmail(views.obstacle!);
    expect(subject).toBe('[HG-2024-05] V/v đơn vị báo cáo vướng mắc: Kế hoạch chi trả an sinh xã hội không dùng tiền mặt');
    expect(text).toContain('Kính gửi: Giám đốc Công an tỉnh');
    expect(text).toContain('Ngày 10/06/2024, Sở Y tế báo cáo vướng mắc HG-2024-05-V1');
    expect(text).toContain('“Chưa có hạ tầng thanh toán tại 12 xã vùng cao”');
    expect(text).toContain('Đơn vị đề xuất: “Đề nghị NHNN chi nhánh tỉnh hỗ trợ điểm chấp nhận thanh toán”');
    expect(text).toContain('Trang làm việc của đồng chí Phạm Đức Dũng: https://da06.example.gov.vn/w/eyJvIjoxfQ.c2ln');
  });

  it('an obstacle still open past its delay is brought to the chairman', () => {
    const view: NotificationView = { ...views.obstacle!, answer: { obstacle: { ...views.obstacle!.answer!.obstacle!, escalated: true } } };
    const { subject, text } = renderEmail(view);
    expect(subject).toContain('vướng mắc chưa được tháo gỡ, báo cáo Chủ tịch UBND tỉnh');
    expect(text).toContain('hệ thống kính báo cáo Chủ tịch UBND tỉnh để chỉ đạo');
  });

  it('the answer reaches the unit, quoted', () => {
    const { text } = renderEmail(views.obstacleResolved!);
    expect(text).toContain('Kính gửi: Sở Y tế');
    expect(text).toContain('“Đã đề nghị NHNN bố trí 12 điểm trước 30/6”');
  });

  it('a completion waiting for confirmation asks the standing agency to confirm or return it', () => {
    const { subject, text } = renderEmail(views.confirmation!);
    expect(subject).toContain('đề nghị xác nhận hoàn thành');
    expect(text).toContain('Ngày 28/06/2024, Sở Y tế báo cáo đã hoàn thành');
    expect(text).toContain('Văn bản, sản phẩm kèm theo: “Báo cáo số 45/BC-SYT”');
    expect(text).toContain('xác nhận hoàn thành hoặc trả lại báo cáo');
  });

  it('a returned completion tells the unit why, and that the deadline did not move', () => {
    const { text } = renderEmail(views.returned!);
    expect(text).toContain('chưa được xác nhận, lý do: “Chưa có số liệu của 3 xã”');
    expect(text).toContain('theo thời hạn 30/06/2024');
  });
});

describe('the chairman’s digest', () => {
  it('lists explanations missing, open obstacles, completions waiting and tasks due soon, with their counts', async () => {
    const { renderDigest } = await import('../../../src/mail/render-digest.js');
    const { sampleDigest } = await import('./sample-views.js');
    const line = { code: 'HG-2024-07', title: 'Thanh toán viện phí không dùng tiền mặt', unitName: 'Sở Y tế' };
    const { text, html } = renderDigest({
      ...sampleDigest(),
      followUp: {
        dueSoon: [{ ...line, at: vn('2024-07-19T23:59:59') }],
        explanationsMissing: [{ ...line, at: vn('2024-07-10T08:00:00') }],
        openObstacles: [{ ...line, at: vn('2024-07-01T08:00:00'), obstacle: { id: 'HG-2024-07-V1', description: '<b>Thiếu</b> máy POS', ageWorkingDays: 10 } }],
        awaitingConfirmation: [],
      },
    });
    expect(text).toContain('ĐƠN VỊ CHƯA GIẢI TRÌNH ĐÚNG HẠN: 1');
    expect(text).toContain('[HG-2024-07] Thanh toán viện phí không dùng tiền mặt – Sở Y tế: hạn giải trình 10/07/2024');
    expect(text).toContain('HG-2024-07-V1 “<b>Thiếu</b> máy POS”, báo cáo ngày 01/07/2024 (10 ngày làm việc)');
    expect(text).toContain('BÁO CÁO HOÀN THÀNH CHỜ XÁC NHẬN: 0');
    expect(text).toContain('NHIỆM VỤ SẮP ĐẾN HẠN: 1');
    expect(html).toContain('&lt;b&gt;Thiếu&lt;/b&gt; máy POS');
  });
});
