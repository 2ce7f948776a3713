/**
 * Subject lines: `[CODE] V/v <state>: <title>`, the state first so a list of subjects reads as a list of
 * problems, the title truncated with `…` to keep the line under SUBJECT_MAX characters.
 */
import { formatDate } from './format-vi.js';
import type { DigestView, NotificationView } from './notification-view.js';
import { answerSubjectPhrase } from './answer-content.js';
import { assertNever, problemPhrase, repeatNumberOf, resolutionPhrase, workingDays } from './notice-wording.js';

export const SUBJECT_MAX = 120;

/** The subject of one notice, e.g. `[HG-2024-05] V/v nhiệm vụ quá hạn 3 ngày làm việc: Kế hoạch …`. */
export function subjectFor(view: NotificationView): string {
  const title = oneLine(view.task.title);
  const state = statePhrase(view);
  // A state that already holds a colon (`báo cáo Chủ tịch UBND tỉnh: …`) is set off from the title by a dash.
  return fit(`[${oneLine(view.task.code)}] V/v ${state}${state.includes(':') ? ' – ' : ': '}`, title);
}

/** The subject of the chairman's daily digest. */
export function digestSubjectFor(view: DigestView): string {
  return `[Đề án 06] Tổng hợp nhiệm vụ cần Chủ tịch chỉ đạo ngày ${formatDate(view.date, view.province.timeZone)}`;
}

function statePhrase(view: NotificationView): string {
  const repeat = view.kind === 'repeat' ? ` (nhắc lại lần ${repeatNumberOf(view)})` : '';
  switch (view.kind) {
    case 'reminder':
      return `nhắc thực hiện nhiệm vụ${reminderWhen(view)}`;
    case 'overdue':
    case 'underperforming':
      return problemPhrase(view);
    case 'escalation':
      return `báo cáo Chủ tịch UBND tỉnh: ${problemPhrase(view)}`;
    case 'repeat':
      return view.level === 'chairman' || view.repeatOf === 'escalation'
        ? `báo cáo Chủ tịch UBND tỉnh${repeat}: ${problemPhrase(view)}`
        : `${problemPhrase(view)}${repeat}`;
    case 'resolved':
      return view.resolution
        ? `nhiệm vụ đã khắc phục (${resolutionPhrase(view.resolution, view.province.timeZone)})`
        : 'nhiệm vụ đã khắc phục';
    case 'obstacle':
    case 'obstacle-resolved':
    case 'confirmation':
    case 'returned':
      return answerSubjectPhrase(view.kind, view.answer ?? {});
    default:
      return assertNever(view.kind);
  }
}

function reminderWhen(view: NotificationView): string {
  if (view.task.deadline === null) return ' thường xuyên';
  if (view.daysLeft === undefined) return ` (hạn ${formatDate(view.task.deadline, view.province.timeZone)})`;
  if (view.daysLeft <= 0) return ' (đến hạn hôm nay)';
  return ` (còn ${workingDays(view.daysLeft)})`;
}

/** Appends as much of `title` as fits, cutting at a word and marking the cut with `…`. */
function fit(head: string, title: string): string {
  const room = SUBJECT_MAX - [...head].length;
  const chars = [...title];
  if (chars.length <= room) return head + title;
  if (room <= 1) return head.replace(/(: | – )$/, '');
  let cut = chars.slice(0, room - 1).join('');
  const lastSpace = cut.lastIndexOf(' ');
  if (lastSpace > cut.length / 2) cut = cut.slice(0, lastSpace);
  return `${head}${cut.replace(/[\s,;:–-]+$/, '')}…`;
}

function oneLine(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
