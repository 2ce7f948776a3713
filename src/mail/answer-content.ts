/**
 * What the notices about a unit's answers say (an obstacle raised or answered, a completion waiting for
 * confirmation or sent back), and how an escalation quotes the unit's explanation. Everything a person typed
 * is quoted as typed; the HTML template escapes it.
 */
import type { Segment, Tone } from './content-parts.js';
import { formatDate, formatLocalDate } from './format-vi.js';
import type { AnswerView, ExplanationView, NotificationView } from './notification-view.js';
import { assertNever, quoted } from './notice-wording.js';

export type AnswerKind = 'obstacle' | 'obstacle-resolved' | 'confirmation' | 'returned';

/** True for the notices about a unit's answers. */
export function isAnswerKind(kind: NotificationView['kind']): kind is AnswerKind {
  return kind === 'obstacle' || kind === 'obstacle-resolved' || kind === 'confirmation' || kind === 'returned';
}

/** The one-glance state of an answer notice. */
export function answerBadge(kind: AnswerKind, answer: AnswerView): string {
  switch (kind) {
    case 'obstacle':
      return answer.obstacle?.escalated ? 'Vướng mắc chưa được tháo gỡ' : 'Vướng mắc cần tháo gỡ';
    case 'obstacle-resolved':
      return 'Vướng mắc đã được trả lời';
    case 'confirmation':
      return answer.reminder ? 'Nhắc lại · Chờ xác nhận hoàn thành' : 'Chờ xác nhận hoàn thành';
    case 'returned':
      return 'Báo cáo hoàn thành bị trả lại';
    default:
      return assertNever(kind);
  }
}

/** The subject's state phrase of an answer notice. */
export function answerSubjectPhrase(kind: AnswerKind, answer: AnswerView): string {
  switch (kind) {
    case 'obstacle':
      return answer.obstacle?.escalated ? 'vướng mắc chưa được tháo gỡ, báo cáo Chủ tịch UBND tỉnh' : 'đơn vị báo cáo vướng mắc';
    case 'obstacle-resolved':
      return 'trả lời vướng mắc của đơn vị';
    case 'confirmation':
      return answer.reminder ? 'đề nghị xác nhận hoàn thành (nhắc lại)' : 'đề nghị xác nhận hoàn thành';
    case 'returned':
      return 'trả lại báo cáo hoàn thành';
    default:
      return assertNever(kind);
  }
}

export function answerTone(kind: AnswerKind, answer: AnswerView): Tone {
  if (kind === 'obstacle') return answer.obstacle?.escalated ? 'danger' : 'warning';
  if (kind === 'returned') return 'warning';
  return kind === 'obstacle-resolved' ? 'success' : 'info';
}

/** The paragraphs of an answer notice, after the task reference `ref`. */
export function answerLead(view: NotificationView, kind: AnswerKind, answer: AnswerView, ref: Segment[]): Segment[][] {
  const tz = view.province.timeZone;
  const unit = view.task.unitName;
  const { obstacle, submission } = answer;
  switch (kind) {
    case 'obstacle': {
      if (!obstacle) return [ref];
      const paragraphs: Segment[][] = [
        [`Ngày ${formatDate(obstacle.raisedAt, tz)}, ${unit} báo cáo vướng mắc `, { strong: obstacle.id }, ' trong thực hiện ', ...ref, `: ${quoted(obstacle.description)}.`],
      ];
      if (obstacle.needs) paragraphs.push([`Đơn vị đề xuất: ${quoted(obstacle.needs)}`]);
      paragraphs.push([`Người báo cáo: ${obstacle.by}.`]);
      if (obstacle.escalated) paragraphs.push(['Đến nay vướng mắc vẫn chưa được trả lời, tháo gỡ; hệ thống kính báo cáo Chủ tịch UBND tỉnh để chỉ đạo.']);
      return paragraphs;
    }
    case 'obstacle-resolved': {
      if (!obstacle) return [ref];
      const when = obstacle.resolvedAt === null ? '' : ` ngày ${formatDate(obstacle.resolvedAt, tz)}`;
      return [
        [`Vướng mắc `, { strong: obstacle.id }, ` do ${unit} báo cáo ngày ${formatDate(obstacle.raisedAt, tz)} trong thực hiện `, ...ref, `: ${quoted(obstacle.description)}.`],
        [`Đã được trả lời${when} (${obstacle.resolvedBy ?? ''}): `, { strong: quoted(obstacle.response ?? '') }],
      ];
    }
    case 'confirmation': {
      if (!submission) return [ref];
      const paragraphs: Segment[][] = [
        [`Ngày ${formatDate(submission.at, tz)}, ${unit} báo cáo đã hoàn thành `, ...ref, '.'],
      ];
      if (submission.document) paragraphs.push([`Văn bản, sản phẩm kèm theo: ${quoted(submission.document)}`]);
      if (submission.note) paragraphs.push([`Ghi chú của đơn vị: ${quoted(submission.note)}`]);
      paragraphs.push([`Người báo cáo: ${submission.by}.`]);
      if (answer.reminder) paragraphs.push(['Báo cáo hoàn thành này vẫn đang chờ xác nhận.']);
      return paragraphs;
    }
    case 'returned': {
      const deadline = view.task.deadline === null ? '' : ` theo thời hạn ${formatDate(view.task.deadline, tz)}`;
      return [
        ['Báo cáo hoàn thành ', ...ref, ' chưa được xác nhận, lý do: ', { strong: quoted(answer.returnedReason ?? '') }, '.'],
        [`Nhiệm vụ tiếp tục được theo dõi${deadline}; thời gian chờ xác nhận không được tính thêm vào thời hạn.`],
      ];
    }
    default:
      return assertNever(kind);
  }
}

/** What the reader of an answer notice is asked to do. */
export function answerRequest(view: NotificationView, kind: AnswerKind, answer: AnswerView): string {
  const unit = view.task.unitName;
  switch (kind) {
    case 'obstacle':
      return answer.obstacle?.escalated
        ? `Kính đề nghị Chủ tịch UBND tỉnh chỉ đạo tháo gỡ vướng mắc cho ${unit}; đề nghị cơ quan thường trực khẩn trương trả lời đơn vị.`
        : `Đề nghị cơ quan thường trực xem xét, trả lời, tháo gỡ vướng mắc cho ${unit}.`;
    case 'obstacle-resolved':
      return `Đề nghị ${unit} tiếp tục triển khai nhiệm vụ và cập nhật kết quả lên hệ thống.`;
    case 'confirmation':
      return 'Đề nghị cơ quan thường trực kiểm tra, xác nhận hoàn thành hoặc trả lại báo cáo (nêu rõ lý do).';
    case 'returned':
      return `Đề nghị ${unit} hoàn thiện theo ý kiến trên và báo cáo hoàn thành lại.`;
    default:
      return assertNever(kind);
  }
}

/** The escalation's paragraph on the unit's explanation, or that it gave none. */
export function explanationParagraphs(explanation: ExplanationView | null | undefined, timeZone: string): Segment[][] {
  if (!explanation) return [[{ strong: 'Đơn vị chưa giải trình' }, ' nguyên nhân chậm trễ và giải pháp khắc phục.']];
  return [
    [`Giải trình của đơn vị ngày ${formatDate(explanation.at, timeZone)} (${explanation.by}):`],
    ['- Nguyên nhân: ', quoted(explanation.cause)],
    ['- Giải pháp: ', quoted(explanation.remedy)],
    ['- Cam kết hoàn thành trước ngày ', { strong: formatLocalDate(explanation.commitDate) }, '.'],
  ];
}
