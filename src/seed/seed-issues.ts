import type { z } from 'zod';

type Path = readonly (string | number)[];

/** A path as people read it: `tasks[3].indicator.target`, `policies["a b"].repeatEvery`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || '(top level)';
}

/** A value as a problem quotes it: JSON, shortened to stay on one line. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The value at `path` in `root`, or undefined. */
export function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  record: 'a mapping (name: value)',
  date: 'a date',
};

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return show(value);
}

/**
 * Turns zod issues (paths relative to `value`, found at `base` in the document) into problems that name
 * the field, the value found and what was expected; `known` lists the fields a mapping accepts, by path.
 */
export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  base: Path,
  value: unknown,
  knownFields: (path: Path) => readonly string[] | undefined,
): { path: Path; message: string }[] {
  const problems: { path: Path; message: string }[] = [];
  for (const issue of issues) {
    const rel = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const path = [...base, ...rel];
    const found = valueAt(value, rel);
    let message: string;
    switch (issue.code) {
      case 'invalid_type': {
        const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
        message = found === undefined ? `is missing; expected ${expected}` : `is ${describeType(found)}; expected ${expected}`;
        break;
      }
      case 'unrecognized_keys': {
        const known = knownFields(path);
        for (const key of issue.keys) {
          problems.push({
            path: [...path, key],
            message: `unknown field "${key}"${known ? `; expected one of: ${known.join(', ')}` : ''} (check its spelling)`,
          });
        }
        continue;
      }
      case 'invalid_value':
        message = `is ${show(found)}; expected one of: ${issue.values.map((v) => String(v)).join(', ')}`;
        break;
      case 'invalid_union':
        message = `is ${describeType(found)}; ${issue.message}`;
        break;
      default:
        message = found === undefined ? `is missing; ${issue.message}` : `is ${show(found)}: ${issue.message}`;
    }
    problems.push({ path, message });
  }
  return problems;
}
