/**
 * What a person may type into da06 (a cause, a remedy, an obstacle, a document reference), whichever door it
 * comes through (the workspace, the CLI): the limits and the checks are the same, the wording is each door's.
 */
import { dayNumberOf, parseDateString } from './civil-date.js';

/** The longest text a person may type in one field, in characters. */
export const MAX_TYPED_CHARS = 2000;

// C0 and C1 controls, DEL, lone CR, the Unicode line/paragraph separators and the bidirectional overrides
// (text that reads differently from what it is); a tab and a newline are fine.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const NEWLINE = /[\r\n]/;
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Why a typed text is refused. */
export type TypedTextProblem = { kind: 'newline' } | { kind: 'control' } | { kind: 'tooLong'; length: number } | { kind: 'empty' };

/**
 * Reads a typed text: CRLF read as a newline (unless single-line), NFC-normalised, trimmed. Returns the text
 * (null when empty), or the problem. An empty text is a problem only when `required`.
 */
export function readTypedText(
  raw: string,
  options: { required: boolean; singleLine?: boolean },
): { ok: true; text: string | null } | { ok: false; problem: TypedTextProblem } {
  const unified = options.singleLine ? raw : raw.replace(/\r\n/g, '\n');
  if (options.singleLine && NEWLINE.test(unified)) return { ok: false, problem: { kind: 'newline' } };
  if (CONTROL.test(unified)) return { ok: false, problem: { kind: 'control' } };
  const text = unified.normalize('NFC').trim();
  const length = [...text].length;
  if (length > MAX_TYPED_CHARS) return { ok: false, problem: { kind: 'tooLong', length } };
  if (text === '') return options.required ? { ok: false, problem: { kind: 'empty' } } : { ok: true, text: null };
  return { ok: true, text };
}

/** A local date written `dd/mm/yyyy` or `YYYY-MM-DD`, as a day number; null for a date that does not exist (31/02/2026). */
export function parseTypedDate(text: string): number | null {
  const dmy = DMY.exec(text.trim());
  return dmy ? dayNumberOf(Number(dmy[3]), Number(dmy[2]), Number(dmy[1])) : parseDateString(text.trim());
}
