/**
 * The Vietnamese phrases that the subject, the body and the digest share, so a notice names a state,
 * a person or an earlier notice the same way everywhere.
 */
import { formatDate } from './format-vi.js';
import type { NotificationKind, NotificationView, Person, Resolution, TaskView } from './notification-view.js';

/** Fails the type check when a switch over a union misses a member. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value ${JSON.stringify(value)}: the email renderer does not know it yet.`);
}

/** How an earlier notice is named in the list of notices already sent. */
export function kindLabel(kind: NotificationKind): string {
  switch (kind) {
    case 'reminder':
      return 'Nhắc thực hiện nhiệm vụ';
    case 'overdue':
      return 'Thông báo nhiệm vụ quá hạn';
    case 'underperforming':
      return 'Thông báo chỉ tiêu chậm tiến độ';
    case 'escalation':
      return 'Báo cáo Chủ tịch UBND tỉnh';
    case 'repeat':
      return 'Nhắc lại';
    case 'resolved':
      return 'Thông báo đã khắc phục';
    case 'obstacle':
      return 'Báo cáo vướng mắc';
    case 'obstacle-resolved':
      return 'Trả lời vướng mắc';
    case 'confirmation':
      return 'Đề nghị xác nhận hoàn thành';
    case 'returned':
      return 'Trả lại báo cáo hoàn thành';
    default:
      return assertNever(kind);
  }
}

/** `3 ngày làm việc`. */
export function workingDays(n: number): string {
  return `${n} ngày làm việc`;
}

/** How a person is addressed: `Giám đốc Sở Y tế`; without a title, their name and unit. */
export function addressOf(person: Person): string {
  if (person.title) return person.unitName ? joinTitle(person.title, person.unitName) : `${person.title} ${person.name}`;
  return person.unitName ? `${person.name} (${person.unitName})` : person.name;
}

/**
 * Joins an office and its unit without saying a word twice: `Giám đốc Sở` + `Sở Y tế` → `Giám đốc Sở Y tế`;
 * a title that already names the unit (`Giám đốc Công an tỉnh` + `Công an tỉnh`) is kept as it is.
 */
export function joinTitle(title: string, unitName: string): string {
  const t = title.trim();
  const u = unitName.trim();
  if (t.toLowerCase().endsWith(u.toLowerCase())) return t;
  const titleWords = t.split(/\s+/);
  const unitWords = u.split(/\s+/);
  for (let n = Math.min(titleWords.length - 1, unitWords.length); n > 0; n -= 1) {
    const tail = titleWords.slice(-n).join(' ').toLowerCase();
    const head = unitWords.slice(0, n).join(' ').toLowerCase();
    if (tail === head) return [...titleWords.slice(0, -n), ...unitWords].join(' ');
  }
  return `${t} ${u}`;
}

/** External units (BHXH, banks…) are asked, never directed. */
export function isExternal(task: TaskView): boolean {
  return task.unitKind === 'external';
}

/** The head who answers for the task, when the view tells who it is. */
export function headOf(view: NotificationView): Person | null {
  if (view.head) return view.head;
  if (view.level === 'head') return view.to[0] ?? null;
  return null;
}

/** How the head is named in a sentence: `Giám đốc Sở Y tế`, or `Thủ trưởng <unit>` when unknown. */
export function headAddress(view: NotificationView): string {
  const head = headOf(view);
  return head?.title ? addressOf(head) : `Thủ trưởng ${view.task.unitName}`;
}

/** Which repeat this is: the view says, or it counts the repeats already sent. */
export function repeatNumberOf(view: NotificationView): number {
  if (view.repeatNumber !== undefined) return view.repeatNumber;
  return view.previousNotices.filter((notice) => notice.kind === 'repeat').length + 1;
}

/** The kind whose wording a notice uses: a repeat reads like what it repeats. */
export function effectiveKind(view: NotificationView): Exclude<NotificationKind, 'repeat'> {
  if (view.kind !== 'repeat') return view.kind;
  if (view.repeatOf) return view.repeatOf;
  return view.level === 'chairman' ? 'escalation' : isPastDeadline(view) ? 'overdue' : 'underperforming';
}

/** True once the deadline has passed at the decision (on the deadline day itself the count is still 0). */
export function isPastDeadline(view: NotificationView): boolean {
  return (view.overdueWorkingDays ?? 0) > 0 || (view.task.deadline !== null && view.decidedAt >= view.task.deadline);
}

/** The short state of a task, as the subject and the badge say it: `quá hạn 3 ngày làm việc`. */
export function problemPhrase(view: NotificationView): string {
  const overdue = view.overdueWorkingDays ?? 0;
  const past = isPastDeadline(view);
  if (effectiveKind(view) === 'underperforming' || (!past && view.indicator)) {
    return view.indicator?.stale ? 'chỉ tiêu chậm báo cáo số liệu' : 'chỉ tiêu chậm tiến độ';
  }
  if (overdue > 0) return `nhiệm vụ quá hạn ${workingDays(overdue)}`;
  return past ? 'nhiệm vụ quá hạn' : 'nhiệm vụ chưa hoàn thành';
}

/** How a task recovered, as a short phrase: `hoàn thành ngày 05/07/2024`. */
export function resolutionPhrase(resolution: Resolution, timeZone: string): string {
  const on = formatDate(resolution.at, timeZone);
  switch (resolution.kind) {
    case 'completed':
      return `hoàn thành ngày ${on}`;
    case 'backOnTrack':
      return 'chỉ tiêu đã đạt kế hoạch';
    case 'deadlineExtended':
      return 'đã điều chỉnh thời hạn';
    case 'suspended':
      return `tạm dừng từ ngày ${on}`;
    case 'cancelled':
      return `đã hủy ngày ${on}`;
    default:
      return assertNever(resolution.kind);
  }
}

/** `“Kế hoạch …”`, with Vietnamese typographic quotes. */
export function quoted(text: string): string {
  return `“${text}”`;
}
