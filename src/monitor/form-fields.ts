import { parseTypedDate, readTypedText, MAX_TYPED_CHARS, type TypedTextProblem } from '../domain/typed-text.js';
import { timeZoneNamed } from '../domain/time-zone.js';
import { formatNumber } from '../domain/vietnamese-format.js';

/** A field of a posted form that was refused, with the value as typed (shown back escaped) and why, in Vietnamese. */
export interface FieldProblem {
  field: string;
  value: string;
  message: string;
}

/** The longest text a person may type in one field, in characters (the same through every door). */
export const MAX_FIELD_CHARS = MAX_TYPED_CHARS;

const DECIMAL = /^[+-]?\d{1,15}(?:[.,]\d{1,15})?$/;

function problemText(problem: TypedTextProblem): string {
  switch (problem.kind) {
    case 'empty':
      return 'chưa được nhập.';
    case 'newline':
      return 'chỉ được ghi trên một dòng (không xuống dòng).';
    case 'control':
      return 'có ký tự điều khiển không được phép.';
    case 'tooLong':
      return `dài ${formatNumber(problem.length)} ký tự, vượt quá ${formatNumber(MAX_FIELD_CHARS)} ký tự cho phép.`;
  }
}

type FormBody = Record<string, unknown>;

/**
 * Reads the fields of one urlencoded form body with the rules of every door (`readTypedText`); every problem is
 * collected (in order) rather than thrown, so a page can name all of them at once, each with its label.
 */
export class FormFields {
  readonly problems: FieldProblem[] = [];

  constructor(
    private readonly form: FormBody,
    private readonly labels: Readonly<Record<string, string>>,
  ) {}

  private refuse(field: string, value: string, message: string): null {
    this.problems.push({ field, value, message: `${this.labels[field] ?? field}: ${message}` });
    return null;
  }

  /** A text field; null when it is empty and optional (or refused). `singleLine` refuses CR and LF (numbers, dates, document references). */
  text(field: string, options: { required: boolean; singleLine?: boolean }): string | null {
    const raw = this.form[field];
    if (raw === undefined) return options.required ? this.refuse(field, '', problemText({ kind: 'empty' })) : null;
    if (typeof raw !== 'string') return this.refuse(field, String(raw), 'được gửi nhiều lần trong một biểu mẫu.');
    const read = readTypedText(raw, options);
    return read.ok ? read.text : this.refuse(field, raw, problemText(read.problem));
  }

  /** A finite number written with a dot or a comma as the decimal mark (88.8, 88,8), without thousands separators. */
  number(field: string): number | null {
    const text = this.text(field, { required: true, singleLine: true });
    if (text === null) return null;
    const value = DECIMAL.test(text) ? Number(text.replace(',', '.')) : Number.NaN;
    if (!Number.isFinite(value)) return this.refuse(field, text, 'không phải là số (ví dụ hợp lệ: 88,8 hoặc 88.8).');
    return value;
  }

  /** A local date written `dd/mm/yyyy` or `YYYY-MM-DD`, as a day number; a date that does not exist (31/02/2026) is refused. */
  date(field: string, options: { required: boolean }): number | null {
    const text = this.text(field, { required: options.required, singleLine: true });
    if (text === null) return null;
    const day = parseTypedDate(text);
    if (day === null) return this.refuse(field, text, 'không phải là ngày có thật (ghi theo dạng dd/mm/yyyy, ví dụ 30/06/2026).');
    return day;
  }

  /** Refuses a field read already, after a check of its meaning (a date in the future, before the start…). */
  reject(field: string, message: string): null {
    const raw = this.form[field];
    return this.refuse(field, typeof raw === 'string' ? raw : '', message);
  }
}

/** The instant a report dated `day` (local) stands for: now when it is today, otherwise the end of that day. */
export function reportInstant(day: number, now: number, timeZone: string): number {
  return Math.min(now, timeZoneNamed(timeZone).instantAt(day, 86_400_000 - 1));
}

/** Today's day number in the time zone. */
export function localDay(at: number, timeZone: string): number {
  return timeZoneNamed(timeZone).dayNumberAt(at);
}
