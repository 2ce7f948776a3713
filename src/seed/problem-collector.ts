import type { z } from 'zod';
import { formatPath, problemsFromIssues } from './seed-issues.js';
import type { Locate, SeedProblem } from './seed-types.js';

type Path = readonly (string | number)[];

/** Collects every problem of one seed file, with where each lies; `render` writes one line per problem. */
export class ProblemCollector {
  readonly problems: SeedProblem[] = [];

  constructor(private readonly locate: Locate = () => undefined) {}

  /** Records a problem at `path`. */
  add(path: Path, message: string): void {
    const location = this.locate(path);
    this.problems.push({ path: formatPath(path), message, ...(location ? { location } : {}) });
  }

  /** Checks `value` (found at `path`) against `schema`; records its issues and returns the data, or null. */
  parse<T>(schema: z.ZodType<T>, value: unknown, path: Path): T | null {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const problem of problemsFromIssues(result.error.issues, path, value, (p) => fieldsAt(schema, p.slice(path.length)))) {
      this.add(problem.path, problem.message);
    }
    return null;
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }
}

/** One line per problem: `tasks[3].unit (line 42): unknown unit …` or `Sheet "…" row 7, column "…": …`. */
export function renderProblem(problem: SeedProblem): string {
  const { location } = problem;
  if (!location) return `${problem.path}: ${problem.message}`;
  if (location.insteadOfPath) return `${location.where}: ${problem.message}`;
  return `${problem.path} (${location.where}): ${problem.message}`;
}

// The fields a strict mapping accepts, found by walking the schema along the path (lists and optionals unwrapped).
function fieldsAt(schema: z.ZodType, path: Path): readonly string[] | undefined {
  let current: unknown = schema;
  const unwrap = () => {
    for (let i = 0; i < 5; i += 1) {
      const def = (current as { _zod?: { def?: { type?: string; innerType?: unknown } } })._zod?.def;
      if (def && (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) current = def.innerType;
      else return;
    }
  };
  for (const part of path) {
    unwrap();
    const def = (current as { _zod?: { def?: { type?: string; element?: unknown; shape?: Record<string, unknown> } } })._zod?.def;
    if (!def) return undefined;
    if (typeof part === 'number' && def.type === 'array') current = def.element;
    else if (typeof part === 'string' && def.type === 'object' && def.shape) current = def.shape[part];
    else return undefined;
  }
  unwrap();
  const def = (current as { _zod?: { def?: { type?: string; shape?: Record<string, unknown> } } })._zod?.def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}
