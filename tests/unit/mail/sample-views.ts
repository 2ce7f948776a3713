/** Realistic notices for the mail tests: Hà Giang, Sở Y tế, a late cashless-payment plan. */
import type { DigestView, NotificationKind, NotificationView, Person } from '../../../src/mail/notification-view.js';

/** 2024-06-30 in Vietnam is 2024-06-29T17:00Z. */
export const vn = (iso: string): number => Date.parse(`${iso}+07:00`);

export const giamDoc: Person = { name: 'Nguyễn Văn An', title: 'Giám đốc', email: 'gd.syt@example.gov.vn', unitName: 'Sở Y tế' };
export const dauMoi: Person = { name: 'Trần Thị Bình', title: 'Chuyên viên', email: 'binh.tt@example.gov.vn', unitName: 'Sở Y tế' };
export const chuTich: Person = { name: 'Lê Minh Cường', title: 'Chủ tịch', email: 'chutich@example.gov.vn', unitName: 'UBND tỉnh Hà Giang' };
export const congAn: Person = { name: 'Phạm Đức Dũng', title: 'Giám đốc', email: 'ca@example.gov.vn', unitName: 'Công an tỉnh' };

export const TITLE = 'Kế hoạch chi trả an sinh xã hội không dùng tiền mặt';

function base(kind: NotificationKind, level: NotificationView['level']): NotificationView {
  return {
    kind,
    level,
    province: { name: 'tỉnh Hà Giang', timeZone: 'Asia/Ho_Chi_Minh' },
    task: {
      code: 'HG-2024-05',
      title: TITLE,
      unitCode: 'SYT',
      unitName: 'Sở Y tế',
      unitKind: 'department',
      document: 'Kế hoạch số 12/KH-UBND ngày 15/01/2024 của UBND tỉnh',
      deadline: vn('2024-06-30T23:59:59'),
      deadlineText: null,
      product: 'Báo cáo kết quả triển khai',
    },
    to: level === 'unit' ? [dauMoi] : level === 'head' ? [giamDoc] : [chuTich],
    cc: level === 'chairman' ? [giamDoc, congAn] : [],
    head: giamDoc,
    decidedAt: vn('2024-07-03T08:00:00'),
    indicator: null,
    previousNotices: [],
    acknowledgedBy: null,
    action: { ackUrl: null, ackCommand: 'npx da06 ack HG-2024-05 --by gd.syt@example.gov.vn' },
  };
}

export const indicator = {
  name: 'Tỷ lệ người hưởng an sinh xã hội nhận tiền qua tài khoản',
  unit: '%',
  baseline: 40,
  target: 100,
  direction: 'increase' as const,
  latest: 62.5,
  latestAt: vn('2024-05-15T10:00:00'),
  planned: 80,
  forecast: 91.23,
  stale: false,
};

export function sampleViews(): Record<string, NotificationView> {
  const reminder: NotificationView = { ...base('reminder', 'unit'), decidedAt: vn('2024-06-24T08:00:00'), daysLeft: 5 };
  const overdue: NotificationView = {
    ...base('overdue', 'head'),
    overdueWorkingDays: 3,
    previousNotices: [{ kind: 'reminder', at: vn('2024-06-24T08:00:00'), to: [dauMoi.email] }],
    action: { ackUrl: 'https://da06.example.gov.vn/ack/eyJ0IjoiSEctMjAyNC0wNSJ9.c2lnbmF0dXJl', ackCommand: 'npx da06 ack HG-2024-05 --by gd.syt@example.gov.vn' },
  };
  const underperforming: NotificationView = {
    ...base('underperforming', 'head'),
    decidedAt: vn('2024-06-03T08:00:00'),
    indicator,
    previousNotices: [{ kind: 'reminder', at: vn('2024-05-20T08:00:00'), to: [dauMoi.email] }],
  };
  const escalation: NotificationView = {
    ...base('escalation', 'chairman'),
    decidedAt: vn('2024-07-15T08:00:00'),
    overdueWorkingDays: 11,
    indicator,
    previousNotices: [
      { kind: 'reminder', at: vn('2024-06-24T08:00:00'), to: [dauMoi.email] },
      { kind: 'overdue', at: vn('2024-07-03T08:00:00'), to: [giamDoc.email] },
      { kind: 'repeat', at: vn('2024-07-10T08:00:00'), to: [giamDoc.email] },
    ],
  };
  const repeat: NotificationView = {
    ...base('repeat', 'head'),
    repeatOf: 'overdue',
    decidedAt: vn('2024-07-10T08:00:00'),
    overdueWorkingDays: 8,
    previousNotices: [
      { kind: 'reminder', at: vn('2024-06-24T08:00:00'), to: [dauMoi.email] },
      { kind: 'overdue', at: vn('2024-07-03T08:00:00'), to: [giamDoc.email] },
    ],
  };
  const resolved: NotificationView = {
    ...base('resolved', 'head'),
    to: [giamDoc, chuTich],
    decidedAt: vn('2024-07-18T16:30:00'),
    overdueWorkingDays: 14,
    resolution: { kind: 'completed', at: vn('2024-07-18T16:20:00') },
    previousNotices: escalation.previousNotices.concat([{ kind: 'escalation', at: vn('2024-07-15T08:00:00'), to: [chuTich.email] }]),
  };
  const raised = {
    id: 'HG-2024-05-V1',
    raisedAt: vn('2024-06-10T09:00:00'),
    by: giamDoc.email,
    description: 'Chưa có hạ tầng thanh toán tại 12 xã vùng cao',
    needs: 'Đề nghị NHNN chi nhánh tỉnh hỗ trợ điểm chấp nhận thanh toán',
    escalated: false,
    response: null,
    resolvedAt: null,
    resolvedBy: null,
  };
  const obstacle: NotificationView = {
    ...base('obstacle', 'unit'),
    to: [congAn],
    cc: [giamDoc],
    decidedAt: raised.raisedAt,
    answer: { obstacle: raised },
    workspaceLinks: [{ name: congAn.name, email: congAn.email, url: 'https://da06.example.gov.vn/w/eyJvIjoxfQ.c2ln' }],
  };
  const obstacleResolved: NotificationView = {
    ...base('obstacle-resolved', 'unit'),
    to: [giamDoc, dauMoi],
    cc: [congAn],
    decidedAt: vn('2024-06-12T15:00:00'),
    answer: {
      obstacle: { ...raised, state: 'resolved', response: 'Đã đề nghị NHNN bố trí 12 điểm trước 30/6', resolvedAt: vn('2024-06-12T15:00:00'), resolvedBy: congAn.email } as never,
    },
  };
  const confirmation: NotificationView = {
    ...base('confirmation', 'unit'),
    to: [congAn],
    decidedAt: vn('2024-06-28T10:00:00'),
    answer: { submission: { at: vn('2024-06-28T10:00:00'), by: giamDoc.email, document: 'Báo cáo số 45/BC-SYT', note: 'Đã chi trả 100% qua tài khoản' }, reminder: false },
  };
  const returned: NotificationView = {
    ...base('returned', 'unit'),
    to: [giamDoc, dauMoi],
    cc: [congAn],
    decidedAt: vn('2024-07-01T10:00:00'),
    answer: { returnedReason: 'Chưa có số liệu của 3 xã' },
  };
  return { reminder, overdue, underperforming, escalation, repeat, resolved, obstacle, obstacleResolved, confirmation, returned };
}

export function sampleDigest(): DigestView {
  return {
    province: { name: 'tỉnh Hà Giang', timeZone: 'Asia/Ho_Chi_Minh' },
    chairman: chuTich,
    date: vn('2024-07-15T07:00:00'),
    items: [
      {
        unitName: 'Sở Y tế',
        tasks: [
          { code: 'HG-2024-05', title: TITLE, deadline: vn('2024-06-30T23:59:59'), overdueWorkingDays: 11, state: 'overdue', since: vn('2024-07-15T08:00:00'), acknowledgedBy: null },
          { code: 'HG-2024-09', title: 'Tỷ lệ khám chữa bệnh bằng căn cước công dân gắn chip đạt 90%', deadline: vn('2024-09-30T23:59:59'), overdueWorkingDays: 0, state: 'underperforming', since: vn('2024-07-08T08:00:00'), acknowledgedBy: 'gd.syt@example.gov.vn' },
        ],
      },
      {
        unitName: 'Bảo hiểm xã hội tỉnh',
        tasks: [
          { code: 'HG-2024-12', title: 'Chi trả lương hưu qua tài khoản ngân hàng', deadline: null, overdueWorkingDays: 0, state: 'underperforming', since: vn('2024-07-01T08:00:00') },
        ],
      },
    ],
  };
}
