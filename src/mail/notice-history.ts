/**
 * The list of notices already sent about a task, as lines that name the date, the kind and the people:
 * `05/07/2024 – Thông báo nhiệm vụ quá hạn – gửi Giám đốc Sở Y tế (gd@syt.vn)`.
 */
import { formatDate } from './format-vi.js';
import type { NotificationView, Person } from './notification-view.js';
import { addressOf, kindLabel } from './notice-wording.js';

/** At most this many notices are listed; older ones are counted in one line. */
export const NOTICES_SHOWN = 8;

/** The notices already sent, oldest first, the oldest elided when there are many. */
export function noticeLines(view: NotificationView): string[] {
  const people = new Map<string, Person>();
  for (const person of [...(view.head ? [view.head] : []), ...view.to, ...view.cc]) {
    people.set(person.email.toLowerCase(), person);
  }
  const name = (email: string) => {
    const person = people.get(email.toLowerCase());
    return person ? `${addressOf(person)} (${email})` : email;
  };
  const notices = [...view.previousNotices].sort((a, b) => a.at - b.at);
  const hidden = Math.max(0, notices.length - NOTICES_SHOWN);
  const lines = notices.slice(hidden).map((notice) => {
    const to = notice.to.length > 0 ? ` – gửi ${notice.to.map(name).join(', ')}` : '';
    return `${formatDate(notice.at, view.province.timeZone)} – ${kindLabel(notice.kind)}${to}`;
  });
  return hidden > 0 ? [`(${hidden} thông báo trước đó không liệt kê)`, ...lines] : lines;
}
