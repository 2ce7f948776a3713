import { parseDeadline } from '../domain/deadline-form.js';
import { formatDate } from '../domain/vietnamese-format.js';
import type { WorkingCalendar } from '../domain/working-calendar.js';
import type { TaskPolicy } from '../../workflows/task-policy.js';
import type { ProblemCollector } from './problem-collector.js';
import { dateInputText, parseInstant } from './seed-instant.js';
import { taskSchema, type RawTask } from './seed-schema.js';
import type { SeedReport, SeedTask } from './seed-types.js';
import { knownList } from './validate-units.js';

export interface TaskCheckContext {
  calendar: WorkingCalendar;
  unitCodes: readonly string[];
  policies: ReadonlyMap<string, TaskPolicy>;
  /** Names the file defines, valid or not (a broken policy is reported once, at the policy). */
  policyNames: ReadonlySet<string>;
  now: number;
}

/** Checks the `tasks` section: shapes, unique codes, units, policies, deadlines, start dates, indicators and reports. */
export function validateTasks(raw: readonly unknown[], context: TaskCheckContext, problems: ProblemCollector): SeedTask[] {
  const tasks: SeedTask[] = [];
  const firstIndex = new Map<string, number>();
  const units = new Set(context.unitCodes);
  raw.forEach((value, i) => {
    const path = ['tasks', i];
    const valid = problems.parse(taskSchema, value, path);
    // Cross-checks still run on the fields that have the right type, so every problem is reported at once.
    const parsed = valid ?? looseTask(value);
    let ok = valid !== null;
    const fail = (field: (string | number)[], message: string) => {
      problems.add([...path, ...field], message);
      ok = false;
    };
    const seen = firstIndex.get(parsed.code);
    if (seen !== undefined) fail(['code'], `"${parsed.code}" is already the code of tasks[${seen}]; task codes must be unique`);
    else if (parsed.code !== '') firstIndex.set(parsed.code, i);

    if (parsed.unit !== '' && !units.has(parsed.unit)) fail(['unit'], `unknown unit "${parsed.unit}" — known: ${knownList(context.unitCodes)}`);
    const coordinating = parsed.coordinatingUnits ?? [];
    coordinating.forEach((code, j) => {
      if (!units.has(code)) fail(['coordinatingUnits', j], `unknown unit "${code}" — known: ${knownList(context.unitCodes)}`);
      else if (code === parsed.unit) fail(['coordinatingUnits', j], `"${code}" is the task's own unit; list only the units that help it`);
      else if (coordinating.indexOf(code) !== j) fail(['coordinatingUnits', j], `"${code}" is listed twice`);
    });

    const policyName = parsed.policy ?? 'default';
    const policy = context.policies.get(policyName);
    if (policy === undefined && !context.policyNames.has(policyName)) {
      fail(['policy'], `unknown policy "${policyName}" — known: ${knownList([...new Set([...context.policyNames, ...context.policies.keys()])])}`);
    } else if (policy === undefined) ok = false;

    const deadlineText = parsed.deadline === '' ? null : dateInputText(parsed.deadline);
    const deadline = deadlineText === null ? 'missing' : parseDeadline(deadlineText, context.calendar);
    if (typeof deadline === 'string' && deadlineText !== null) fail(['deadline'], deadline);

    const startText = parsed.startDate == null ? null : dateInputText(parsed.startDate);
    let start: number | null = null;
    if (startText !== null) {
      const parsedStart = parseInstant(startText, context.calendar, 'start');
      if (typeof parsedStart === 'string') fail(['startDate'], parsedStart);
      else start = parsedStart;
    }
    if (start !== null && typeof deadline !== 'string' && deadline.kind === 'instant' && deadline.at <= start) {
      fail(['deadline'], `"${deadlineText}" (${formatDate(deadline.at, context.calendar.timeZone)}) is not after startDate "${startText}"; a task must end after it starts`);
    }

    const reports: SeedReport[] = [];
    const indicator = parsed.indicator ?? null;
    if (indicator) {
      if (indicator.direction === 'increase' && indicator.target < indicator.baseline) {
        fail(['indicator', 'target'], `is ${indicator.target}, below the baseline ${indicator.baseline}, but direction is increase; raise the target or write direction: decrease`);
      }
      if (indicator.direction === 'decrease' && indicator.target > indicator.baseline) {
        fail(['indicator', 'target'], `is ${indicator.target}, above the baseline ${indicator.baseline}, but direction is decrease; lower the target or write direction: increase`);
      }
      (indicator.reports ?? []).forEach((report, j) => {
        const atText = dateInputText(report.at);
        const at = parseInstant(atText, context.calendar, 'end');
        if (typeof at === 'string') fail(['indicator', 'reports', j, 'at'], at);
        else if (at > context.now) fail(['indicator', 'reports', j, 'at'], `"${atText}" is in the future; a report records a value already measured`);
        else reports.push({ at, value: report.value });
      });
    }
    if (!ok || valid === null || typeof deadline === 'string' || policy === undefined) return;
    reports.sort((a, b) => a.at - b.at);
    tasks.push({
      code: parsed.code,
      title: parsed.title.trim(),
      unitCode: parsed.unit,
      coordinatingUnitCodes: coordinating,
      document: parsed.document?.trim() ?? null,
      product: parsed.product?.trim() || null,
      startText,
      start,
      deadline,
      policyName,
      policy,
      indicator: indicator
        ? { name: indicator.name.trim(), unit: indicator.unit, baseline: indicator.baseline, target: indicator.target, direction: indicator.direction }
        : null,
      reports,
    });
  });
  return tasks;
}

type LooseTask = Omit<RawTask, 'indicator'> & { indicator?: (Omit<NonNullable<RawTask['indicator']>, 'reports'> & { reports?: { at: string | Date; value: number }[] }) | null };

// The fields of a malformed task that have the right type ('' / [] / undefined for the others).
function looseTask(value: unknown): LooseTask {
  const v = (value !== null && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const text = (x: unknown): string => (typeof x === 'string' ? x : '');
  const dateish = (x: unknown): string | Date | undefined => (typeof x === 'string' || x instanceof Date ? x : undefined);
  const ind = v.indicator !== null && typeof v.indicator === 'object' ? (v.indicator as Record<string, unknown>) : null;
  const num = (x: unknown): number => (typeof x === 'number' ? x : Number.NaN);
  return {
    code: text(v.code),
    title: text(v.title),
    unit: text(v.unit),
    deadline: dateish(v.deadline) ?? '',
    startDate: dateish(v.startDate) ?? null,
    document: null,
    product: null,
    coordinatingUnits: Array.isArray(v.coordinatingUnits) ? v.coordinatingUnits.filter((c): c is string => typeof c === 'string') : [],
    policy: typeof v.policy === 'string' ? v.policy : undefined,
    indicator: ind
      ? {
          name: text(ind.name),
          unit: text(ind.unit),
          baseline: num(ind.baseline),
          target: num(ind.target),
          direction: ind.direction === 'decrease' ? 'decrease' : 'increase',
          reports: Array.isArray(ind.reports)
            ? ind.reports.flatMap((r: unknown) => {
                const at = dateish((r as { at?: unknown } | null)?.at);
                return at === undefined ? [] : [{ at, value: num((r as { value?: unknown }).value) }];
              })
            : [],
        }
      : null,
  };
}
