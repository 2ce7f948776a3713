import { formatDateTime } from '../../domain/vietnamese-format.js';
import { previewNotifications, type PreviewItem } from '../../engine/read/preview.js';
import { InputError } from '../../errors.js';
import { printJson, withEngine } from '../with-engine.js';
import { PROVINCE_ROW } from '../../db/province-row.js';
import { DEFAULT_TIME_ZONE } from '../../domain/time-zone.js';

/** `da06 preview [--days N] [--json]`: who will be emailed, when and why, over the next N days; nothing is sent. */
export async function runPreview(options: { days: string; json?: boolean }): Promise<void> {
  const days = Number(options.days);
  if (!Number.isFinite(days) || days <= 0 || days > 366) throw new InputError(`--days "${options.days}" is not a number of days: expected 1 to 366.`);
  await withEngine(async (engine) => {
    const province = await engine.prisma.province.findUnique({ where: PROVINCE_ROW, select: { timeZone: true } });
    const items = await previewNotifications(engine, days);
    const from = engine.now();
    if (options.json) {
      printJson({
        from: new Date(from).toISOString(),
        until: new Date(from + days * 86_400_000).toISOString(),
        emails: items.map((i) => ({ ...i, at: new Date(i.at).toISOString(), to: i.to.map((p) => p.email), cc: i.cc.map((p) => p.email) })),
      });
    } else process.stdout.write(renderPreview(items, days, province?.timeZone ?? DEFAULT_TIME_ZONE));
  });
}

function renderPreview(items: PreviewItem[], days: number, timeZone: string): string {
  if (items.length === 0) return `No email expected in the next ${days} day(s).\n`;
  const lines = [`${items.length} email(s) expected in the next ${days} day(s); nothing was sent:`];
  for (const i of items) {
    const cc = i.cc.length ? `; cc ${i.cc.map((p) => p.email).join(', ')}` : '';
    lines.push(`  ${formatDateTime(i.at, timeZone)}  [${i.task}] ${i.kind} → ${i.to.map((p) => p.email).join(', ')}${cc} — ${i.reason}${i.provisional ? ' (counted in working days of a year whose days off are not announced yet: provisional)' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
