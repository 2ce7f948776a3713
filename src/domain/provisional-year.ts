import type { WorkingCalendar } from './working-calendar.js';

/** The year of the local date that contains `at`, when that year's days off are not announced yet; otherwise null. */
export function provisionalYearAt(calendar: WorkingCalendar, at: number): number | null {
  const year = Number(calendar.localDate(at).slice(0, 4));
  return calendar.holidays(year).provisional ? year : null;
}

/** What a user is told about a working-day count that falls in a provisional year. */
export function provisionalYearNote(year: number): string {
  return `Lịch nghỉ năm ${year} chưa được công bố; ngày làm việc được tính tạm theo Bộ luật Lao động`;
}
