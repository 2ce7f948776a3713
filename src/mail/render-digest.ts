/**
 * Renders the chairman's daily digest: every task waiting for the chairman, grouped by unit, in one table.
 */
import { formatDate } from './format-vi.js';
import { renderHtml, renderText } from './mail-templates.js';
import type { DigestFollowUp, DigestTask, DigestView, RenderedEmail } from './notification-view.js';
import { addressOf } from './notice-wording.js';
import { digestSubjectFor } from './subject-for.js';

interface DigestRow {
  code: string;
  title: string;
  state: string;
  deadline: string;
  overdue: string;
  since: string;
  acknowledged: string;
  acknowledgedOk: boolean;
}

/** The subject, text and HTML of the chairman's digest. */
export function renderDigest(view: DigestView): RenderedEmail {
  const tz = view.province.timeZone;
  const date = formatDate(view.date, tz);
  const groups = view.items
    .filter((item) => item.tasks.length > 0)
    .map((item) => ({
      unitName: item.unitName,
      rows: [...item.tasks].sort((a, b) => b.overdueWorkingDays - a.overdueWorkingDays).map((task) => rowOf(task, tz)),
    }));
  const taskCount = groups.reduce((sum, group) => sum + group.rows.length, 0);
  const lead =
    taskCount === 0
      ? `Tính đến ngày ${date}, không có nhiệm vụ nào cần Chủ tịch UBND tỉnh chỉ đạo.`
      : `Hệ thống kính báo cáo Chủ tịch UBND tỉnh: tính đến ngày ${date}, có ${taskCount} nhiệm vụ của ${groups.length} đơn vị cần Chủ tịch UBND tỉnh xem xét, chỉ đạo.`;
  const followUp = followUpSections(view, tz);
  const data = {
    followUp,
    subject: digestSubjectFor(view),
    province: view.province.name,
    greeting: `Kính gửi: ${addressOf(view.chairman)}`,
    lead,
    groups,
    taskCount,
    signature: `Hệ thống theo dõi nhiệm vụ Đề án 06 – ${view.province.name}`,
  };
  return { subject: data.subject, text: renderText('@digest.txt', data), html: renderHtml('@digest.html', data) };
}

/** The follow-up lists, each with its count and at most FOLLOW_UP_LINES lines (the overview has the rest). */
const FOLLOW_UP_LINES = 20;

function followUpSections(view: DigestView, timeZone: string): { title: string; count: number; lines: string[]; more: number }[] {
  const f = view.followUp;
  if (!f) return [];
  const date = (at: number | null) => (at === null ? '' : formatDate(at, timeZone));
  const section = (title: string, items: DigestFollowUp[], describe: (item: DigestFollowUp) => string) => ({
    title,
    count: items.length,
    lines: items.slice(0, FOLLOW_UP_LINES).map((item) => `[${item.code}] ${item.title} – ${item.unitName}: ${describe(item)}`),
    more: Math.max(0, items.length - FOLLOW_UP_LINES),
  });
  return [
    section('Đơn vị chưa giải trình đúng hạn', f.explanationsMissing, (i) => `hạn giải trình ${date(i.at)}`),
    section('Vướng mắc chưa được tháo gỡ', f.openObstacles, (i) =>
      i.obstacle ? `${i.obstacle.id} “${i.obstacle.description}”, báo cáo ngày ${date(i.at)} (${i.obstacle.ageWorkingDays} ngày làm việc)` : date(i.at),
    ),
    section('Báo cáo hoàn thành chờ xác nhận', f.awaitingConfirmation, (i) => `báo cáo ngày ${date(i.at)}`),
    section('Nhiệm vụ sắp đến hạn', f.dueSoon, (i) => `thời hạn ${date(i.at)}`),
  ];
}

function rowOf(task: DigestTask, timeZone: string): DigestRow {
  return {
    code: task.code,
    title: task.title,
    state: task.stateLabel ?? stateLabel(task.state),
    deadline: task.deadline === null ? 'Thường xuyên' : formatDate(task.deadline, timeZone),
    overdue: task.overdueWorkingDays > 0 ? String(task.overdueWorkingDays) : '–',
    since: formatDate(task.since, timeZone),
    acknowledged: task.acknowledgedBy ?? 'Chưa xác nhận',
    acknowledgedOk: Boolean(task.acknowledgedBy),
  };
}

/** The machine's state names in Vietnamese; an unknown name is shown as it is rather than hidden. */
function stateLabel(state: string): string {
  const s = state.toLowerCase();
  if (s.includes('overdue')) return 'Quá hạn';
  if (s.includes('underperforming') || s.includes('atrisk')) return 'Chỉ tiêu chậm tiến độ';
  if (s.includes('suspended')) return 'Tạm dừng';
  return state;
}

