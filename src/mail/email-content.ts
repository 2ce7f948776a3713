/**
 * What one notice says, decided once: the HTML and the plain-text templates only lay it out, so the two
 * parts never disagree. Strings here are plain text; the HTML template escapes them.
 */
import {
  answerBadge,
  answerLead,
  answerRequest,
  answerTone,
  explanationParagraphs,
  isAnswerKind,
} from './answer-content.js';
import type { Fact, Segment, Tone } from './content-parts.js';
import { formatDate, formatDateTimePhrase } from './format-vi.js';
import { indicatorFacts, indicatorLead } from './indicator-lines.js';
import type { NotificationView } from './notification-view.js';
import {
  addressOf,
  assertNever,
  effectiveKind,
  headAddress,
  headOf,
  isExternal,
  problemPhrase,
  quoted,
  repeatNumberOf,
  resolutionPhrase,
  workingDays,
} from './notice-wording.js';
import { noticeLines } from './notice-history.js';
import { subjectFor } from './subject-for.js';
import { DEFAULT_TIME_ZONE } from '../domain/time-zone.js';

export type { Fact, Segment, Tone } from './content-parts.js';

export interface EmailContent {
  subject: string;
  /** The one-glance state, e.g. `Quá hạn 3 ngày làm việc`. */
  badge: string;
  tone: Tone;
  /** `Kính gửi: …` lines. */
  greeting: string[];
  /** For a repeat: which repeat this is, said before anything else. */
  repeatNote: string | null;
  lead: Segment[][];
  /** What the reader is asked to do, and how to acknowledge when that applies. */
  request: { text: string; ackUrl: string | null; ackCommand: string | null } | null;
  /** What happens if nothing is done. */
  warning: string | null;
  facts: Fact[];
  indicator: Fact[] | null;
  notices: string[];
  cc: string[];
  /** Each addressed official's personal workspace link, where they answer (report, explain, raise an obstacle…). */
  workspaceLinks: { label: string; url: string }[];
  asOf: string;
  signature: string;
}

/** Decides every sentence of the notice described by `view`. */
export function emailContent(view: NotificationView): EmailContent {
  const tz = view.province.timeZone;
  const kind = effectiveKind(view);
  const repeat = view.kind === 'repeat' ? repeatNumberOf(view) : null;
  const problem = capitalise(problemPhrase(view));
  const badge = isAnswerKind(view.kind)
    ? answerBadge(view.kind, view.answer ?? {})
    : view.kind === 'resolved'
      ? 'Đã khắc phục'
      : kind === 'reminder'
        ? reminderBadge(view)
        : kind === 'escalation'
          ? `Báo cáo Chủ tịch UBND tỉnh · ${problem}`
          : problem;
  return {
    subject: subjectFor(view),
    badge: repeat === null ? badge : `Nhắc lại lần ${repeat} · ${badge}`,
    tone: toneOf(view),
    greeting: greetingOf(view),
    repeatNote: repeat === null ? null : `Đây là thông báo nhắc lại lần ${repeat}; đến nay tình trạng dưới đây chưa được khắc phục.`,
    lead: leadOf(view),
    request: requestOf(view),
    warning:
      view.level === 'head' && view.kind !== 'resolved' && kind !== 'reminder' && kind !== 'escalation'
        ? 'Nếu nhiệm vụ không được khắc phục trong thời hạn quy định, hệ thống sẽ báo cáo Chủ tịch UBND tỉnh.'
        : null,
    facts: factsOf(view),
    indicator: view.indicator ? indicatorFacts(view.indicator, view.task.deadline, tz) : null,
    notices: noticeLines(view),
    cc: view.cc.map((person) => `${addressOf(person)} (${person.email})`),
    workspaceLinks: (view.workspaceLinks ?? []).map((link) => ({ label: `Trang làm việc của đồng chí ${link.name}`, url: link.url })),
    asOf: `Số liệu tính đến ${formatDateTimePhrase(view.decidedAt, tz)}${tz === DEFAULT_TIME_ZONE ? '' : ` (${tz})`}.`,
    signature: `Hệ thống theo dõi nhiệm vụ Đề án 06 – ${view.province.name}`,
  };
}

function toneOf(view: NotificationView): Tone {
  if (isAnswerKind(view.kind)) return answerTone(view.kind, view.answer ?? {});
  if (view.kind === 'resolved') return 'success';
  const kind = effectiveKind(view);
  if (kind === 'reminder') return 'info';
  if (kind === 'escalation') return 'critical';
  return (view.overdueWorkingDays ?? 0) > 0 ? 'danger' : 'warning';
}

function reminderBadge(view: NotificationView): string {
  if (view.task.deadline === null) return 'Nhiệm vụ thường xuyên';
  if (view.daysLeft === undefined) return `Thời hạn ${formatDate(view.task.deadline, view.province.timeZone)}`;
  return view.daysLeft <= 0 ? 'Đến hạn hôm nay' : `Còn ${workingDays(view.daysLeft)}`;
}

function greetingOf(view: NotificationView): string[] {
  // A reminder goes to the unit through its focal officers: the unit is addressed, the officers named.
  if (view.level === 'unit' && view.to.length > 0 && view.to.every((p) => p.unitName === view.task.unitName)) {
    const officers = view.to.map((p) => (p.title ? `đồng chí ${p.name}, ${p.title}` : `đồng chí ${p.name}`)).join('; ');
    return [`Kính gửi: ${view.task.unitName}`, `(Cán bộ đầu mối: ${officers})`];
  }
  const addresses = view.to.map(addressOf);
  if (addresses.length === 1) return [`Kính gửi: ${addresses[0]}`];
  return ['Kính gửi:', ...addresses.map((a, i) => `- ${a}${i === addresses.length - 1 ? '.' : ';'}`)];
}

function taskRef(view: NotificationView, lead = 'Nhiệm vụ '): Segment[] {
  return [lead, { strong: view.task.code }, ` ${quoted(view.task.title)} do ${view.task.unitName} chủ trì`];
}

function deadlineClause(view: NotificationView): string {
  return view.task.deadline === null ? '' : ` (thời hạn ${formatDate(view.task.deadline, view.province.timeZone)})`;
}

function leadOf(view: NotificationView): Segment[][] {
  const tz = view.province.timeZone;
  const overdue = view.overdueWorkingDays ?? 0;
  const paragraphs: Segment[][] = [];
  const kind = effectiveKind(view);
  if (isAnswerKind(kind)) return answerLead(view, kind, view.answer ?? {}, taskRef(view, 'nhiệm vụ '));
  switch (kind) {
    case 'reminder': {
      if (view.task.deadline === null) {
        paragraphs.push([...taskRef(view), ' là nhiệm vụ ', { strong: 'thường xuyên' }, ', cần được duy trì thực hiện.']);
      } else {
        const left =
          view.daysLeft === undefined ? null : view.daysLeft <= 0 ? 'hôm nay là ngày cuối' : `còn ${workingDays(view.daysLeft)}`;
        paragraphs.push([
          ...taskRef(view),
          ' có thời hạn hoàn thành ',
          { strong: formatDate(view.task.deadline, tz) },
          ...(left ? [', ', { strong: left }] : []),
          '.',
        ]);
      }
      if (view.indicator) paragraphs.push(indicatorLead(view.indicator, tz));
      break;
    }
    case 'overdue':
    case 'underperforming':
    case 'escalation': {
      const opening: Segment[] =
        kind === 'escalation' && view.level === 'chairman' ? ['Hệ thống kính báo cáo Chủ tịch UBND tỉnh: nhiệm vụ ', { strong: view.task.code }, ` ${quoted(view.task.title)} do ${view.task.unitName} chủ trì`] : taskRef(view);
      if (overdue > 0) {
        paragraphs.push([...opening, ' đã ', { strong: `quá hạn ${workingDays(overdue)}` }, `${deadlineClause(view)} và chưa được báo cáo hoàn thành.`]);
        if (view.indicator && kind !== 'overdue') paragraphs.push(indicatorLead(view.indicator, tz));
      } else if (view.indicator) {
        paragraphs.push([...opening, ' có ', { strong: view.indicator.stale ? 'chỉ tiêu chậm báo cáo số liệu' : 'chỉ tiêu chậm tiến độ' }, '.']);
        paragraphs.push(indicatorLead(view.indicator, tz));
      } else {
        paragraphs.push([...opening, ' chưa được báo cáo hoàn thành.']);
      }
      if (kind === 'escalation') paragraphs.push([escalationHistory(view)], ...explanationParagraphs(view.explanation, tz));
      // An external unit is escalated to its own head with the chairman in copy, never above it.
      if (kind === 'escalation' && view.level !== 'chairman') paragraphs.push(['Chủ tịch UBND tỉnh được đồng gửi thông báo này để theo dõi, chỉ đạo.']);
      break;
    }
    case 'resolved': {
      const how = view.resolution ? `: ${resolutionPhrase(view.resolution, tz)}` : '';
      const late = view.resolution?.kind === 'completed' && overdue > 0 ? `, quá hạn ${workingDays(overdue)}` : '';
      const note = view.resolution?.note ? ` (${view.resolution.note})` : '';
      paragraphs.push([...taskRef(view), ' ', { strong: 'đã được khắc phục' }, `${how}${late}${note}.`]);
      paragraphs.push(['Các thông báo trước đây về nhiệm vụ này không cần xử lý thêm.']);
      break;
    }
    default:
      assertNever(kind);
  }
  return paragraphs;
}

function escalationHistory(view: NotificationView): string {
  const tz = view.province.timeZone;
  const toHead = view.previousNotices.find((n) => n.kind === 'overdue' || n.kind === 'underperforming');
  const told = toHead ? `Ngày ${formatDate(toHead.at, tz)}, hệ thống đã thông báo tới ${headAddress(view)}` : `${headAddress(view)} đã được thông báo`;
  if (view.acknowledgedBy) {
    return `${told}; đơn vị đã xác nhận tiếp nhận (${view.acknowledgedBy}) nhưng đến nay nhiệm vụ vẫn chưa được khắc phục.`;
  }
  return `${told}; đến nay đơn vị chưa xác nhận tiếp nhận và nhiệm vụ vẫn chưa được khắc phục.`;
}

function requestOf(view: NotificationView): EmailContent['request'] {
  if (view.kind === 'resolved') return null;
  const kind = effectiveKind(view);
  if (isAnswerKind(kind)) return { text: answerRequest(view, kind, view.answer ?? {}), ackUrl: null, ackCommand: null };
  const external = isExternal(view.task);
  const unit = view.task.unitName;
  const head = headAddress(view);
  let text: string;
  if (kind === 'reminder') {
    text = external
      ? `Đề nghị ${unit} quan tâm, phối hợp thực hiện, hoàn thành nhiệm vụ đúng thời hạn và thông báo kết quả để tổng hợp.`
      : `Yêu cầu ${unit} tập trung thực hiện, hoàn thành nhiệm vụ đúng thời hạn và cập nhật kết quả, số liệu lên hệ thống.`;
  } else if (view.level === 'chairman') {
    text = external
      ? `Kính đề nghị Chủ tịch UBND tỉnh xem xét, có ý kiến đề nghị ${head} phối hợp khẩn trương hoàn thành nhiệm vụ.`
      : `Kính đề nghị Chủ tịch UBND tỉnh xem xét, chỉ đạo ${head} khẩn trương hoàn thành nhiệm vụ.`;
  } else {
    const what = kind === 'underperforming' ? 'có giải pháp đẩy nhanh tiến độ, cập nhật số liệu chỉ tiêu' : 'khẩn trương hoàn thành nhiệm vụ, báo cáo kết quả';
    text = external ? `Đề nghị ${head} quan tâm, phối hợp ${what}` : `Yêu cầu ${head} chỉ đạo ${what}`;
    text += view.acknowledgedBy ? '.' : ' và xác nhận đã tiếp nhận thông báo này.';
    if (view.kind !== 'repeat' && view.explanationDueAt) {
      text += ` Đề nghị giải trình rõ nguyên nhân, lý do và giải pháp chấn chỉnh trước ngày ${formatDate(view.explanationDueAt, view.province.timeZone)}.`;
    }
  }
  // Only the head acknowledges; a chairman's or a contact's copy carries no acknowledgement control.
  const wantsAck = view.level === 'head' && kind !== 'reminder' && !view.acknowledgedBy;
  return {
    text,
    ackUrl: wantsAck ? (view.action.ackUrl ?? null) : null,
    ackCommand: wantsAck && !view.action.ackUrl ? view.action.ackCommand : null,
  };
}

function factsOf(view: NotificationView): Fact[] {
  const tz = view.province.timeZone;
  const { task } = view;
  const overdue = view.overdueWorkingDays ?? 0;
  const facts: Fact[] = [
    { label: 'Mã nhiệm vụ', value: task.code, strong: true },
    { label: 'Nội dung', value: task.title },
    { label: 'Đơn vị chủ trì', value: task.unitName },
  ];
  if (task.document) facts.push({ label: 'Văn bản giao', value: task.document });
  if (task.product) facts.push({ label: 'Sản phẩm', value: task.product });
  const deadline = task.deadline === null ? (task.deadlineText ?? 'Thường xuyên') : formatDate(task.deadline, tz);
  const wording = task.deadline !== null && task.deadlineText ? ` (${task.deadlineText})` : '';
  facts.push({ label: 'Thời hạn', value: deadline + wording, strong: true });
  if (overdue > 0) facts.push({ label: 'Quá hạn', value: workingDays(overdue), strong: true });
  else if (view.kind === 'reminder' && view.daysLeft !== undefined && task.deadline !== null) {
    facts.push({ label: 'Còn lại', value: workingDays(Math.max(0, view.daysLeft)), strong: true });
  }
  const head = headOf(view);
  facts.push({ label: 'Chịu trách nhiệm', value: head ? `${headAddress(view)} – ${head.name}` : headAddress(view) });
  if (view.level !== 'unit' && view.kind !== 'resolved') {
    const at = view.acknowledgedAt ? ` ngày ${formatDate(view.acknowledgedAt, tz)}` : '';
    facts.push({ label: 'Tiếp nhận', value: view.acknowledgedBy ? `Đã xác nhận${at} (${view.acknowledgedBy})` : 'Chưa xác nhận' });
  }
  return facts;
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}
