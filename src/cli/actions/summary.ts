import { STATUS_CLASSES } from '../../domain/status-class.js';
import type { StatusCounts, StatusSummary } from '../../domain/status-summary.js';
import { formatDate, formatPercent } from '../../domain/vietnamese-format.js';
import { createWorkingCalendar } from '../../domain/working-calendar.js';
import { loadStatusSummary } from '../../engine/read/summary.js';
import { InputError } from '../../errors.js';
import { parseInstant } from '../../seed/seed-instant.js';
import { printJson, withEngine } from '../with-engine.js';
import { PROVINCE_ROW } from '../../db/province-row.js';
import { DEFAULT_TIME_ZONE } from '../../domain/time-zone.js';

const SHORT = ['Trong hạn', 'Quá hạn', 'HT đúng hạn', 'HT quá hạn', 'Đã hủy'];

/** `da06 summary [--as-of DATE] [--json]`: the status classes per unit and for the province, with on-time rate and rank. */
export async function runSummary(options: { asOf?: string; json?: boolean }): Promise<void> {
  await withEngine(async (engine) => {
    const province = await engine.prisma.province.findUnique({ where: PROVINCE_ROW });
    const timeZone = province?.timeZone ?? DEFAULT_TIME_ZONE;
    let asOf = engine.now();
    if (options.asOf !== undefined) {
      const parsed = parseInstant(options.asOf, createWorkingCalendar({ timeZone }), 'end');
      if (typeof parsed === 'string') throw new InputError(`--as-of ${parsed}`);
      asOf = parsed;
    }
    const summary = await loadStatusSummary(engine.prisma, asOf);
    if (options.json) printJson({ ...summary, asOf: new Date(summary.asOf).toISOString() });
    else process.stdout.write(renderSummary(summary, province?.name ?? 'Tỉnh', timeZone));
  });
}

function rate(value: number | null): string {
  return value === null ? '—' : formatPercent(value * 100);
}

function counts(byStatus: StatusCounts): string[] {
  return STATUS_CLASSES.map((c) => String(byStatus[c]));
}

/** A readable table: one line per unit (ranked), then the province. */
export function renderSummary(summary: StatusSummary, provinceName: string, timeZone: string): string {
  const header = ['Hạng', 'Mã', 'Đơn vị', ...SHORT, 'Tỷ lệ đúng hạn'];
  const rows = summary.units.map((u) => [u.rank === null ? '—' : String(u.rank), u.code, u.ceased ? `${u.name} (đã giải thể)` : u.name, ...counts(u.byStatus), rate(u.onTimeRate)]);
  const total = ['', '', provinceName, ...counts(summary.province.byStatus), rate(summary.province.onTimeRate)];
  const all = [header, ...rows, total];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((cell, i) => (i >= 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [`Tình hình thực hiện nhiệm vụ đến ngày ${formatDate(summary.asOf, timeZone)} (${summary.province.total} nhiệm vụ)`, line(header), rule, ...rows.map(line), rule, line(total), ''].join('\n');
}
