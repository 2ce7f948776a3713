import type ExcelJS from 'exceljs';
import { InputError, SeedValidationError } from '../errors.js';
import { dateInputText } from './seed-instant.js';
import type { SeedDocument } from './read-seed-document.js';
import type { Locate } from './seed-types.js';
import { foldVietnamese } from '../domain/fold-vietnamese.js';

/**
 * Reads the first sheet of an Excel plan laid out like a Kế hoạch appendix (STT | Nhiệm vụ | Đơn vị chủ
 * trì | Đơn vị phối hợp | Thời gian hoàn thành | Sản phẩm/kết quả, optionally Mã) and returns it as a seed
 * document: the province file's sections plus its tasks, with problems located by sheet, row and column.
 *
 * - The header row is the first of the first 30 rows that names both "Nhiệm vụ" and "Đơn vị chủ trì";
 *   title rows above it are ignored; headers match without regard to case or diacritics.
 * - Units are matched by code or by name (case and diacritics ignored); "Đơn vị phối hợp" lists several,
 *   separated by commas, semicolons or line breaks.
 * - A task's code is its "Mã" cell, else `<prefix>-<STT>` where the prefix is the sheet name folded to
 *   ASCII capitals and dashes ("Phụ lục" → PHU-LUC, so row STT 7 is PHU-LUC-7).
 * - A row with neither "Đơn vị chủ trì" nor "Thời gian hoàn thành" is a section heading and is skipped.
 * - Dates may be Excel dates or text in any deadline form; titles are written on one line (a wrapped
 *   cell's line breaks become spaces).
 */
export async function readExcelPlan(file: string, province: SeedDocument): Promise<SeedDocument> {
  // Loaded here, not with the module: exceljs takes a third of a second to load, which YAML and JSON seeds never need.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new InputError(`${file}: cannot read it as an Excel workbook (${(error as Error).message}); save it as .xlsx.`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SeedValidationError(file, ['the workbook has no sheet; expected the plan on its first sheet']);
  const header = findHeader(sheet);
  if ('missing' in header) {
    throw new SeedValidationError(file, [
      `Sheet "${sheet.name}": no header row with the columns ${header.missing.join(', ')} in its first 30 rows; expected a row like STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành | Sản phẩm/kết quả`,
    ]);
  }
  const base = (province.value ?? {}) as Record<string, unknown>;
  const units = Array.isArray(base.units) ? (base.units as { code?: unknown; name?: unknown }[]) : [];
  const unitByKey = new Map<string, string>();
  for (const u of units) {
    if (typeof u?.code !== 'string') continue;
    unitByKey.set(foldVietnamese(u.code), u.code);
    if (typeof u.name === 'string') unitByKey.set(foldVietnamese(u.name), u.code);
  }
  const resolve = (text: string) => unitByKey.get(foldVietnamese(text)) ?? text;
  const ownTasks = Array.isArray(base.tasks) ? (base.tasks as unknown[]) : [];
  const prefix = foldVietnamese(sheet.name).toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-|-$/g, '') || 'PL';

  const tasks: unknown[] = [];
  const rows: number[] = [];
  const columns = header.columns;
  for (let r = header.row + 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const cell = (key: ColumnKey) => (columns[key] === undefined ? undefined : row.getCell(columns[key] as number).value);
    const text = (key: ColumnKey) => cellText(cell(key));
    const title = oneLine(text('title'));
    const unit = oneLine(text('unit'));
    const deadlineCell = cell('deadline');
    const deadline = deadlineValue(deadlineCell);
    if (!title && !unit && deadline === '') continue;
    if (!unit && deadline === '') continue;
    const stt = oneLine(text('stt')).replace(/\.$/, '');
    const code = oneLine(text('code')) || (stt ? `${prefix}-${stt}` : '');
    const coordinating = text('coordinating')
      .split(/[,;\n]+/)
      .map((s) => oneLine(s))
      .filter(Boolean)
      .map(resolve);
    const product = text('product').trim();
    tasks.push({
      code,
      title,
      unit: unit ? resolve(unit) : '',
      deadline,
      ...(coordinating.length ? { coordinatingUnits: coordinating } : {}),
      ...(product ? { product } : {}),
    });
    rows.push(r);
  }

  const labels = header.labels;
  const fieldColumn: Record<string, ColumnKey> = {
    code: columns.code !== undefined ? 'code' : 'stt',
    title: 'title',
    unit: 'unit',
    coordinatingUnits: 'coordinating',
    deadline: 'deadline',
    product: 'product',
  };
  const locate: Locate = (path) => {
    const [section, index, field] = path;
    if (section === 'tasks' && typeof index === 'number' && index >= ownTasks.length) {
      const row = rows[index - ownTasks.length];
      const key = typeof field === 'string' ? fieldColumn[field] : undefined;
      const column = key ? labels[key] : undefined;
      return { where: `Sheet "${sheet.name}" row ${row}${column ? `, column "${column}"` : ''}`, insteadOfPath: true };
    }
    const inProvince = province.locate(path);
    return { where: `${province.file}${inProvince ? ` ${inProvince.where}` : ''}`, insteadOfPath: false };
  };
  return { file, value: { ...base, tasks: [...ownTasks, ...tasks] }, locate };
}

type ColumnKey = 'stt' | 'code' | 'title' | 'unit' | 'coordinating' | 'deadline' | 'product';

const HEADERS: Record<ColumnKey, { names: string[]; required: boolean; label: string }> = {
  stt: { names: ['stt', 'so tt', 'so thu tu'], required: false, label: 'STT' },
  code: { names: ['ma', 'ma nhiem vu', 'ma so'], required: false, label: 'Mã' },
  title: { names: ['nhiem vu', 'noi dung nhiem vu', 'ten nhiem vu', 'noi dung'], required: true, label: 'Nhiệm vụ' },
  unit: { names: ['don vi chu tri', 'co quan chu tri', 'chu tri'], required: true, label: 'Đơn vị chủ trì' },
  coordinating: { names: ['don vi phoi hop', 'co quan phoi hop', 'phoi hop'], required: false, label: 'Đơn vị phối hợp' },
  deadline: { names: ['thoi gian hoan thanh', 'thoi han hoan thanh', 'thoi han', 'thoi gian'], required: true, label: 'Thời gian hoàn thành' },
  product: { names: ['san pham/ket qua', 'san pham', 'ket qua', 'san pham ket qua', 'san pham, ket qua'], required: false, label: 'Sản phẩm/kết quả' },
};

function findHeader(sheet: ExcelJS.Worksheet):
  | { row: number; columns: Partial<Record<ColumnKey, number>>; labels: Partial<Record<ColumnKey, string>> }
  | { missing: string[] } {
  let best: string[] = Object.values(HEADERS).filter((h) => h.required).map((h) => `"${h.label}"`);
  for (let r = 1; r <= Math.min(30, sheet.rowCount); r += 1) {
    const columns: Partial<Record<ColumnKey, number>> = {};
    const labels: Partial<Record<ColumnKey, string>> = {};
    sheet.getRow(r).eachCell((cell, col) => {
      const label = oneLine(cellText(cell.value));
      const folded = foldVietnamese(label).replace(/\s*\/\s*/g, '/');
      for (const [key, spec] of Object.entries(HEADERS) as [ColumnKey, (typeof HEADERS)[ColumnKey]][]) {
        if (columns[key] === undefined && spec.names.includes(folded)) {
          columns[key] = col;
          labels[key] = label;
        }
      }
    });
    const missing = (Object.entries(HEADERS) as [ColumnKey, (typeof HEADERS)[ColumnKey]][])
      .filter(([key, spec]) => spec.required && columns[key] === undefined)
      .map(([, spec]) => `"${spec.label}"`);
    if (missing.length === 0) return { row: r, columns, labels };
    if (missing.length < best.length) best = missing;
  }
  return { missing: best };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return dateInputText(value);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return '';
}

// An Excel date cell gives a Date at UTC midnight of the date shown; a bare serial number is read the same way.
function deadlineValue(value: ExcelJS.CellValue | undefined): string {
  if (value instanceof Date) return dateInputText(value);
  if (typeof value === 'number' && value > 20000 && value < 80000) return dateInputText(new Date(Math.round((value - 25569) * 86_400_000)));
  return oneLine(cellText(value));
}
